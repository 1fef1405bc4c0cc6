/// <reference lib="dom" />
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import zhCN from '../../src/renderer/src/i18n/zh-CN.json'
import en from '../../src/renderer/src/i18n/en.json'

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** The UI's own words, so one test walks the views in both languages. */
export const CATALOGUES = { 'zh-CN': zhCN, en } as const
export type Language = keyof typeof CATALOGUES

/**
 * axe-core's WCAG 2.1 A/AA rules over the page as it is now, one line per failing element. The source is
 * evaluated through the DevTools protocol, which the renderer's CSP (script-src 'self') does not govern.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE)
  return page.evaluate(`
    window.axe
      .run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations']
      })
      .then((result) =>
        result.violations.flatMap((violation) =>
          violation.nodes.map((node) => violation.id + ': ' + violation.help + ' @ ' + node.target.join(' ') + ' | ' + (node.failureSummary || '').replace(/\\s+/g, ' '))
        )
      )
  `)
}
