import { join } from 'node:path'
import { createDraftStore, type DraftStore } from './services/drafts/draftStore'
import { createSettingsService, type SettingsService, type SettingsStore } from './services/settings/settingsService'
import { createFlushCoordinator, type FlushCoordinator } from './services/flush/flushCoordinator'
import { systemClock, type Clock } from './services/clock'
import type { ServiceFs } from './services/fs/serviceFs'
import { createHandlerTable, type DesktopDialogs, type DesktopNotifier, type DesktopShell } from './ipc/handlers/index'
import { createAssetStore, type AssetStore } from './services/assets/assetStore'
import { createArticleExporter } from './services/export/articleExporter'
import { createDirectoryService } from './services/directory/directoryService'
import { createPackageService } from './services/package/packageService'
import { createApprovalService, type PdfRenderer } from './services/approval/approvalService'
import { createDispatcher, type Dispatch, type DispatchLogger, type HandlerTable } from './ipc/dispatch'
import { createWorkflowService, type WorkflowService } from './services/workflow/workflowService'
import { nodeServiceFs } from './services/fs/serviceFs'
import type { FetchLike } from './services/publish/http'
import { createPublisher } from './services/publish/publisher'
import { createPublishService, type PublishService } from './services/publish/publishService'
import { createMemorySecretStore, type SecretStore } from './services/publish/secretStore'
import { createOutboxRunner, type Broadcast, type OutboxRunner } from './services/publish/outboxRunner'
import { createImageService } from './services/images/imageService'
import { createInlineHeicDecoder, type HeicDecoder } from './services/images/heicDecoder'
import { previewFileFor } from './ipc/handlers/photos'

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
  /** The network for publishing; global fetch by default. */
  fetch?: FetchLike
  /** HEIC decoding for the photo pipeline; Electron passes the worker decoder, tests get the inline one. */
  heicDecoder?: HeicDecoder
  /** Where photo previews are shown from (`<base><file name>`); newsroom-preview://previews/ by default. */
  previewUrlBase?: string
  /** Pushes an event to every window (outbox retries happen with no request to answer); dropped when absent. */
  broadcast?: Broadcast
  /** System notifications; ignored when absent. */
  notifier?: DesktopNotifier
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
}

/** The library folder: the one from settings, or `<userData>/library`. */
export function resolveDataDir(userDataDir: string, configured: string): string {
  return configured.trim() ? configured : join(userDataDir, 'library')
}

/**
 * Wires the services to each other from the capabilities main (or the test harness) hands over. No
 * electron here: Electron's main process and the E2E harness build the very same table.
 */
export function composeApp(capabilities: AppCapabilities): AppServices {
  const clock = capabilities.clock ?? systemClock
  const settings = createSettingsService(capabilities.settingsStore)
  const flush = createFlushCoordinator()
  const makeStore = (dataDir: string) => createDraftStore({ dataDir, clock, ...(capabilities.fs ? { fs: capabilities.fs } : {}) })
  let store = makeStore(resolveDataDir(capabilities.userDataDir, settings.get().dataDir))
  settings.onChange((next, previous) => {
    if (next.dataDir !== previous.dataDir) store = makeStore(resolveDataDir(capabilities.userDataDir, next.dataDir))
  })
  const assets = createAssetStore({ drafts: () => store, ...(capabilities.fs ? { fs: capabilities.fs } : {}) })
  const exporter = createArticleExporter({ drafts: () => store, clock, ...(capabilities.fs ? { fs: capabilities.fs } : {}) })
  const fsOption = capabilities.fs ? { fs: capabilities.fs } : {}
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
    ...fsOption
  })
  const pdf: PdfRenderer = capabilities.pdf ?? { fromHtml: () => Promise.reject(new Error('printing to PDF is not available here')) }
  const approval = createApprovalService({
    drafts: () => store,
    pdf,
    clock,
    directory: () => directory.get(),
    output: () => settings.get(),
    workflow: { audit: (id) => workflow.auditList(id) },
    audit: (id, details) => workflow.appendAudit(id, { action: 'export', details }),
    ...fsOption
  })
  const workflow = createWorkflowService({
    drafts: () => store,
    settings: () => settings.get(),
    clock,
    ...fsOption,
    onBackgroundError: (error) => (capabilities.logger ?? console).error('audit log or history write failed after a save', error)
  })
  const publishFs = capabilities.fs ?? nodeServiceFs
  const secrets = capabilities.secrets ?? createMemorySecretStore()
  const publishing = createPublishService({
    dataDir: () => store.dataDir,
    localSiteName: () => (settings.get().language === 'en' ? 'Local site' : '本地网站'),
    fs: publishFs,
    clock,
    secrets,
    publisher: createPublisher({
      fetch: capabilities.fetch ?? ((input, init) => fetch(input, init)),
      secrets,
      drafts: { open: (id) => store.open(id), draftFolder: (id) => store.draftFolder(id) },
      assets: { read: (id, assetId) => publishFs.readFile(join(store.assetsFolder(id), assetId)) },
      clock,
      resolveArticle: (draft) => ({ body: draft.body, metadata: { ...draft.metadata, title: draft.title, column: draft.column } }),
      fs: publishFs,
      siteCss: async () => (await exporter.styles.read()).css
    })
  })
  const outbox = createOutboxRunner({
    publishing: () => publishing,
    workflow: () => workflow,
    broadcast: capabilities.broadcast ?? (() => undefined),
    onError: (message, error) => (capabilities.logger ?? console).error(message, error)
  })
  const handlers = createHandlerTable({
    drafts: () => store,
    workflow: () => workflow,
    assets: () => assets,
    exporter: () => exporter,
    directory: () => directory,
    packages: () => packages,
    approval: () => approval,
    publishing: () => publishing,
    outbox: () => outbox,
    images: () => images,
    previewUrlBase: capabilities.previewUrlBase ?? 'newsroom-preview://previews/',
    ...fsOption,
    dialogs: capabilities.dialogs,
    settings,
    flush,
    shell: capabilities.shell,
    notifier: capabilities.notifier ?? { show: () => undefined },
    appInfo: capabilities.appInfo
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
    previewFile: (tail) => previewFileFor(join(store.dataDir, '.cache'), tail)
  }
}
