/// <reference lib="dom" />
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

/** The window sizes offices have: small laptop, 1366×768 maximized above the taskbar, 1080p at 125%, 1080p. */
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1366, height: 650 },
  { width: 1536, height: 864 },
  { width: 1920, height: 1080 }
] as const

const LONG_TITLE = '我校举行2026年秋季运动会暨第三十届田径运动会开幕式，全校师生三千余人在新体育场参加'

/** Inside the window and not cut by its own box (nothing hidden sideways inside it). */
async function expectFullyShown(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox()
  const size = page.viewportSize()
  expect(box, what).not.toBeNull()
  if (!box || !size) return
  expect(box.x, `${what} left`).toBeGreaterThanOrEqual(0)
  expect(box.y, `${what} top`).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width, `${what} right`).toBeLessThanOrEqual(size.width + 0.5)
  expect(box.y + box.height, `${what} bottom`).toBeLessThanOrEqual(size.height + 0.5)
  const clipped = await locator.evaluate((el) => el.scrollWidth > el.clientWidth + 1)
  expect(clipped, `${what} clipped sideways`).toBe(false)
}

suite('layout at the window sizes offices have', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  for (const size of SIZES) {
    it(`${size.width}×${size.height}: the key controls are in view and unclipped, nothing scrolls sideways`, async () => {
      app = await launchApp({ viewport: size })
      const { page } = app
      await page.getByRole('button', { name: '新建稿件' }).first().click()
      const title = page.getByRole('textbox', { name: '标题' })
      await title.fill(LONG_TITLE)

      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true)
      // The long headline wraps inside its field instead of running out of it.
      await expectFullyShown(page, title, 'title')
      expect(await title.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true)
      const toolbar = page.getByRole('toolbar', { name: '格式' })
      await expectFullyShown(page, toolbar, 'toolbar')
      // One toolbar row: every button sits on the same line.
      const tops = await toolbar.evaluate((el) => [...new Set([...el.querySelectorAll(':scope > .toolbar-section, :scope > .toolbar-pinned, :scope > .toolbar-more')].map((b) => Math.round(b.getBoundingClientRect().top)))])
      expect(tops).toHaveLength(1)
      for (const name of ['新建稿件', '设置', '预览', '提交校对', '稿件信息']) {
        await expectFullyShown(page, page.getByRole('button', { name, exact: true }).first(), name)
      }
      if (size.width >= 1366) {
        // Wide enough for everything: the toolbar needs 更多 only below 1920.
        expect(await toolbar.getByRole('button', { name: '更多工具' }).count()).toBe(size.width >= 1920 ? 0 : 1)
        await expectFullyShown(page, page.getByRole('combobox', { name: '栏目' }), '栏目')
      } else {
        // Narrow: 稿件信息 waits folded at the side and opens as a drawer over the article.
        await page.getByRole('button', { name: '稿件信息' }).click()
        await expectFullyShown(page, page.getByRole('combobox', { name: '栏目' }), '栏目 in the drawer')
      }

      // The workflow bar lines up with the article column.
      const bar = await page.locator('.workflow-bar').boundingBox()
      const column = await page.locator('.draft-editor').boundingBox()
      expect(Math.abs((bar?.x ?? 0) - (column?.x ?? 0))).toBeLessThanOrEqual(10)
    })
  }

  it('1366×650: 稿件信息 and the article scroll on their own, and the workflow bar stays in view', async () => {
    app = await launchApp({ viewport: { width: 1366, height: 650 } })
    const { page } = app
    await page.getByRole('button', { name: '新建稿件' }).first().click()
    await page.getByRole('textbox', { name: '标题' }).fill('滚动')
    await page.getByRole('textbox', { name: '正文' }).click()
    for (let i = 0; i < 40; i++) await page.keyboard.press('Enter')
    const submit = page.getByRole('button', { name: '提交校对' })
    const before = await submit.boundingBox()
    await page.getByRole('complementary', { name: '稿件信息' }).getByText('封面图').scrollIntoViewIfNeeded()
    await page.mouse.move(700, 500)
    await page.mouse.wheel(0, 2000)
    await expect.poll(() => page.locator('.draft-scroll').evaluate((el) => el.scrollTop)).toBeGreaterThan(0)
    expect(await page.locator('.metadata-panel').evaluate((el) => el.scrollTop)).toBeGreaterThan(0)
    expect(await submit.boundingBox()).toEqual(before)
    await expectFullyShown(page, submit, '提交校对')
  })
})
