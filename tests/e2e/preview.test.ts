/// <reference lib="dom" />
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const TITLE = '我校举办第三十届田径运动会'
const COLUMN = '校园动态'
const FIRST = '11月15日上午，我校第三十届田径运动会在东区体育场隆重开幕。'
const SECOND = '本届运动会共设田赛、径赛等28个项目，来自各学院的1200余名运动员参赛。'

async function writeDraft(page: Page): Promise<void> {
  await page.getByRole('button', { name: '新建稿件' }).first().click()
  const title = page.getByRole('textbox', { name: '标题' })
  await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true)
  await title.fill(TITLE)
  await page.getByRole('combobox', { name: '栏目' }).fill(COLUMN)
  await page.getByRole('textbox', { name: '正文' }).click()
  await page.keyboard.insertText(FIRST)
  await page.keyboard.press('Enter')
  await page.keyboard.insertText(SECOND)
  await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 10_000 }).toContain('已保存')
}

function previewDialog(page: Page) {
  return page.getByRole('dialog', { name: '预览' })
}

suite('preview', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  it('shows the article as the school site does: column, title, date line, body, credit line place; Esc closes', async () => {
    app = await launchApp()
    const { page } = app
    await writeDraft(page)
    await page.screenshot({ path: '/tmp/preview-editor-e2e.png' })
    await page.getByRole('button', { name: '预览', exact: true }).click()

    const dialog = previewDialog(page)
    const article = dialog.getByRole('region', { name: '文章预览' })
    // Playwright's CSS locators reach into the open shadow root.
    await expect.poll(() => article.locator('.news-article h1').textContent()).toBe(TITLE)
    expect(await article.locator('.news-article > header > p').first().textContent()).toBe(COLUMN)
    expect(await article.locator('.news-article > header > p').last().textContent()).toMatch(/^发布日期：\d{4}年\d{1,2}月\d{1,2}日$/)
    expect(await article.locator('.news-article > p:not(.preview-credit-placeholder)').allTextContents()).toEqual([FIRST, SECOND])
    const credit = article.locator('.news-article > p:last-child')
    expect(await credit.getAttribute('class')).toBe('preview-credit-placeholder')
    expect(await credit.isVisible()).toBe(true)

    // The site's typesetting, not the app's: a big centred title, 2em first-line indent in the body.
    const looks = await article.locator('.news-article').evaluate((el) => {
      const h1 = getComputedStyle(el.querySelector('h1')!)
      const p = getComputedStyle(el.querySelector(':scope > p')!)
      return { titleSize: h1.fontSize, titleAlign: h1.textAlign, bodySize: p.fontSize, indent: p.textIndent, lineHeight: p.lineHeight }
    })
    expect(looks).toEqual({ titleSize: '26px', titleAlign: 'center', bodySize: '16px', indent: '32px', lineHeight: '30.4px' })

    await page.screenshot({ path: '/tmp/preview-e2e.png' })
    await page.keyboard.press('Escape')
    await expect.poll(() => previewDialog(page).count()).toBe(0)
    await expect.poll(() => page.getByRole('textbox', { name: '标题' }).inputValue()).toBe(TITLE)
  })

  it('shows edits that autosave has not written yet', async () => {
    app = await launchApp({ settings: { autosaveDelayMs: 10_000 } })
    const { page } = app
    await page.getByRole('button', { name: '新建稿件' }).first().click()
    await page.getByRole('textbox', { name: '标题' }).fill('尚未保存的标题')
    await page.getByRole('button', { name: '预览', exact: true }).click()
    await expect.poll(() => previewDialog(page).locator('.news-article h1').textContent()).toBe('尚未保存的标题')
  })

  it('takes the office’s own site.css for the article and leaves the app alone', async () => {
    app = await launchApp()
    const { page, dataDir } = app
    await writeFile(
      join(dataDir, 'site.css'),
      [
        '.news-article > header > h1 { color: rgb(0, 63, 136); }',
        // A style sheet written for a whole page: it must not reach the app around the preview.
        'body, .app, .app-name, .draft-title-input, .modal-title { color: rgb(255, 0, 0) !important; background: rgb(255, 0, 0) !important; }'
      ].join('\n')
    )
    await writeDraft(page)
    const appTitleColour = await page.locator('.app-name').evaluate((el) => getComputedStyle(el).color)
    await page.getByRole('button', { name: '预览', exact: true }).click()
    const dialog = previewDialog(page)
    await expect.poll(() => dialog.locator('.news-article > header > h1').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(0, 63, 136)')
    expect(await dialog.getByText(`正在使用自定义样式：${join(dataDir, 'site.css')}`).count()).toBe(1)
    expect(await page.locator('.app-name').evaluate((el) => getComputedStyle(el).color)).toBe(appTitleColour)
    expect(await page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgb(255, 0, 0)')
    expect(await dialog.locator('.preview-toolbar h2').evaluate((el) => getComputedStyle(el).color)).not.toBe('rgb(255, 0, 0)')
  })

  it('自定义样式… writes a starter style sheet in the data folder and shows where it is', async () => {
    app = await launchApp()
    const { page, dataDir } = app
    await writeDraft(page)
    await page.getByRole('button', { name: '预览', exact: true }).click()
    const dialog = previewDialog(page)
    await dialog.getByRole('button', { name: '自定义样式…' }).click()
    const path = join(dataDir, 'site.css')
    await expect.poll(() => app!.shellCalls.showInFolder).toEqual([path])
    expect(await readFile(path, 'utf8')).toContain('.news-article')
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain(`样式文件在：${path}`)
  })
})
