import { describe, expect, it } from 'vitest'
import { parseCsv, readFindings, unreviewed } from '../../../scripts/check-electron'

const HEADER = 'issue, severity, confidence, filename, location, sample, description, url\n'
const row = (check: string, severity: string, confidence: string, file: string, sample: string) =>
  `${check},"${severity}","${confidence}","${file}","1:1","${sample.replace(/"/g, '""')}","desc",https://example.invalid/${check}\n`

// What Electronegativity reported on the built app before the window's webPreferences became a literal.
const before =
  HEADER +
  row('NODE_INTEGRATION_JS_CHECK', 'HIGH', 'FIRM', 'main/index.js', 'const win = new BrowserWindow(windowOptions({') +
  row('CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'FIRM', 'main/index.js', 'const win = new BrowserWindow(windowOptions({') +
  row('SANDBOX_JS_CHECK', 'MEDIUM', 'FIRM', 'main/index.js', 'const win = new BrowserWindow(windowOptions({') +
  row('AUXCLICK_JS_CHECK', 'MEDIUM', 'FIRM', 'main/index.js', 'const win = new BrowserWindow({') +
  row('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'TENTATIVE', 'main/index.js', 'await shell.openExternal(url);')

const after =
  HEADER +
  row('CSP_GLOBAL_CHECK', 'LOW', 'FIRM', 'renderer/index.html', "default-src 'self'; style-src 'self' 'unsafe-inline'") +
  row('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'TENTATIVE', 'main/index.js', 'await shell.openExternal(url);') +
  row('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'TENTATIVE', 'main/index.js', 'await shell.openExternal(url);') +
  row('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'TENTATIVE', 'main/index.js', 'shell.openExternal(url).catch((error) => console.warn(`could not open ${url}`, error));') +
  row('PRELOAD_JS_CHECK', 'MEDIUM', 'FIRM', 'main/index.js', 'preload: preloadPath,') +
  row('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'TENTATIVE', 'main/index.js', 'openExternal: (url) => shell.openExternal(url),') +
  row('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'TENTATIVE', 'renderer/assets/index-C_XLbV3u.js', 'if (isOpenableHref(href)) newsroom().app.openExternal({ url: href }).catch((error) => console.warn("could not open link", error));')

describe('check:electron', () => {
  it('reads quoted fields with commas, doubled quotes and newlines', () => {
    expect(parseCsv('a,"b, c","say ""hi""","two\nlines"\r\nx,y\n')).toEqual([
      ['a', 'b, c', 'say "hi"', 'two\nlines'],
      ['x', 'y']
    ])
  })

  it('fails the window whose security switches it could not read, and a reviewed kind only as often as reviewed', () => {
    expect(unreviewed(readFindings(before)).map((f) => f.check)).toEqual([
      'NODE_INTEGRATION_JS_CHECK',
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'AUXCLICK_JS_CHECK'
    ])
    const third = after + row('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'TENTATIVE', 'main/index.js', 'await shell.openExternal(url);')
    expect(unreviewed(readFindings(third))).toHaveLength(1)
  })

  it('passes today’s build, whose remaining findings are all reviewed or LOW', () => {
    expect(unreviewed(readFindings(after))).toEqual([])
  })

  it('recognises the reviewed link opener in the minified renderer too, and only where it is', () => {
    const minified = after.replace(
      /renderer\/assets\/index-C_XLbV3u\.js","1:1","[^"]*"/,
      'renderer/assets/DraftEditor-XfKLrnkh.js","2:5725","Wr(r)&&f().app.openExternal({url:r}).catch(e=>console.warn(`could not open link`,e))"'
    )
    expect(minified).toContain('DraftEditor-XfKLrnkh.js')
    expect(unreviewed(readFindings(minified))).toEqual([])
    const elsewhere = minified.replace('f().app.openExternal({url:r})', 'f().shell.openExternal(r)')
    expect(unreviewed(readFindings(elsewhere)).map((f) => f.check)).toEqual(['OPEN_EXTERNAL_JS_CHECK'])
  })

  it('refuses a report that is not Electronegativity’s table', () => {
    expect(() => readFindings('')).toThrow(/no findings table/)
  })
})
