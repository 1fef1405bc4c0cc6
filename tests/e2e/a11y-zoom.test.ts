/// <reference lib="dom" />
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

/**
 * Zoom is a smaller viewport in CSS px: Chromium's page zoom (Ctrl+ +, Electron's zoomFactor) lays the page out
 * in window size ÷ zoom, so a 1280×800 window at 150% is 853×533, at 200% 640×400, and 1280 px at 400% is the
 * 320 px of WCAG's reflow criterion.
 */
const ZOOMS = [
  { zoom: '150%', width: 853, height: 533, minBody: 400 },
  { zoom: '200%', width: 640, height: 400, minBody: 400 },
  { zoom: '400% (320 px wide)', width: 320, height: 400, minBody: 240 }
] as const

suite('zoomed windows keep a usable writing area', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  for (const { zoom, width, height, minBody } of ZOOMS) {
    it(`${zoom} (${width}×${height} CSS px): the body is ${minBody} px wide or more, nothing overlaps 稿件信息 or scrolls sideways`, async () => {
      app = await launchApp({ viewport: { width, height } })
      const { page } = app
      await page.getByRole('button', { name: '新建稿件' }).first().click()
      const body = page.getByRole('textbox', { name: '正文' })
      await body.scrollIntoViewIfNeeded()
      const box = await body.boundingBox()
      expect(box?.width ?? 0).toBeGreaterThanOrEqual(minBody)
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true)

      // The toolbar and the article stop short of the folded 稿件信息 panel instead of running under it.
      const panel = await page.locator('.metadata-panel').boundingBox()
      const toolbar = await page.getByRole('toolbar', { name: '格式' }).boundingBox()
      expect(panel).not.toBeNull()
      expect((toolbar?.x ?? 0) + (toolbar?.width ?? 0)).toBeLessThanOrEqual((panel?.x ?? 0) + 0.5)
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual((panel?.x ?? 0) + 0.5)

      // Usable, not just wide: a click lands in it and typing shows up there.
      await body.click()
      await page.keyboard.insertText('放大后也能写')
      await expect.poll(() => body.textContent()).toContain('放大后也能写')
      const after = await body.boundingBox()
      expect(after?.width ?? 0).toBeGreaterThanOrEqual(minBody)
    })
  }
})
