import { posix, win32 } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appResponseHeaders, APP_ENTRY_URL, APP_SCHEME_PRIVILEGES, isAppEntry, resolveAppRequest } from '../../../src/main/window/appScheme'
import { buildContentSecurityPolicy } from '../../../src/main/window/csp'

const linuxDir = '/opt/Campus Newsroom/resources/app.asar/out/renderer'
const windowsDir = 'C:\\Program Files\\Campus Newsroom\\resources\\app.asar\\out\\renderer'
const lowerDriveDir = 'c:\\Users\\张老师\\AppData\\Local\\Programs\\campus-newsroom\\resources\\app.asar\\out\\renderer'
const uncDir = '\\\\fileserver\\apps\\Newsroom\\resources\\app.asar\\out\\renderer'

describe('the app scheme’s privileges', () => {
  it('keep the compiled bundle between starts (Electron honours codeCache only with standard) and never weaken the CSP or CORS', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, codeCache: true })
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP')
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('corsEnabled')
  })
})

describe('resolveAppRequest serves the built renderer', () => {
  it.each([
    [APP_ENTRY_URL, 'index.html', 'text/html; charset=utf-8'],
    ['app://newsroom/', 'index.html', 'text/html; charset=utf-8'],
    ['app://newsroom/index.html#/drafts/abc', 'index.html', 'text/html; charset=utf-8'],
    ['app://newsroom/assets/index-Bx1.js', 'assets/index-Bx1.js', 'text/javascript; charset=utf-8'],
    ['app://newsroom/assets/index-Bx1.css?v=2', 'assets/index-Bx1.css', 'text/css; charset=utf-8'],
    ['app://newsroom/assets/%E5%AD%97%E4%BD%93.woff2', 'assets/字体.woff2', 'font/woff2']
  ])('%s → %s', (url, relative, contentType) => {
    expect(resolveAppRequest(url, linuxDir, posix)).toEqual({
      file: posix.join(linuxDir, relative),
      contentType,
      isDocument: relative.endsWith('.html')
    })
  })

  // The defect this scheme removes: an install on a drive (either letter case) or a network share.
  it.each([
    [windowsDir, 'C:\\Program Files\\Campus Newsroom\\resources\\app.asar\\out\\renderer\\assets\\index-Bx1.js'],
    [lowerDriveDir, 'c:\\Users\\张老师\\AppData\\Local\\Programs\\campus-newsroom\\resources\\app.asar\\out\\renderer\\assets\\index-Bx1.js'],
    [uncDir, '\\\\fileserver\\apps\\Newsroom\\resources\\app.asar\\out\\renderer\\assets\\index-Bx1.js']
  ])('finds the bundle of a Windows install at %s', (dir, expected) => {
    expect(resolveAppRequest('app://newsroom/assets/index-Bx1.js', dir, win32)?.file).toBe(expected)
    expect(resolveAppRequest(APP_ENTRY_URL, dir, win32)?.file).toBe(win32.join(dir, 'index.html'))
  })
})

describe('resolveAppRequest refuses anything outside the bundle', () => {
  // The URL parser folds these dot segments away (as Chromium does) before any path exists: what is left
  // names a file inside the bundle, never above it.
  it.each(['app://newsroom/../../../etc/passwd', 'app://newsroom/assets/%2e%2e/%2e%2e/%2e%2e/secret.txt'])('%s stays inside', (url) => {
    for (const [dir, path] of [[linuxDir, posix], [windowsDir, win32], [uncDir, win32]] as const) {
      const file = resolveAppRequest(url, dir, path)?.file ?? ''
      expect(file.startsWith(dir + path.sep), file).toBe(true)
    }
  })

  const attacks = [
    'app://newsroom/..%2f..%2f..%2fetc%2fpasswd',
    'app://newsroom/..%5c..%5c..%5cWindows%5cwin.ini',
    'app://newsroom/assets%5c..%5c..%5c..%5cpublish-secrets.json',
    'app://newsroom/C:%5cWindows%5cwin.ini',
    'app://newsroom/C:/Windows/win.ini',
    'app://newsroom/%5c%5cfileserver%5cshare%5cx.js',
    'app://newsroom//etc/passwd',
    'app://newsroom/index.html%00.js',
    'app://newsroom/index.html::$DATA',
    'app://newsroom/%E0%A4%A',
    'app://other/index.html',
    'app://user:pw@newsroom/index.html',
    'app://newsroom:1234/index.html',
    'file:///etc/passwd',
    'newsroom-asset://newsroom/index.html',
    'not a url'
  ]
  it.each(attacks)('%s (POSIX install)', (url) => {
    expect(resolveAppRequest(url, linuxDir, posix)).toBeNull()
  })
  it.each(attacks)('%s (Windows install)', (url) => {
    expect(resolveAppRequest(url, windowsDir, win32)).toBeNull()
    expect(resolveAppRequest(url, uncDir, win32)).toBeNull()
  })
})

describe('app:// responses', () => {
  const csp = buildContentSecurityPolicy()
  it('carry the CSP with the page, and no sniffing on every file', () => {
    const page = resolveAppRequest(APP_ENTRY_URL, linuxDir, posix)
    const script = resolveAppRequest('app://newsroom/assets/a.js', linuxDir, posix)
    if (!page || !script) throw new Error('both resolve')
    expect(appResponseHeaders(page, csp)).toMatchObject({ 'content-security-policy': csp, 'x-content-type-options': 'nosniff' })
    expect(appResponseHeaders(script, csp)).toEqual({ 'content-type': 'text/javascript; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' })
  })

  it('treat only the entry page as the app', () => {
    expect(isAppEntry(new URL(`${APP_ENTRY_URL}#/settings`))).toBe(true)
    expect(isAppEntry(new URL('app://newsroom/assets/index.js'))).toBe(false)
  })
})
