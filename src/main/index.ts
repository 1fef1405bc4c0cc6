import { existsSync, mkdtempSync, renameSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, release, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, net, Notification, protocol, safeStorage, screen, session, shell, type IpcMainInvokeEvent, type OpenDialogOptions, type SaveDialogOptions, type WebContents } from 'electron'
import Store from 'electron-store'
import { composeApp, type AppServices } from './compose'
import { nodeServiceFs } from './services/fs/serviceFs'
import { createEncryptedSecretStore, type SecretCipher } from './services/publish/secretStore'
import { createWorkerLivePageChecker } from './services/publish/livePage/checker'
import { createNetRequestTransport, type NetLoginAnswer } from './services/net/netRequestTransport'
import type { DesktopDialogs } from './ipc/handlers/index'
import type { PdfRenderer } from './services/approval/approvalService'
import type { DesktopConfirm } from './services/settings/guardedSettings'
import { validateEvent } from './ipc/dispatch'
import { registerIpc } from './ipc/register'
import { assetFileFor } from './services/assets/assetUrl'
import { createWorkerHeicDecoder } from './services/images/heicDecoder'
import { createWorkerLibrarySearch } from './services/library/librarySearch'
import { buildMenuTemplate, menuTranslator } from './menu'
import {
  createProxyCredentialStore,
  decideProxyLogin,
  isProxyLoginSubmission,
  parseProxyLoginSubmission,
  proxyKey,
  proxyLoginPage,
  type ProxyAuthInfo,
  type ProxyCredentialStore
} from './shell/proxyLogin'
import { badgeCount, EMPTY_TASKBAR, observeEvent, progressBarValue } from './shell/taskbar'
import { quitDeadlineMs, runQuitSteps, secondInstanceAction, type QuitStep } from './shell/quit'
import { APP_ID } from '../shared/appIdentity'
import { createAppLog } from './services/log/appLog'
import { damagedSettingsNotice, openSettingsStore } from './shell/settingsFile'
import { languageFromSystem, startupFailureMessage, startupStageOf, type StartupStage } from './shell/startup'
import type { UiLanguage } from '../shared/settings'
import { buildContentSecurityPolicy } from './window/csp'
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appResponseHeaders, resolveAppRequest } from './window/appScheme'
import { decideNavigation, isAppFrame } from './window/navigation'
import { permissionGranted } from './window/permissions'
import { windowOptions, type SecureWebPreferences } from './window/windowOptions'
import { createWindowStateKeeper, readWindowState, type WindowStateStore } from './window/windowState'
import { createResources, resourcesRoot } from './resources'
import { packagePathsFromArgv } from './shell/openFile'
import { languageForLocale, packagedSandboxNotice, type SandboxNotice } from './shell/sandbox'
import { parseSmokeSwitches, runSmoke, type SmokeOptions } from './shell/smoke'

const mainDir = fileURLToPath(new URL('.', import.meta.url))
const preloadPath = join(mainDir, '../preload/index.cjs')
const rendererDir = join(mainDir, '../renderer')
// Honoured only when unpackaged: an installed app must never be pointed at another page by an environment variable.
const devServerUrl = (!app.isPackaged && process.env['ELECTRON_RENDERER_URL']) || undefined
const isDev = devServerUrl !== undefined
const appUrl = devServerUrl ?? APP_ENTRY_URL
const FLUSH_TIMEOUT_MS = 5000

const smoke = parseSmokeSwitches(process.argv)
// A smoke run (release workflow) gets a library of its own: it never touches a person's drafts, nor their
// running app's single-instance lock, which lives in the user-data folder.
if (smoke) app.setPath('userData', mkdtempSync(join(tmpdir(), 'newsroom-smoke-')))

/** .newsroom files the OS handed over before the services exist (argv at launch, macOS open-file). */
const openedEarly: string[] = packagePathsFromArgv(process.argv, process.cwd())
let openPackage = (path: string): void => void openedEarly.push(path)

/** Nobody reads a desktop app's console: what goes wrong goes to <userData>/logs/main.log (设置 → 关于). */
const log = createAppLog({
  file: join(app.getPath('userData'), 'logs', 'main.log'),
  onWriteError: (error) => console.error('could not write the log file', error)
})
function logError(message: string, error?: unknown): void {
  log.error(message, error)
  console.error(message, error ?? '')
}
function logWarn(message: string, error?: unknown): void {
  log.warn(message, error)
  console.warn(message, error ?? '')
}

let mainWindow: BrowserWindow | null = null
let readyToQuit = false
let quitting = false
/** Set once the services exist: opens the editor window (again) from `activate` and `second-instance`. */
let openMainWindow: (() => BrowserWindow) | null = null
const windowFlushers = new WeakMap<BrowserWindow, () => Promise<void>>()

function openExternally(url: string): void {
  shell.openExternal(url).catch((error: unknown) => logWarn(`could not open ${url}`, error))
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

function hardenSession(csp: string): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } })
  })
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionGranted(permission)))
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => permissionGranted(permission))
}

let taskbar = EMPTY_TASKBAR
let shownProgress = -1
let shownBadge = 0

/** Progress of photo batches and publishing on the taskbar button or Dock icon, and 待发's count as a badge. */
function noteEvent(channel: string, payload: unknown): void {
  taskbar = observeEvent(taskbar, channel, payload, Date.now())
  const progress = progressBarValue(taskbar)
  if (progress !== shownProgress && mainWindow && !mainWindow.isDestroyed()) {
    mainWindow.setProgressBar(progress)
    shownProgress = progress
  }
  const badge = badgeCount(taskbar)
  if (badge !== shownBadge) {
    // Windows has no badge count (false is returned); macOS and Unity launchers show it.
    app.setBadgeCount(badge)
    shownBadge = badge
  }
}

function sendMenuCommand(command: 'new-draft' | 'open-settings'): void {
  const contents = mainWindow?.webContents
  if (contents && !contents.isDestroyed()) contents.send('app:menuCommand', validateEvent('app:menuCommand', { command }))
}

/** The built renderer as app://newsroom/…: only files inside out/renderer, the page with its CSP. */
function serveRenderer(csp: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const found = resolveAppRequest(request.url, rendererDir)
    if (!found) return new Response(null, { status: 404 })
    // A missing file makes net.fetch reject rather than answer 404.
    const file = await net.fetch(pathToFileURL(found.file).href).catch(() => null)
    if (!file?.ok) return new Response(null, { status: 404 })
    return new Response(file.body, { status: 200, headers: appResponseHeaders(found, csp) })
  })
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
        webPreferences: {
          sandbox: true,
          javascript: false,
          contextIsolation: true,
          nodeIntegration: false,
          disableBlinkFeatures: 'Auxclick',
          partition: 'newsroom-print'
        }
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

/**
 * The sign-in form for a campus proxy, in a small window of its own session with JavaScript off and no
 * preload; the answer comes back as the form's navigation, which is refused (see proxyLoginPage).
 */
function askProxyCredentials(info: ProxyAuthInfo, language: UiLanguage, canRemember: boolean) {
  return new Promise<ReturnType<typeof parseProxyLoginSubmission>>((resolve) => {
    const parent = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null
    const win = new BrowserWindow({
      ...(parent ? { parent, modal: true } : {}),
      width: 440,
      height: 340,
      resizable: false,
      minimizable: false,
      maximizable: false,
      autoHideMenuBar: true,
      webPreferences: {
        sandbox: true,
        javascript: false,
        contextIsolation: true,
        nodeIntegration: false,
        disableBlinkFeatures: 'Auxclick',
        partition: 'newsroom-proxy-login'
      }
    })
    let answered = false
    win.webContents.on('will-navigate', (event) => {
      if (!isProxyLoginSubmission(event.url)) return
      event.preventDefault()
      answered = true
      resolve(parseProxyLoginSubmission(event.url))
      win.close()
    })
    win.on('closed', () => {
      if (!answered) resolve(null)
    })
    const html = proxyLoginPage({ language, info, canRemember })
    win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`).catch((error: unknown) => logError('could not show the proxy sign-in', error))
  })
}

/** The system's encryption for what the app remembers (Electron's safeStorage). */
const safeStorageCipher: SecretCipher = {
  available: () => safeStorage.isEncryptionAvailable(),
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (bytes) => safeStorage.decryptString(bytes)
}

/** Answers proxy sign-ins for publishing requests (net.request's own `login` event); set once settings are read. */
let answerProxyLogin: NetLoginAnswer = (_info, callback) => callback()

/**
 * Campus proxies that ask for a login: Chromium's `login` event for pages (app) and for publishing requests
 * (net.request). Remembered only with the person's consent.
 */
function handleProxyLogin(credentials: ProxyCredentialStore, language: () => UiLanguage): void {
  const attempts = new Map<string, number>()
  const asking = new Map<string, ReturnType<typeof askProxyCredentials>>()
  app.on('login', (event, _contents, _details, authInfo, callback) => {
    event.preventDefault()
    answerProxyLogin(authInfo, callback)
  })
  answerProxyLogin = (authInfo, callback) => {
    const key = proxyKey(authInfo)
    const attempt = (attempts.get(key) ?? 0) + 1
    attempts.set(key, attempt)
    // A proxy that stops asking has accepted the answer: count afresh next time.
    setTimeout(() => attempts.get(key) === attempt && attempts.delete(key), 60_000).unref()
    void (async () => {
      const remembered = await credentials.get(authInfo)
      const decision = decideProxyLogin({ info: authInfo, attempt, hasRemembered: remembered !== null })
      if (decision === 'use-remembered' && remembered) return callback(remembered.username, remembered.password)
      if (decision !== 'ask') return callback()
      // Asked again after the remembered answer: it is wrong now, so it is not offered again.
      if (remembered) await credentials.forget(authInfo)
      // Several requests through the same proxy share one form.
      let pending = asking.get(key)
      if (!pending) {
        pending = askProxyCredentials(authInfo, language(), credentials.canRemember()).finally(() => asking.delete(key))
        asking.set(key, pending)
      }
      const answer = await pending
      if (!answer) return callback()
      if (answer.remember) await credentials.remember(authInfo, answer)
      callback(answer.username, answer.password)
    })().catch((error: unknown) => {
      logError('proxy sign-in failed', error)
      callback()
    })
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
    logError(`renderer gone: ${details.reason} (exit code ${details.exitCode})`)
  })
  return () => {
    // A page that never loaded (or has crashed) holds nothing to save and cannot answer.
    if (!pageLoaded || win.isDestroyed() || win.webContents.isDestroyed()) return Promise.resolve()
    running ??= services.flush
      .request((requestId) => win.webContents.send('app:flushRequest', validateEvent('app:flushRequest', { requestId })), FLUSH_TIMEOUT_MS)
      .then((outcome) => {
        if (outcome === 'timeout') logWarn(`the editor did not confirm its pending edits were saved within ${FLUSH_TIMEOUT_MS} ms; closing anyway`)
        if (outcome === 'failed') logWarn('the editor could not save its pending edits before closing')
      })
    return running
  }
}

function createMainWindow(services: AppServices, store: WindowStateStore): BrowserWindow {
  const state = readWindowState(store)
  const primary = screen.getPrimaryDisplay()
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea)
  const win = new BrowserWindow({
    ...windowOptions({ state, displays }),
    // A literal here, not a value from elsewhere, so `npm run check:electron` sees every switch in the built code.
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick'
    } satisfies SecureWebPreferences
  })

  const keeper = createWindowStateKeeper({
    store,
    snapshot: () =>
      win.isDestroyed() || win.isMinimized() || win.isFullScreen() ? null : { ...win.getNormalBounds(), maximized: win.isMaximized() },
    onError: (error) => logWarn('could not remember the window position', error)
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

  const load = win.loadURL(appUrl)
  load.catch((error: unknown) => logError('could not load the editor page', error))
  return win
}

function focus(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore()
  win.show()
  win.focus()
}

/** The sandbox off on Linux (the AppImage's launcher adds --no-sandbox on Ubuntu 24.04): what to ask, or null. */
function sandboxNotice(): SandboxNotice | null {
  return packagedSandboxNotice({
    platform: process.platform,
    noSandboxSwitch: app.commandLine.hasSwitch('no-sandbox'),
    disabledByEnvironment: Boolean(process.env['ELECTRON_DISABLE_SANDBOX']),
    appImage: Boolean(process.env['APPIMAGE']),
    language: languageForLocale(app.getLocale())
  })
}

/** The person chooses; quitting is the default. Never on in silence. */
function mayRunWithoutSandbox(notice: SandboxNotice): boolean {
  const { title, message, detail, buttons } = notice
  return dialog.showMessageBoxSync({ type: 'warning', title, message, detail, buttons, defaultId: 0, cancelId: 0, noLink: true }) === 1
}

/** --smoke: window, library over the page's real IPC, a sharp encode; report written, exit code set. */
async function smokeAndQuit(options: SmokeOptions, win: BrowserWindow, notice: SandboxNotice | null): Promise<void> {
  const page = <T>(script: string) => win.webContents.executeJavaScript(script) as Promise<T>
  const loaded = new Promise<void>((resolve, reject) => {
    win.webContents.once('did-finish-load', () => resolve())
    win.webContents.once('did-fail-load', (_event, code, description) => reject(new Error(`the page did not load: ${description} (${code})`)))
  })
  const report = await runSmoke({
    timeoutMs: options.timeoutMs,
    now: () => Date.now(),
    app: { version: app.getVersion(), electron: process.versions.electron, platform: process.platform, arch: process.arch, packaged: String(app.isPackaged) },
    writeReport: (written) => writeFile(options.reportPath, `${JSON.stringify(written, null, 2)}\n`, 'utf8'),
    steps: [
      {
        name: 'sandbox',
        run: async () => {
          if (notice) throw new Error(notice.message)
        }
      },
      { name: 'window', run: () => loaded.then(() => ({ visible: win.isVisible() })) },
      {
        name: 'page',
        run: async () => {
          for (let attempt = 0; attempt < 100; attempt++) {
            if ((await page<number>("document.getElementById('root')?.childElementCount ?? 0")) > 0) return { mounted: true }
            await new Promise((resolve) => setTimeout(resolve, 100))
          }
          throw new Error('the editor page did not mount')
        }
      },
      {
        name: 'library',
        run: async () => {
          const envelope = await page<{ ok: boolean; value?: { drafts: unknown[] }; error?: { message: string } }>("window.newsroom.drafts.list({ scope: 'active' })")
          if (!envelope.ok || !envelope.value) throw new Error(`drafts:list over IPC failed: ${envelope.error?.message ?? 'no answer'}`)
          return { drafts: envelope.value.drafts.length }
        }
      },
      {
        name: 'photos',
        run: async () => {
          const sharp = (await import('sharp')).default
          const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).jpeg().toBuffer()
          const { format, width } = await sharp(jpeg).metadata()
          return { format: String(format), width: Number(width) }
        }
      }
    ]
  })
  app.exit(report.ok ? 0 : 1)
}
/** What start() was doing, for the error box if it fails; the UI language once settings are read. */
let startupStage: StartupStage = 'other'
let startupLanguage: UiLanguage | null = null

async function start(): Promise<void> {
  await app.whenReady()
  const notice = sandboxNotice()
  if (notice && !smoke && !mayRunWithoutSandbox(notice)) return app.exit(1)
  if (notice) console.warn('running without the Chromium sandbox, as the person chose')
  const csp = buildContentSecurityPolicy({ devServerUrl })
  hardenSession(csp)
  if (!isDev) serveRenderer(csp)

  startupStage = 'settings'
  // A damaged settings.json is kept under another name, like a damaged draft, and the defaults are used.
  const opened = openSettingsStore({
    file: join(app.getPath('userData'), 'settings.json'),
    open: () => new Store({ name: 'settings' }),
    fs: { exists: existsSync, rename: renameSync }
  })
  if (opened.setAside) logError(`settings.json was damaged; kept as ${opened.setAside}, using the defaults`, opened.error)
  const store = opened.store
  startupStage = 'library'
  let language: UiLanguage = 'zh-CN'
  // Decodes iPhone photos off the main thread; the worker is its own electron-vite entry beside this file.
  // Two decodes at once where there are two cores: an iPhone card's previews come about twice as fast.
  const heicDecoder = createWorkerHeicDecoder({ workerUrl: new URL('./heicWorker.js', import.meta.url), workers: Math.min(2, availableParallelism()) })
  const services = composeApp({
    heicDecoder,
    librarySearch: (dataDir) =>
      createWorkerLibrarySearch({ workerUrl: new URL('./libraryWorker.js', import.meta.url), dataDir, onError: (error) => console.error('library search worker', error) }),
    dialogs: desktopDialogs(() => language),
    confirm: desktopConfirm,
    pdf: pdfRenderer(),
    secrets: createEncryptedSecretStore({
      file: join(app.getPath('userData'), 'publish-secrets.json'),
      fs: nodeServiceFs,
      cipher: {
        available: () => safeStorage.isEncryptionAvailable(),
        encrypt: (plain) => safeStorage.encryptString(plain),
        decrypt: (bytes) => safeStorage.decryptString(bytes),
        // basic_text (no keyring) is no real protection: the store then asks before keeping a password.
        backend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null)
      }
    }),
    fetch: createNetRequestTransport(
      (options) => net.request(options),
      (info, callback) => answerProxyLogin(info, callback)
    ),
    livePage: createWorkerLivePageChecker({ workerUrl: new URL('./livePageWorker.js', import.meta.url) }),
    userDataDir: app.getPath('userData'),
    settingsStore: store,
    shell: { openExternal: (url) => shell.openExternal(url), showInFolder: (p) => shell.showItemInFolder(p) },
    broadcast: (channel, payload) => {
      const message = validateEvent(channel, payload)
      noteEvent(channel, message)
      for (const win of BrowserWindow.getAllWindows()) if (!win.webContents.isDestroyed()) win.webContents.send(channel, message)
    },
    notifier: {
      show: (title, body) => {
        if (Notification.isSupported()) new Notification({ title, body }).show()
      }
    },
    appInfo: { version: app.getVersion(), platform: process.platform, assetUrlBase: `${ASSET_SCHEME}://` },
    resources: createResources(resourcesRoot({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() })),
    logger: { error: logError },
    diagnostics: {
      logFile: log.file,
      runtime: () => ({
        app: app.getVersion(),
        electron: process.versions.electron ?? '',
        chromium: process.versions.chrome ?? '',
        os: `${process.platform} ${release()} ${process.arch}`,
        locale: app.getLocale(),
        packaged: String(app.isPackaged)
      }),
      logTail: () => log.tail(),
      copy: (text) => clipboard.writeText(text)
    },
    clipboard: { write: (data) => clipboard.write(data) }
  })

  handleProxyLogin(
    createProxyCredentialStore({
      file: join(app.getPath('userData'), 'proxy-credentials.json'),
      fs: nodeServiceFs,
      cipher: safeStorageCipher
    }),
    () => language
  )
  serveAssets(services)
  servePreviews(services)
  registerIpc<IpcMainInvokeEvent>({
    ipcMain,
    dispatch: services.dispatch,
    isTrustedSender: (event) => isAppFrame(event.senderFrame, { devServerUrl }),
    contextFor: (event) => ({
      emit(channel, payload) {
        const message = validateEvent(channel, payload)
        noteEvent(channel, message)
        if (!event.sender.isDestroyed()) event.sender.send(channel, message)
      }
    })
  })

  // The badge shows what already waits in 待发 from the start, not only after the next change.
  void services.dispatch('publish:outbox', {}, { emit: () => undefined }).then((answer) => {
    if (answer.ok) noteEvent('publish:outboxChanged', answer.value)
  })

  // The outbox: queued publish jobs are tried again when due (backoff in publishService).
  setInterval(() => void services.outbox.runDue().catch((error: unknown) => logError('publish outbox retry failed', error)), 30_000).unref()

  language = services.settings.get().language
  startupLanguage = language
  applyMenu(language)
  services.settings.onChange((next, previous) => {
    language = next.language
    if (next.language !== previous.language) applyMenu(next.language)
  })

  app.on('before-quit', (event) => {
    if (readyToQuit) return
    event.preventDefault()
    if (quitting) return
    quitting = true
    const flushWindow = (mainWindow && windowFlushers.get(mainWindow)) ?? (() => Promise.resolve())
    // The editor's pending text first, then the audit log's coalesced save entries; each bounded, so a
    // stalled network folder cannot keep a windowless process holding the single-instance lock.
    const steps: QuitStep[] = [
      { name: 'editor', timeoutMs: FLUSH_TIMEOUT_MS + 1000, run: flushWindow },
      { name: 'audit-log', timeoutMs: 5000, run: () => services.workflow.flush() },
      { name: 'heic-decoder', timeoutMs: 2000, run: () => heicDecoder.close() },
      { name: 'library-search', timeoutMs: 2000, run: () => services.library().close() }
    ]
    setTimeout(() => app.exit(0), quitDeadlineMs(steps)).unref()
    void runQuitSteps(steps).then((outcomes) => {
      for (const outcome of outcomes) {
        if (outcome.result !== 'done') logError(`quitting: ${outcome.name} ${outcome.result}`, outcome.error ?? '')
      }
      readyToQuit = true
      app.quit()
    })
  })
  app.on('window-all-closed', () => {
    // macOS apps stay in the Dock with no window open.
    if (process.platform !== 'darwin') app.quit()
  })
  openMainWindow = () => (mainWindow = createMainWindow(services, store))
  app.on('activate', () => {
    if (!mainWindow) openMainWindow?.()
  })

  startupStage = 'window'
  const win = openMainWindow()
  startupStage = 'other'
  const setAside = opened.setAside
  if (setAside) {
    win.once('ready-to-show', () => {
      const notice = damagedSettingsNotice(language, setAside)
      void dialog.showMessageBox(win, { type: 'warning', title: notice.title, message: notice.message, detail: notice.detail })
    })
  }
  if (smoke) void smokeAndQuit(smoke, win, notice)

  openPackage = (path) => {
    services.openPackage(path)
    if (mainWindow) focus(mainWindow)
    else openMainWindow?.()
  }
  for (const path of openedEarly.splice(0)) services.openPackage(path)
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.enableSandbox()
  // Windows: the installer's shortcut carries this id; without the same one here, notifications are dropped.
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID)
  // Must happen before the app is ready; `standard` gives the addresses a host (the draft id) and a path.
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES },
    { scheme: ASSET_SCHEME, privileges: { standard: true, secure: true, stream: true } },
    { scheme: PREVIEW_SCHEME, privileges: { standard: true, secure: true, stream: true } }
  ])
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents))
  app.on('second-instance', () => {
    const action = secondInstanceAction(mainWindow, { started: openMainWindow !== null, quitting })
    if (action === 'focus' && mainWindow) focus(mainWindow)
    if (action === 'create') openMainWindow?.()
  })
  // A .newsroom double-clicked while the app runs arrives as the second launch's command line.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    for (const path of packagePathsFromArgv(argv, workingDirectory)) openPackage(path)
  })
  // macOS hands files over by event, also before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault()
    openPackage(path)
  })
  start().catch((error: unknown) => {
    const stage = startupStageOf(startupStage, error)
    logError(`the app could not start (${stage})`, error)
    // A box the person sees, in their language, instead of an app that silently never opens.
    const language = startupLanguage ?? languageFromSystem(app.getPreferredSystemLanguages())
    const { title, content } = startupFailureMessage({ language, stage, error, logFile: log.file })
    dialog.showErrorBox(title, content)
    app.exit(1)
  })
}
