import * as nodePath from 'node:path'

/**
 * The renderer is served from app://newsroom/ rather than file://. Chromium and Node spell file URLs of the
 * same Windows path differently (drive-letter case, UNC hosts), so comparing them to decide which page may
 * use IPC refused the app's own page on some desktops; a scheme of our own has one spelling, and a page
 * from anywhere else on disk can never share its origin.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'newsroom'
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/**
 * `standard` gives the page an origin (so 'self', relative URLs and storage work), `secure` makes it a
 * secure context like https, `supportFetchAPI` lets module scripts load. `codeCache` (Electron: only with
 * `standard`) lets V8 keep the compiled bundle between starts: compiling and running the 3 MB bundle is
 * most of the time from start to the library's list (bench:drafts), and without it every start compiles
 * anew, as only http(s) gets a code cache by default. Neither `bypassCSP` nor `corsEnabled`: the CSP
 * applies in full and no other origin may read our files.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const

/** Our origin exactly: no user, password or port, the one host, in the one spelling Chromium gives it. */
export function isAppOrigin(url: URL): boolean {
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '' && url.port === ''
}

/** The page itself (any hash route or query), not some other file of the bundle shown as a page. */
export function isAppEntry(url: URL): boolean {
  return isAppOrigin(url) && (url.pathname === '/index.html' || url.pathname === '/')
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8'
}

export type AppFileRequest = { file: string; contentType: string; isDocument: boolean }

/** The two path flavours main can run with; tests pass `win32` to check Windows installs on any machine. */
export type PathFlavour = Pick<typeof nodePath, 'join' | 'resolve' | 'relative' | 'isAbsolute' | 'extname' | 'sep'>

/**
 * Which file of the built renderer an app:// request names, or null to refuse it. Only our host, only
 * plain segments: `..`, `.`, empty segments, back-slashes, colons (drive letters, NTFS streams) and NUL are
 * refused before the path is joined, and the joined path must still lie inside `rendererDir`, so no
 * request, however encoded, reaches a file outside the bundle.
 */
export function resolveAppRequest(requestUrl: string, rendererDir: string, path: PathFlavour = nodePath): AppFileRequest | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (!isAppOrigin(url)) return null
  const rawSegments = url.pathname === '/' ? ['index.html'] : url.pathname.slice(1).split('/')
  const segments: string[] = []
  for (const raw of rawSegments) {
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return null
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\:\0]/.test(segment)) return null
    segments.push(segment)
  }
  const root = path.resolve(rendererDir)
  const file = path.join(root, ...segments)
  const inside = path.relative(root, file)
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null
  const extension = path.extname(file).toLowerCase()
  const contentType = CONTENT_TYPES[extension] ?? 'application/octet-stream'
  return { file, contentType, isDocument: extension === '.html' }
}

/**
 * Headers for a file served on app://. The page's CSP travels with the document itself: a response made by
 * a protocol handler is not a network response, and the index.html meta tag stays as a second layer.
 */
export function appResponseHeaders(request: AppFileRequest, csp: string): Record<string, string> {
  return {
    'content-type': request.contentType,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    ...(request.isDocument ? { 'content-security-policy': csp } : {})
  }
}
