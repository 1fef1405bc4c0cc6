/// <reference lib="dom" />
/**
 * The E2E harness: the built renderer served over loopback HTTP in Debian's headless Chromium, with the
 * preload's API injected and dispatched to the real services through the same handler table Electron's
 * main process uses (src/main/compose.ts). Only the transport differs: Playwright's exposed function
 * instead of ipcRenderer.invoke, page.evaluate instead of webContents.send.
 *
 * Keep `launchApp`'s signature stable: other tests and future acceptance tests build on it.
 */
import { createReadStream, existsSync, rmSync } from 'node:fs'
import { mkdtemp, stat } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import Conf from 'conf'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { HARNESS_CHROMIUM_ARGS } from './chromiumArgs'
import { composeApp, type AppCapabilities, type AppServices } from '../../src/main/compose'
import type { ConfirmRequest } from '../../src/main/services/settings/guardedSettings'
import { validateEvent, type HandlerContext } from '../../src/main/ipc/dispatch'
import type { ServiceFs } from '../../src/main/services/fs/serviceFs'
import type { Clock } from '../../src/main/services/clock'
import type { EventChannel, EventPayloadOf } from '../../src/shared/ipc/contract'
import { buildContentSecurityPolicy } from '../../src/main/window/csp'
import { assetFileFor, assetMime } from '../../src/main/services/assets/assetUrl'
import { createAppLog, type AppLog } from '../../src/main/services/log/appLog'

const rendererCsp = buildContentSecurityPolicy()
const ASSET_PREFIX = '/__assets/'
const PREVIEW_PREFIX = '/__previews/'
const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..')
/** The built renderer; NEWSROOM_RENDERER_DIR points elsewhere (e.g. a build made with `electron-vite build --outDir`). */
export const RENDERER_DIR = resolve(process.env['NEWSROOM_RENDERER_DIR'] ?? join(ROOT, 'out', 'renderer'))
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

export type LaunchOptions = {
  /** Library folder to use (drafts/, trash/, quarantine/, settings). A fresh temp folder when omitted. */
  dataDir?: string
  /** File-system capability for the services: inject faults (full disk, read-only) here. */
  fs?: ServiceFs
  clock?: Clock
  /** UI language and other settings to start with. */
  settings?: { language?: 'zh-CN' | 'en'; autosaveDelayMs?: number }
  viewport?: { width: number; height: number }
  /** Load the page from here instead of the built renderer (the Vite dev server, in the dev-mode test). */
  rendererUrl?: string
  /** The library search (the worker-thread one in bench:drafts, as in the app); inline when omitted. */
  librarySearch?: AppCapabilities['librarySearch']
  /**
   * Each call from the page as main handled it, times since the epoch in ms (bench:drafts tells main from
   * transport), with what was asked and answered.
   */
  onDispatch?: (call: { channel: string; startedAt: number; ms: number; request: unknown; answer: unknown }) => void
}

export type LaunchedApp = {
  page: Page
  dataDir: string
  close(): Promise<void>
  /** The real services behind the page, for assertions on what reached the disk. */
  services: AppServices
  /** What main would push to the window (webContents.send), validated against the event contract. */
  emit<E extends EventChannel>(channel: E, payload: EventPayloadOf<E>): Promise<void>
  /** What main does when the window is about to close: ask the renderer to save and wait for its answer. */
  requestFlush(timeoutMs?: number): Promise<'flushed' | 'failed' | 'timeout'>
  /** URLs the desktop shell was asked to open or show (external links, folders). */
  shellCalls: { openExternal: string[]; showInFolder: string[] }
  /** System notifications the app showed (app:notify), in order. */
  notifications: { title: string; body: string }[]
  /** Main's log file (in dataDir/logs), as Electron's main writes it; and what 复制诊断信息 put on the clipboard. */
  log: AppLog
  clipboard: string[]
  /** What 复制到公众号 put on the clipboard (HTML and text), in order. */
  richClipboard: { html?: string; text: string }[]
  /**
   * The answers the system's file dialogs will give, in order: queue paths before the click that opens one
   * (an empty list = the person pressed Cancel). A dialog with no queued answer fails the test.
   */
  dialogs: {
    answerOpen(paths: string[]): void
    answerSave(path: string | null): void
    readonly asked: { kind: 'open' | 'save'; purpose: string }[]
  }
  /**
   * Main's own yes/no dialogs (先审后发, the data folder): what was asked, in order; queue `false` for a
   * Cancel, otherwise the person says yes.
   */
  confirms: { answer(yes: boolean): void; readonly asked: ConfirmRequest[] }
  /** Console errors and page errors seen so far; a healthy run has none. */
  pageErrors: string[]
  /**
   * Where files dropped on the page are on disk, by file name, as Electron's preload tells the page
   * (webUtils.getPathForFile); a dropped File whose name is not here has no path, like a pasted picture.
   */
  dropPaths(paths: Record<string, string>): Promise<void>
}

/** Why E2E tests cannot run here, or null when they can. Tests skip with this reason. */
export function e2eUnavailableReason(): string | null {
  if (!existsSync(CHROMIUM_PATH)) {
    return `Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium fonts-noto-cjk\` (Debian/Ubuntu) or set CHROMIUM_PATH`
  }
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    return `the renderer is not built (${RENDERER_DIR}/index.html missing): run \`npm run build\` first`
  }
  return null
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon'
}

/** A static file server for out/renderer on 127.0.0.1, sending the same CSP the app enforces. */
async function serveRenderer(
  assetFile: (tail: string) => string | null,
  previewFile: (tail: string) => string | null
): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const rawPath = new URL(req.url ?? '/', 'http://x').pathname
    const isPreview = rawPath.startsWith(PREVIEW_PREFIX)
    if (rawPath.startsWith(ASSET_PREFIX) || isPreview) {
      // What Electron's newsroom-asset:// and newsroom-preview:// protocol handlers do, over HTTP.
      const file = isPreview ? previewFile(rawPath.slice(PREVIEW_PREFIX.length)) : assetFile(rawPath.slice(ASSET_PREFIX.length))
      if (!file) {
        res.writeHead(400).end()
        return
      }
      createReadStream(file)
        .on('error', () => res.writeHead(404).end())
        .once('open', () => res.writeHead(200, { 'content-type': assetMime(file), 'cache-control': 'no-store' }))
        .pipe(res)
      return
    }
    let path: string
    try {
      path = decodeURIComponent(rawPath)
    } catch {
      res.writeHead(400).end()
      return
    }
    const file = normalize(join(RENDERER_DIR, path === '/' ? 'index.html' : path))
    if (!file.startsWith(RENDERER_DIR + sep)) {
      res.writeHead(403).end()
      return
    }
    stat(file).then(
      (info) => {
        if (!info.isFile()) throw new Error('not a file')
        res.writeHead(200, {
          'content-type': MIME[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': rendererCsp,
          'cache-control': 'no-store'
        })
        createReadStream(file).pipe(res)
      },
      () => res.writeHead(404).end()
    )
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no server address')
  return { server, origin: `http://127.0.0.1:${address.port}` }
}

/**
 * Temp folders made for apps launched without a dataDir. They outlive `close()` (a test may relaunch on
 * the same folder, or read what reached the disk) and are removed when the test process exits.
 */
const ownedDataDirs = new Set<string>()
process.once('exit', () => {
  for (const dir of ownedDataDirs) rmSync(dir, { recursive: true, force: true })
})

let preloadScript: Promise<string> | null = null

/**
 * The page-side half of the transport, built from the same createNewsroomApi the preload uses. It runs
 * before any page script, as the preload does.
 */
function buildPreloadScript(): Promise<string> {
  preloadScript ??= build({
    stdin: {
      contents: `
        import { config } from 'zod/mini'
        import { createNewsroomBridge, API_GLOBAL } from './src/shared/ipc/api'
        config({ jitless: true })
        const listeners = new Map()
        Object.defineProperty(window, '__newsroomDeliver', {
          value: (channel, payload) => { for (const l of listeners.get(channel) ?? []) l(payload) }
        })
        const dropPaths = new Map()
        Object.defineProperty(window, '__newsroomDropPaths', {
          value: (paths) => { dropPaths.clear(); for (const [name, path] of Object.entries(paths)) dropPaths.set(name, path) }
        })
        const api = createNewsroomBridge({
          invoke: (channel, request) => window.__newsroomInvoke(channel, request),
          subscribe: (channel, listener) => {
            const set = listeners.get(channel) ?? new Set()
            listeners.set(channel, set)
            set.add(listener)
            return () => set.delete(listener)
          }
        }, { pathsForFiles: (files) => files.map((file) => dropPaths.get(file.name) ?? '') })
        Object.defineProperty(window, API_GLOBAL, { value: api, enumerable: true })
      `,
      resolveDir: ROOT,
      loader: 'ts'
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent'
  }).then((result) => result.outputFiles[0]?.text ?? '')
  return preloadScript
}

let browser: Promise<Browser> | null = null

function sharedBrowser(): Promise<Browser> {
  browser ??= chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...HARNESS_CHROMIUM_ARGS] })
  return browser
}

/** Closes the shared Chromium; call from an afterAll when a file is done with the harness. */
export async function shutdownBrowser(): Promise<void> {
  const current = browser
  browser = null
  if (current) await (await current).close()
}

/**
 * What Electron's hidden print window does for the approval form (src/main/index.ts): the document on a
 * page of its own, no script, printed with Chromium's PDF printer.
 */
async function printPdf(html: string): Promise<Uint8Array> {
  const context = await (await sharedBrowser()).newContext({ javaScriptEnabled: false })
  try {
    const page = await context.newPage()
    await page.setContent(html, { waitUntil: 'load' })
    return new Uint8Array(await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }))
  } finally {
    await context.close()
  }
}

export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  const unavailable = e2eUnavailableReason()
  if (unavailable) throw new Error(unavailable)

  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'newsroom-e2e-')))
  if (!options.dataDir) ownedDataDirs.add(dataDir)
  // Settings live in a conf store, the same library electron-store wraps in the app.
  const settingsStore = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', projectName: 'campus-newsroom' })
  settingsStore.set({ dataDir, ...options.settings })

  const shellCalls = { openExternal: [] as string[], showInFolder: [] as string[] }
  const openAnswers: string[][] = []
  const saveAnswers: (string | null)[] = []
  const asked: { kind: 'open' | 'save'; purpose: string }[] = []
  const pageErrors: string[] = []
  const notifications: { title: string; body: string }[] = []
  const log = createAppLog({ file: join(dataDir, 'logs', 'main.log') })
  const clipboard: string[] = []
  const richClipboard: { html?: string; text: string }[] = []
  let composed: AppServices | null = null
  const { server, origin } = await serveRenderer(
    (tail) => (composed ? assetFileFor(composed.drafts(), tail) : null),
    (tail) => composed?.previewFile(tail) ?? null
  )
  const confirmsAsked: ConfirmRequest[] = []
  const confirmAnswers: boolean[] = []
  const services = composeApp({
    userDataDir: dataDir,
    settingsStore,
    shell: {
      openExternal: async (url) => void shellCalls.openExternal.push(url),
      showInFolder: (path) => void shellCalls.showInFolder.push(path)
    },
    dialogs: {
      openFiles: async ({ purpose }) => {
        asked.push({ kind: 'open', purpose })
        const answer = openAnswers.shift()
        if (!answer) throw new Error(`harness: an open-file dialog (${purpose}) was shown with no answer queued`)
        return answer
      },
      saveFile: async ({ purpose }) => {
        asked.push({ kind: 'save', purpose })
        if (saveAnswers.length === 0) throw new Error(`harness: a save-file dialog (${purpose}) was shown with no answer queued`)
        return saveAnswers.shift() ?? null
      }
    },
    confirm: async (request) => {
      confirmsAsked.push(request)
      return confirmAnswers.shift() ?? true
    },
    appInfo: { version: 'e2e', platform: process.platform, assetUrlBase: `${origin}${ASSET_PREFIX}` },
    previewUrlBase: `${origin}${PREVIEW_PREFIX}`,
    pdf: { fromHtml: printPdf },
    notifier: { show: (title, body) => void notifications.push({ title, body }) },
    // What Electron's main sends to every window; only called once the page below exists.
    broadcast: (channel, payload) => handlerContext.emit(channel, payload),
    ...(options.fs ? { fs: options.fs } : {}),
    ...(options.librarySearch ? { librarySearch: options.librarySearch } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    logger: { error: (message, error) => pageErrors.push(`[main] ${message} ${String(error ?? '')}`) },
    diagnostics: {
      logFile: log.file,
      runtime: () => ({ app: 'e2e', os: process.platform }),
      logTail: () => log.tail(),
      copy: (text) => void clipboard.push(text)
    },
    clipboard: { write: (data) => void richClipboard.push(data) }
  })
  composed = services

  const context: BrowserContext = await (await sharedBrowser()).newContext({
    locale: options.settings?.language ?? 'zh-CN',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: 1
  })
  const page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(`[pageerror] ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`[console] ${message.text()}`)
  })

  const deliver = async (channel: EventChannel, payload: unknown): Promise<void> => {
    if (page.isClosed()) return
    await page.evaluate(([c, p]) => (window as unknown as { __newsroomDeliver(c: string, p: unknown): void }).__newsroomDeliver(c, p), [
      channel,
      payload
    ] as const)
  }
  const handlerContext: HandlerContext = {
    emit(channel, payload) {
      void deliver(channel, validateEvent(channel, payload)).catch(() => undefined)
    }
  }
  const onDispatch = options.onDispatch
  await page.exposeFunction('__newsroomInvoke', async (channel: string, request: unknown) => {
    if (!onDispatch) return services.dispatch(channel, request, handlerContext)
    const startedAt = performance.timeOrigin + performance.now()
    const answer = await services.dispatch(channel, request, handlerContext)
    onDispatch({ channel, startedAt, ms: performance.timeOrigin + performance.now() - startedAt, request, answer })
    return answer
  })
  await page.addInitScript({ content: await buildPreloadScript() })
  await page.goto(options.rendererUrl ?? `${origin}/index.html`)

  return {
    page,
    dataDir,
    services,
    shellCalls,
    notifications,
    log,
    clipboard,
    richClipboard,
    pageErrors,
    dialogs: {
      answerOpen: (paths) => void openAnswers.push(paths),
      answerSave: (path) => void saveAnswers.push(path),
      asked
    },
    confirms: { answer: (yes) => void confirmAnswers.push(yes), asked: confirmsAsked },
    emit: (channel, payload) => deliver(channel, validateEvent(channel, payload)),
    dropPaths: (paths) =>
      page.evaluate((p) => (window as unknown as { __newsroomDropPaths(p: Record<string, string>): void }).__newsroomDropPaths(p), paths),
    requestFlush: (timeoutMs = 5000) =>
      services.flush.request((requestId) => handlerContext.emit('app:flushRequest', { requestId }), timeoutMs),
    async close() {
      await context.close().catch(() => undefined)
      // Chromium's socket pool outlives the context: an idle keep-alive connection would hold close() for minutes.
      await new Promise<void>((ok) => {
        server.close(() => ok())
        server.closeAllConnections()
      })
      // As Electron's main does on quit: the search's worker ends, and a question still on its way makes none.
      await services.library().close()
    }
  }
}
