/// <reference lib="dom" />
/**
 * bench:checks' second figure: what 发布前检查 costs the renderer's main thread per keystroke while someone types
 * into a 20,000-character article in the real app (the E2E harness: built renderer, real services, Debian's headless
 * Chromium). bench/checks.ts (the rule engine's figure) calls `measureChecksKeystroke`.
 *
 * Each keystroke only restarts a timer; the check runs in the worker once typing pauses. So the main thread pays,
 * once per pause: flattening the editor into segments and handing them over (the controller's
 * `newsroom-checks:prepare` measure), and taking the answer in: from the worker's message to the end of the next
 * rendered frame (panel, marks, layout). A keystroke triggers at most one such check, so the figure is the p95
 * of prepare + apply over checks: the most any one keystroke can add. Typing goes in bursts with pauses longer
 * than the debounce, so checks run throughout; keypress-to-next-frame is reported beside it for context.
 */
import { join } from 'node:path'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import type { Page } from 'playwright-core'
import { articleBody, newsText } from './newsText'
import { percentile, round } from './stats'

const ARTICLE_CHARS = 20_000
const BURSTS = Number(process.env.CHECK_BURSTS ?? 30)
const KEYS_PER_BURST = 5
const KEY_INTERVAL_MS = 60
/** Longer than the debounce plus a check in the worker, so every burst ends in one check. */
const PAUSE_MS = 900
const TARGET_P95_MS = 2
const TITLE = '学校召开2024年度工作总结大会'

export type ChecksKeystrokeFigure =
  | { skipped: string }
  | {
      checks: number
      keystrokes: number
      perKeystrokeP95Ms: number
      prepareP95Ms: number
      applyP95Ms: number
      keypressToFrameP95Ms: number
      targetP95Ms: number
      ratio: number
      met: boolean
    }

/**
 * In the page: times the worker's answers to the next frame, the controller's prepare measures, and keydowns.
 * A string, not a function: tsx's helpers (__name) do not exist in the page.
 */
const PROBE = `(() => {
  const data = { prepare: [], apply: [], keys: [] }
  window.__checksBench = data
  const afterNextFrame = () => new Promise((done) => requestAnimationFrame(() => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => done(performance.now())
    channel.port2.postMessage(null)
  }))
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'newsroom-checks:prepare') data.prepare.push(entry.duration)
  }).observe({ type: 'measure' })
  const Original = window.Worker
  window.Worker = class extends Original {
    constructor(url, options) {
      super(url, options)
      this.addEventListener('message', () => {
        const start = performance.now()
        void afterNextFrame().then((end) => data.apply.push(end - start))
      })
    }
  }
  window.addEventListener('keydown', () => {
    const start = performance.now()
    void afterNextFrame().then((end) => data.keys.push(end - start))
  }, { capture: true })
})()`

async function typeBursts(page: Page): Promise<void> {
  // Real key presses (a keydown each, as a person's typing makes); Latin letters, as Pinyin is typed.
  const letters = 'xinwenbaodao'
  for (let burst = 0; burst < BURSTS; burst++) {
    for (let key = 0; key < KEYS_PER_BURST; key++) {
      await page.keyboard.press(letters[(burst * KEYS_PER_BURST + key) % letters.length] ?? 'a')
      await page.waitForTimeout(KEY_INTERVAL_MS)
    }
    await page.waitForTimeout(PAUSE_MS)
  }
}

export async function measureChecksKeystroke(): Promise<ChecksKeystrokeFigure> {
  const { e2eUnavailableReason, launchApp, shutdownBrowser } = await import('../../tests/e2e/harness')
  const unavailable = e2eUnavailableReason()
  if (unavailable) return { skipped: unavailable }
  const work = await mkdtemp(join(tmpdir(), 'newsroom-bench-checks-'))
  try {
    const app = await launchApp({ dataDir: join(work, 'library') })
    try {
      const { services, page } = app
      const draft = await services.drafts().create({ title: TITLE, column: '校园要闻' })
      // Half-width commas in Chinese text among the paragraphs: the panel and the marks have findings to show.
      const text = newsText(ARTICLE_CHARS, 7).replace(/，/g, (comma, at: number) => (at % 9 === 0 ? ',' : comma))
      await services.drafts().save(draft.id, { title: TITLE, column: '校园要闻', body: articleBody(text) })
      await page.addInitScript({ content: PROBE })
      await page.reload()
      await page.locator('button.draft-open', { hasText: TITLE }).first().click()
      const body = page.getByRole('textbox', { name: '正文' })
      await body.click()
      // The first check (the worker loading its dictionaries) is not what a keystroke costs.
      const deadline = Date.now() + 30_000
      while (((await page.evaluate('window.__checksBench.apply.length')) as number) === 0) {
        if (Date.now() > deadline) throw new Error(`bench:checks: no check answered within 30 s (${app.pageErrors.join('; ') || 'no page errors'})`)
        await page.waitForTimeout(100)
      }
      await page.evaluate('window.__checksBench.prepare.length = 0; window.__checksBench.apply.length = 0; window.__checksBench.keys.length = 0')
      await typeBursts(page)
      if (!((await body.textContent()) ?? '').includes('xinwe')) throw new Error('bench:checks: the keystrokes did not reach the article')
      const data = (await page.evaluate('window.__checksBench')) as { prepare: number[]; apply: number[]; keys: number[] }
      const checks = Math.min(data.prepare.length, data.apply.length)
      const perCheck = Array.from({ length: checks }, (_, i) => (data.prepare[i] ?? 0) + (data.apply[i] ?? 0))
      const p95 = percentile(perCheck, 95)
      return {
        checks,
        keystrokes: data.keys.length,
        perKeystrokeP95Ms: round(p95),
        prepareP95Ms: round(percentile(data.prepare, 95)),
        applyP95Ms: round(percentile(data.apply, 95)),
        keypressToFrameP95Ms: round(percentile(data.keys, 95)),
        targetP95Ms: TARGET_P95_MS,
        ratio: round(p95 / TARGET_P95_MS),
        met: checks > 0 && p95 <= TARGET_P95_MS
      }
    } finally {
      await app.close()
      await shutdownBrowser()
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}
