import { fileURLToPath } from 'node:url'
import { runInNewContext } from 'node:vm'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import type { CheckInput, CheckResult } from '../../../src/shared/checks/types'

/**
 * The engine runs in the renderer's Web Worker, which has no document, no process and no Node modules. Bundled
 * for the browser (as Vite bundles the worker) and run in a bare context, it must load and check: a dependency
 * that touches document when it loads (zhlint's Markdown parser does) would kill the worker.
 */
describe('the rule engine in a Web Worker', () => {
  it('loads and checks with only what a worker has', async () => {
    const entry = fileURLToPath(new URL('../../../src/shared/checks/engine.ts', import.meta.url))
    const bundle = await build({
      stdin: { contents: `import { runChecks } from ${JSON.stringify(entry)}; self.runChecks = runChecks`, resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
      // zhlint's debug logging requires these behind a flag that is never set; Vite leaves such requires alone.
      external: ['fs', 'console'],
      logLevel: 'silent'
    })
    const self: { runChecks?: (input: CheckInput) => CheckResult } = {}
    const worker = { self, console, Intl, TextEncoder, TextDecoder, URL, Uint8Array, Uint16Array, Uint32Array, Int32Array, ArrayBuffer, WeakMap, Reflect, Proxy }
    runInNewContext(bundle.outputFiles[0]?.text ?? '', worker)
    const options = { people: [{ name: '李明', titles: [{ title: '校长', from: null }], rank: 1 }], words: [], ownDomains: [], titleMax: null, summaryRequired: false, minPhotoWidth: null, variants: {}, publishAt: null }
    const result = self.runChecks?.({ segments: [{ field: 'body', key: 'p', text: '学校召開会议,校长李鸣说...好。' }], photos: [], links: [], options })
    expect(result?.findings.map((f) => `${f.ruleId} ${f.excerpt}`)).toEqual(['script.traditional 開', 'punct.halfwidth ,', 'people.name-typo 李鸣', 'punct.ellipsis ...'])
  }, 60_000)
})
