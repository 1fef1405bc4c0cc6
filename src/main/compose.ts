import { userInfo } from 'node:os'
import { join } from 'node:path'
import { createDraftStore, type DraftStore } from './services/drafts/draftStore'
import { createSettingsService, type SettingsService, type SettingsStore } from './services/settings/settingsService'
import { createFlushCoordinator, type FlushCoordinator } from './services/flush/flushCoordinator'
import { systemClock, type Clock } from './services/clock'
import type { ServiceFs } from './services/fs/serviceFs'
import { createHandlerTable, type DesktopDialogs, type DesktopNotifier, type DesktopShell, type RichClipboard } from './ipc/handlers/index'
import { createWechatExporter } from './services/wechat/wechatExporter'
import { createAssetStore, type AssetStore } from './services/assets/assetStore'
import { createArticleExporter } from './services/export/articleExporter'
import { articleOf } from '../shared/article/articleOf'
import { createDirectoryService } from './services/directory/directoryService'
import { createPackageService } from './services/package/packageService'
import { createApprovalService, type PdfRenderer } from './services/approval/approvalService'
import { createDispatcher, type Dispatch, type DispatchLogger, type HandlerTable } from './ipc/dispatch'
import { createWorkflowService, type WorkflowService } from './services/workflow/workflowService'
import { storedPhotoSize } from './services/workflow/photoSize'
import { nodeServiceFs } from './services/fs/serviceFs'
import type { FetchLike } from './services/publish/http'
import type { LivePageChecker } from './services/publish/livePage/checker'
import { createPublisher } from './services/publish/publisher'
import { nodeTransport } from './services/net/httpClient'
import { createPublishService, type PublishService } from './services/publish/publishService'
import { createMemorySecretStore, type SecretStore } from './services/publish/secretStore'
import { createOutboxRunner, type Broadcast, type OutboxRunner } from './services/publish/outboxRunner'
import { createImageService } from './services/images/imageService'
import { createInlineHeicDecoder, type HeicDecoder } from './services/images/heicDecoder'
import { previewFileFor } from './ipc/handlers/photos'
import { createPathGrants } from './services/grants/pathGrants'
import type { Resources } from './resources'
import { createInlineLibrarySearch, lazyLibrarySearch, type LibrarySearch } from './services/library/librarySearch'
import { notifyingStore } from './services/library/notifyingStore'
import { createSigningService } from './services/signing/signingService'
import { createOpenedPackages } from './shell/openFile'
import type { DiagnosticsCapability } from './services/log/diagnostics'
import type { DesktopConfirm } from './services/settings/guardedSettings'

export type AppCapabilities = {
  /** The platform's per-user data folder (Electron's `userData`); drafts live below it unless settings say otherwise. */
  userDataDir: string
  settingsStore: SettingsStore
  shell: DesktopShell
  dialogs: DesktopDialogs
  appInfo: { version: string; platform: string; assetUrlBase: string }
  clock?: Clock
  fs?: ServiceFs
  logger?: DispatchLogger
  /** Prints HTML to PDF (the approval form); without it that export fails with a clear error. */
  pdf?: PdfRenderer
  /** Publishing passwords and tokens: Electron safeStorage in main; in memory when absent (tests). */
  secrets?: SecretStore
  /**
   * The transport under the app's one HTTP client (services/net/httpClient.ts): it must not follow redirects.
   * Electron's net stack in the app, Node's fetch by default.
   */
  fetch?: FetchLike
  /** Where live pages are parsed: a worker thread in the app; on the calling thread by default (tests). */
  livePage?: LivePageChecker
  /** HEIC decoding for the photo pipeline; Electron passes the worker decoder, tests get the inline one. */
  heicDecoder?: HeicDecoder
  /** Where photo previews are shown from (`<base><file name>`); newsroom-preview://previews/ by default. */
  previewUrlBase?: string
  /** Pushes an event to every window (outbox retries happen with no request to answer); dropped when absent. */
  broadcast?: Broadcast
  /** Main's native confirmation (先审后发, the data folder); without it such changes are refused. */
  confirm?: DesktopConfirm
  /** System notifications; ignored when absent. */
  notifier?: DesktopNotifier
  /** The app's run-time data files (default site style); the project's resources/ when absent (tests, harness). */
  resources?: Resources
  /** The library search of a data folder; Electron passes the worker-thread one, tests get the inline one. */
  librarySearch?: (dataDir: string) => LibrarySearch
  /** Main's log file, for 设置 → 关于 (打开日志, 复制诊断信息); those report not-found when absent. */
  diagnostics?: DiagnosticsCapability
  /** HTML and text on the clipboard at once (复制到公众号); that copy reports not-found when absent. */
  clipboard?: RichClipboard
}

export type AppServices = {
  settings: SettingsService
  flush: FlushCoordinator
  drafts(): DraftStore
  assets(): AssetStore
  /** Sign-offs, audit log, history; `workflow.flush()` before quitting writes coalesced save entries. */
  workflow: WorkflowService
  handlers: HandlerTable
  dispatch: Dispatch
  publishing: PublishService
  /** Sends queued publish jobs: main calls `runDue()` on a timer while the app runs, tests call it directly. */
  outbox: OutboxRunner
  /** The preview file a `<previewUrlBase><tail>` address names, or null for anything else. */
  previewFile(tail: string): string | null
  /** The library search of the current data folder (its index follows every write of the draft store). */
  library(): LibrarySearch
  /**
   * A .newsroom package the operating system opened with the app (main got the path from argv, open-file or
   * second-instance, never from the page): queued for the page, which is told to take it and import it.
   */
  openPackage(path: string): void
}

/** The library folder: the one from settings, or `<userData>/library`. */
export function resolveDataDir(userDataDir: string, configured: string): string {
  return configured.trim() ? configured : join(userDataDir, 'library')
}

/**
 * Wires the services to each other from the capabilities main (or the test harness) hands over. No
 * electron here: Electron's main process and the E2E harness build the very same table.
 */
/**
 * Who the audit log names for saves, exports and publishes: the name from settings, else the computer
 * account, which says more than nobody. '' only when neither is known.
 */
export function personName(configured: string, account: () => string = () => userInfo().username): string {
  if (configured.trim() !== '') return configured.trim()
  try {
    return account().trim()
  } catch {
    return ''
  }
}

export function composeApp(capabilities: AppCapabilities): AppServices {
  const clock = capabilities.clock ?? systemClock
  const settings = createSettingsService(capabilities.settingsStore)
  const flush = createFlushCoordinator()
  const makeSearch =
    capabilities.librarySearch ??
    ((dataDir: string) =>
      createInlineLibrarySearch({ dataDir, ...(capabilities.fs ? { fs: capabilities.fs } : {}), onError: (error) => (capabilities.logger ?? console).error('library search index', error) }))
  let library: LibrarySearch
  const makeStore = (dataDir: string) => {
    library = lazyLibrarySearch(() => makeSearch(dataDir))
    const search = library
    const drafts = createDraftStore({ dataDir, clock, ...(capabilities.fs ? { fs: capabilities.fs } : {}) })
    return notifyingStore(drafts, (id) => search.changed(id), () => search.refresh())
  }
  let store = makeStore(resolveDataDir(capabilities.userDataDir, settings.get().dataDir))
  settings.onChange((next, previous) => {
    if (next.dataDir === previous.dataDir) return
    void library.close()
    store = makeStore(resolveDataDir(capabilities.userDataDir, next.dataDir))
  })
  const assets = createAssetStore({ drafts: () => store, ...(capabilities.fs ? { fs: capabilities.fs } : {}) })
  const exporter = createArticleExporter({
    drafts: () => store,
    clock,
    ...(capabilities.fs ? { fs: capabilities.fs } : {}),
    ...(capabilities.resources ? { resources: capabilities.resources } : {})
  })
  const fsOption = capabilities.fs ? { fs: capabilities.fs } : {}
  const wechat = createWechatExporter({ drafts: () => store, clock, ...fsOption })
  const heicDecoder = capabilities.heicDecoder ?? createInlineHeicDecoder()
  // Previews are a cache beside the library: deleting .cache loses nothing.
  const makeImages = () => createImageService({ cacheDir: join(store.dataDir, '.cache'), heicDecoder, ...fsOption })
  let images = makeImages()
  settings.onChange((next, previous) => {
    if (next.dataDir !== previous.dataDir) images = makeImages()
  })
  const directory = createDirectoryService({ dataDir: () => store.dataDir, clock, ...fsOption })
  const packages = createPackageService({
    drafts: () => store,
    clock,
    appVersion: capabilities.appInfo.version,
    userName: () => settings.get().userName,
    flushWorkflow: () => workflow.flush(),
    audit: (id, action, details) => workflow.appendAudit(id, { action, details }),
    adoptImported: (draft) => workflow.adoptImported(draft),
    ...fsOption
  })
  const pdf: PdfRenderer = capabilities.pdf ?? { fromHtml: () => Promise.reject(new Error('printing to PDF is not available here')) }
  const approval = createApprovalService({
    drafts: () => store,
    pdf,
    clock,
    directory: () => directory.get(),
    output: () => settings.get(),
    workflow: { audit: (id) => workflow.auditList(id), state: (id) => workflow.state(id) },
    audit: (id, details) => workflow.appendAudit(id, { action: 'export', details }),
    ...fsOption
  })
  const secrets = capabilities.secrets ?? createMemorySecretStore()
  // Keys belong to the computer (like its safeStorage), not to the library folder that may be shared.
  const signing = createSigningService({
    file: join(capabilities.userDataDir, 'signing-keys.json'),
    fs: capabilities.fs ?? nodeServiceFs,
    secrets,
    clock,
    directory: () => directory.get()
  })
  const workflow = createWorkflowService({
    drafts: () => store,
    settings: () => ({ ...settings.get(), userName: personName(settings.get().userName) }),
    clock,
    signing: () => signing,
    directory: () => directory.get(),
    photoSize: (id, assetId) => storedPhotoSize(store, id, assetId),
    ...fsOption,
    onBackgroundError: (error) => (capabilities.logger ?? console).error('audit log or history write failed after a save', error)
  })
  const publishFs = capabilities.fs ?? nodeServiceFs
  const publishing = createPublishService({
    dataDir: () => store.dataDir,
    localSiteName: () => (settings.get().language === 'en' ? 'Local site' : '本地网站'),
    onPublished: (draftId, target, result) =>
      workflow.appendAudit(draftId, { action: 'publish', details: { target: target.name, url: result.remoteUrl, siteStatus: result.status } }),
    fs: publishFs,
    clock,
    secrets,
    publisher: createPublisher({
      fetch: capabilities.fetch ?? nodeTransport,
      ...(capabilities.livePage ? { livePage: capabilities.livePage } : {}),
      secrets,
      drafts: { open: (id) => store.open(id), draftFolder: (id) => store.draftFolder(id) },
      assets: { read: (id, assetId) => publishFs.readFile(join(store.assetsFolder(id), assetId)) },
      clock,
      // Rendered from the settings the sign-off hash covers: the credit line reviewers approved.
      resolveArticle: (draft) => articleOf(draft, settings.get()),
      fs: publishFs,
      siteCss: async () => (await exporter.styles.read()).css,
      dataDir: () => store.dataDir
    })
  })
  const outbox = createOutboxRunner({
    publishing: () => publishing,
    workflow: () => workflow,
    broadcast: capabilities.broadcast ?? (() => undefined),
    onError: (message, error) => (capabilities.logger ?? console).error(message, error)
  })
  const openedPackages = createOpenedPackages()
  const handlers = createHandlerTable({
    drafts: () => store,
    workflow: () => workflow,
    assets: () => assets,
    exporter: () => exporter,
    directory: () => directory,
    signing: () => signing,
    packages: () => packages,
    approval: () => approval,
    publishing: () => publishing,
    outbox: () => outbox,
    images: () => images,
    wechat: () => wechat,
    library: () => library,
    previewUrlBase: capabilities.previewUrlBase ?? 'newsroom-preview://previews/',
    ...fsOption,
    dialogs: capabilities.dialogs,
    grants: createPathGrants(),
    confirm: capabilities.confirm ?? (async () => false),
    clock,
    settings,
    flush,
    shell: capabilities.shell,
    notifier: capabilities.notifier ?? { show: () => undefined },
    appInfo: capabilities.appInfo,
    openedPackages,
    ...(capabilities.diagnostics ? { diagnostics: capabilities.diagnostics } : {}),
    ...(capabilities.clipboard ? { clipboard: capabilities.clipboard } : {})
  })
  return {
    settings,
    flush,
    drafts: () => store,
    assets: () => assets,
    workflow,
    handlers,
    dispatch: createDispatcher(handlers, capabilities.logger),
    publishing,
    outbox,
    previewFile: (tail) => previewFileFor(join(store.dataDir, '.cache'), tail),
    library: () => library,
    openPackage(path) {
      openedPackages.offer(path)
      capabilities.broadcast?.('packages:opened', {})
    }
  }
}
