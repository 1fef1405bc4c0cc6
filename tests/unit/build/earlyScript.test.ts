import { describe, expect, it } from 'vitest'
import { earlyScriptSource, withEarlyScript } from '../../../scripts/vite/earlyScript'

const PAGE = `<!doctype html>
<html lang="zh-CN">
  <head>
    <title>校园新闻编辑器</title>
    <script type="module" crossorigin src="./assets/index-abc.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/newsroom-def.js">
  </head>
  <body><div id="root"></div></body>
</html>`

describe('the page’s first script (scripts/vite/earlyScript.ts)', () => {
  it('goes before the app’s script, so it runs first and does not wait for the app’s code', () => {
    const html = withEarlyScript(PAGE, './assets/early-123.js')
    const early = html.indexOf('src="./assets/early-123.js"')
    const app = html.indexOf('src="./assets/index-abc.js"')
    expect(early).toBeGreaterThan(0)
    expect(early).toBeLessThan(app)
    expect(html.match(/<script /g)).toHaveLength(2)
    expect(html).toContain('<script type="module" crossorigin src="./assets/early-123.js"></script>')
  })

  it('refuses a page without a module script rather than leaving the early question out', () => {
    expect(() => withEarlyScript('<html><body></body></html>', './assets/early.js')).toThrow(/no module script/)
  })

  it('is the build’s one "early" entry', () => {
    const chunk = (fileName: string, name: string, isEntry = true) => ({ type: 'chunk' as const, isEntry, name, fileName })
    expect(
      earlyScriptSource({
        'assets/index-abc.js': chunk('assets/index-abc.js', 'index'),
        'assets/early-123.js': chunk('assets/early-123.js', 'early'),
        'assets/early-shared.js': chunk('assets/early-shared.js', 'early', false),
        'assets/index.css': { type: 'asset' }
      })
    ).toBe('./assets/early-123.js')
    expect(() => earlyScriptSource({ 'assets/index-abc.js': chunk('assets/index-abc.js', 'index') })).toThrow(/0 "early" entries/)
  })
})
