import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, Menu, net, Notification, protocol, safeStorage, screen, session, shell, type IpcMainInvokeEvent, type OpenDialogOptions, type SaveDialogOptions, type WebContents } from 'electron'
import Store from 'electron-store'
import { composeApp, type AppServices } from './compose'
import { nodeServiceFs } from './services/fs/serviceFs'
import { createEncryptedSecretStore } from './services/publish/secretStore'
import type { DesktopDialogs } from './ipc/handlers/index'
import type { PdfRenderer } from './services/approval/approvalService'
import type { DesktopConfirm } from './services/settings/guardedSettings'
import { validateEvent } from './ipc/dispatch'
import { registerIpc } from './ipc/register'
import { assetFileFor } from './services/assets/assetUrl'
import { createWorkerHeicDecoder } from './services/images/heicDecoder'
import { buildMenuTemplate, menuTranslator } from './menu'
import type { UiLanguage } from '../shared/settings'
import { buildContentSecurityPolicy } from './window/csp'
import { decideNavigation, isAppFrame } from './window/navigation'
import { windowOptions } from './window/windowOptions'
import { createWindowStateKeeper, readWindowState, type WindowStateStore } from './window/windowState'

const mainDir = fileURLToPath(new URL('.', import.meta.url))
const preloadPath = join(mainDir, '../preload/index.cjs')
const rendererFile = join(mainDir, '../renderer/index.html')
// Honoured only when unpackaged: an installed app must never be pointed at another page by an environment variable.
const devServerUrl = (!app.isPackaged && process.env['ELECTRON_RENDERER_URL']) || undefined
const isDev = devServerUrl !== undefined
const appUrl = devServerUrl ?? pathToFileURL(rendererFile).href
const FLUSH_TIMEOUT_MS = 5000

let mainWindow: BrowserWindow | null = null
let readyToQuit = false
const windowFlushers = new WeakMap<BrowserWindow, () => Promise<void>>()

function openExternally(url: string): void {
  shell.openExternal(url).catch((error: unknown) => console.warn(`could not open ${url}`, error))
}

/** Every web contents, present and future: stay on our page, no pop-ups, no webviews. */
function guardWebContents(contents: WebContents): void {
  const onNavigate = (event: { url: string; preventDefault(): void }) => {
    const decision = decideNavigation(event.url, appUrl)
    if (decision === 'allow') return
    event.preventDefault()
    if (decision === 'open-external') openExternally(event.url)
  }
  contents.on('will-navigate', onNavigate)
  contents.on('will-redirect', onNavigate)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (decideNavigation(url, appUrl) === 'open-external') openExternally(url)
    return { action: 'deny' }
  })
}

function hardenSession(): void {
  const csp = buildContentSecurityPolicy({ devServerUrl })
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } })
  })
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
}

function sendMenuCommand(command: 'new-draft' | 'open-settings'): void {
  const contents = mainWindow?.webContents
  if (contents && !contents.isDestroyed()) contents.send('app:menuCommand', validateEvent('app:menuCommand', { command }))
}

const ASSET_SCHEME = 'newsroom-asset'

/** Serves a draft's stored photos to the page as newsroom-asset://<draftId>/<assetId>, and nothing else. */
function serveAssets(services: AppServices): void {
  protocol.handle(ASSET_SCHEME, (request) => {
    const url = new URL(request.url)
    const file = assetFileFor(services.drafts(), `${url.host}${url.pathname}`)
    if (!file) return new Response(null, { status: 400 })
    return net.fetch(pathToFileURL(file).href)
  })
}

const PREVIEW_SCHEME = 'newsroom-preview'

/** Serves culling previews from the cache as newsroom-preview://previews/<file name>, and nothing else. */
function servePreviews(services: AppServices): void {
  protocol.handle(PREVIEW_SCHEME, (request) => {
    const file = services.previewFile(new URL(request.url).pathname)
    if (!file) return new Response(null, { status: 400 })
    return net.fetch(pathToFileURL(file).href)
  })
}

const DIALOG_TITLES: Record<UiLanguage, Record<string, string>> = {
  'zh-CN': { photos: '选择照片', 'photos-folder': '选择照片文件夹', docx: '选择 Word 文档', package: '选择稿件包', html: '导出为网页', pdf: '保存为 PDF', csv: '通讯录（CSV 文件）', saveDocx: '导出为 Word 文档', 'site-folder': '选择本地网站文件夹', 'data-folder': '选择资料文件夹' },
  en: { photos: 'Choose photos', 'photos-folder': 'Choose a folder of photos', docx: 'Choose a Word document', package: 'Choose a draft package', html: 'Export as web page', pdf: 'Save as PDF', csv: 'Staff list (CSV file)', saveDocx: 'Export as Word document', 'site-folder': 'Choose the local site folder', 'data-folder': 'Choose the data folder' }
}

/** The system's file dialogs, attached to the main window, titled in the UI language. */
function desktopDialogs(language: () => UiLanguage): DesktopDialogs {
  const title = (purpose: string) => DIALOG_TITLES[language()][purpose] ?? ''
  return {
    async openFiles({ purpose, multiple, filters, folders }) {
      const kind = folders ? 'openDirectory' : 'openFile'
      const options: OpenDialogOptions = { title: title(purpose), filters, properties: multiple ? [kind, 'multiSelections'] : [kind] }
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options)
      return result.canceled ? [] : result.filePaths
    },
    async saveFile({ purpose, defaultName, filters }) {
      // Opening and saving a .docx are different errands: "choose a Word document" would mislead on export.
      const options: SaveDialogOptions = { title: title(purpose === 'docx' ? 'saveDocx' : purpose), defaultPath: defaultName, filters }
      const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    }
  }
}

/** A yes/no question in a native dialog: the page can ask for a change but cannot answer this for the person. */
const desktopConfirm: DesktopConfirm = async (request) => {
  const options = { type: 'warning' as const, title: request.title, message: request.message, detail: request.detail, buttons: [request.cancelLabel, request.confirmLabel], defaultId: 0, cancelId: 0, noLink: true }
  const result = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options)
  return result.response === 1
}

/**
 * Prints an HTML document (the approval form) to PDF in a hidden window of its own session: no script, no
 * preload, no access to the app's protocols. The document goes through a temp file, as data: URLs of a
 * form with photos can be too long to load.
 */
function pdfRenderer(): PdfRenderer {
  return {
    async fromHtml(html) {
      const folder = await mkdtemp(join(app.getPath('temp'), 'newsroom-print-'))
      const file = join(folder, 'form.html')
      const win = new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, javascript: false, contextIsolation: true, nodeIntegration: false, partition: 'newsroom-print' }
      })
      try {
        await writeFile(file, html, 'utf8')
        await win.loadFile(file)
        return new Uint8Array(await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }))
      } finally {
        win.destroy()
        await rm(folder, { recursive: true, force: true }).catch(() => undefined)
      }
    }
  }
}

function applyMenu(language: UiLanguage): void {
  const template = buildMenuTemplate({
    platform: process.platform,
    t: menuTranslator(language),
    isDev,
    onNewDraft: () => sendMenuCommand('new-draft'),
    onOpenSettings: () => sendMenuCommand('open-settings')
  })
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

/**
 * Asks the renderer to write what it holds and waits for its answer, at most FLUSH_TIMEOUT_MS. One request
 * per window however many times close or quit are asked for while it runs.
 */
function createFlusher(services: AppServices, win: BrowserWindow): () => Promise<void> {
  let pageLoaded = false
  let running: Promise<void> | null = null
  win.webContents.on('did-finish-load', () => (pageLoaded = true))
  win.webContents.on('render-process-gone', (_event, details) => {
    pageLoaded = false
    console.error(`renderer gone: ${details.reason}`)
  })
  return () => {
    // A page that never loaded (or has crashed) holds nothing to save and cannot answer.
    if (!pageLoaded || win.isDestroyed() || win.webContents.isDestroyed()) return Promise.resolve()
    running ??= services.flush
      .request((requestId) => win.webContents.send('app:flushRequest', validateEvent('app:flushRequest', { requestId })), FLUSH_TIMEOUT_MS)
      .then((outcome) => {
        if (outcome === 'timeout') console.warn(`the editor did not confirm its pending edits were saved within ${FLUSH_TIMEOUT_MS} ms; closing anyway`)
        if (outcome === 'failed') console.warn('the editor could not save its pending edits before closing')
      })
    return running
  }
}

function createMainWindow(services: AppServices, store: WindowStateStore): BrowserWindow {
  const state = readWindowState(store)
  const primary = screen.getPrimaryDisplay()
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea)
  const win = new BrowserWindow(windowOptions({ preloadPath, state, displays }))

  const keeper = createWindowStateKeeper({
    store,
    snapshot: () =>
      win.isDestroyed() || win.isMinimized() || win.isFullScreen() ? null : { ...win.getNormalBounds(), maximized: win.isMaximized() },
    onError: (error) => console.warn('could not remember the window position', error)
  })
  win.on('resize', keeper.schedule)
  win.on('move', keeper.schedule)
  win.on('maximize', keeper.schedule)
  win.on('unmaximize', keeper.schedule)

  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize()
    win.show()
  })

  const flush = createFlusher(services, win)
  let flushedForClose = false
  win.on('close', (event) => {
    keeper.saveNow()
    if (flushedForClose || readyToQuit) return
    event.preventDefault()
    void flush().then(() => {
      flushedForClose = true
      if (!win.isDestroyed()) win.close()
    })
  })
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null
  })
  windowFlushers.set(win, flush)

  const load = devServerUrl ? win.loadURL(devServerUrl) : win.loadFile(rendererFile)
  load.catch((error: unknown) => console.error('could not load the editor page', error))
  return win
}

function focus(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore()
  win.show()
  win.focus()
}

async function start(): Promise<void> {
  await app.whenReady()
  hardenSession()

  const store = new Store({ name: 'settings' })
  let language: UiLanguage = 'zh-CN'
  // Decodes iPhone photos off the main thread; the worker is its own electron-vite entry beside this file.
  // Two decodes at once where there are two cores: an iPhone card's previews come about twice as fast.
  const heicDecoder = createWorkerHeicDecoder({ workerUrl: new URL('./heicWorker.js', import.meta.url), workers: Math.min(2, availableParallelism()) })
  const services = composeApp({
    heicDecoder,
    dialogs: desktopDialogs(() => language),
    confirm: desktopConfirm,
    pdf: pdfRenderer(),
    secrets: createEncryptedSecretStore({
      file: join(app.getPath('userData'), 'publish-secrets.json'),
      fs: nodeServiceFs,
      cipher: { available: () => safeStorage.isEncryptionAvailable(), encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (bytes) => safeStorage.decryptString(bytes) }
    }),
    userDataDir: app.getPath('userData'),
    settingsStore: store,
    shell: { openExternal: (url) => shell.openExternal(url), showInFolder: (p) => shell.showItemInFolder(p) },
    broadcast: (channel, payload) => {
      const message = validateEvent(channel, payload)
      for (const win of BrowserWindow.getAllWindows()) if (!win.webContents.isDestroyed()) win.webContents.send(channel, message)
    },
    notifier: {
      show: (title, body) => {
        if (Notification.isSupported()) new Notification({ title, body }).show()
      }
    },
    appInfo: { version: app.getVersion(), platform: process.platform, assetUrlBase: `${ASSET_SCHEME}://` }
  })

  serveAssets(services)
  servePreviews(services)
  registerIpc<IpcMainInvokeEvent>({
    ipcMain,
    dispatch: services.dispatch,
    isTrustedSender: (event) => isAppFrame(event.senderFrame, { rendererFile, devServerUrl }),
    contextFor: (event) => ({
      emit(channel, payload) {
        if (!event.sender.isDestroyed()) event.sender.send(channel, validateEvent(channel, payload))
      }
    })
  })

  // The outbox: queued publish jobs are tried again when due (backoff in publishService).
  setInterval(() => void services.outbox.runDue().catch((error: unknown) => console.error('publish outbox retry failed', error)), 30_000).unref()

  language = services.settings.get().language
  applyMenu(language)
  services.settings.onChange((next, previous) => {
    language = next.language
    if (next.language !== previous.language) applyMenu(next.language)
  })

  app.on('before-quit', (event) => {
    if (readyToQuit) return
    event.preventDefault()
    const flushWindow = (mainWindow && windowFlushers.get(mainWindow)) ?? (() => Promise.resolve())
    // The editor's pending text first, then the audit log's coalesced save entries.
    void flushWindow()
      .then(() => services.workflow.flush())
      .then(() => heicDecoder.close())
      .catch((error: unknown) => console.error('could not finish writing before quitting', error))
      .finally(() => {
        readyToQuit = true
        app.quit()
      })
  })
  app.on('window-all-closed', () => {
    // macOS apps stay in the Dock with no window open.
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    mainWindow ??= createMainWindow(services, store)
  })

  mainWindow = createMainWindow(services, store)
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.enableSandbox()
  // Must happen before the app is ready; `standard` gives the addresses a host (the draft id) and a path.
  protocol.registerSchemesAsPrivileged([
    { scheme: ASSET_SCHEME, privileges: { standard: true, secure: true, stream: true } },
    { scheme: PREVIEW_SCHEME, privileges: { standard: true, secure: true, stream: true } }
  ])
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents))
  app.on('second-instance', () => {
    if (mainWindow) focus(mainWindow)
  })
  start().catch((error: unknown) => {
    console.error('the app could not start', error)
    app.exit(1)
  })
}
