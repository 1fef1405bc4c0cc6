/// <reference lib="dom" />
/**
 * Pinyin input through Chromium's own IME path: Input.imeSetComposition steps then Input.insertText fire
 * compositionstart / compositionupdate / compositionend exactly as a Pinyin IME does.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { CDPSession, Page } from 'playwright-core'
import { ArticleBodyStrictSchema, TEXT_FORMAT } from '../../src/shared/article/schema'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { body, openNewDraft, press, saveAndReadBody, textNodes, textOf, toolbarButton, type SavedNode } from './editorHelpers'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

/** Types `hanzi` the way a Pinyin IME does: the pinyin grows letter by letter, then the choice replaces it. */
async function pinyin(cdp: CDPSession, letters: string, hanzi: string): Promise<void> {
  for (let i = 1; i <= letters.length; i += 1) {
    await cdp.send('Input.imeSetComposition', { text: letters.slice(0, i), selectionStart: i, selectionEnd: i })
  }
  await cdp.send('Input.insertText', { text: hanzi })
}

async function typeXiaoYuan(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  await pinyin(cdp, 'xiao', '校')
  await pinyin(cdp, 'yuan', '园')
  await cdp.detach()
}

/** No composition letters may survive into the document: not `x`, not `xiao`, not `yuan`. */
function expectNoPinyin(saved: unknown): void {
  expect(textNodes((saved as { root: SavedNode }).root).map((node) => node['text']).join('')).not.toMatch(/[a-z]/)
}

suite('article editor: Pinyin IME composition', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  it('at the start of an empty paragraph', async () => {
    app = await launchApp()
    const { page, dataDir } = app
    await openNewDraft(page)
    await typeXiaoYuan(page)
    await expect.poll(() => body(page).textContent()).toBe('校园')
    const saved = await saveAndReadBody(page, dataDir)
    expect(saved.root.children.map(textOf)).toEqual(['校园'])
    expectNoPinyin(saved)
  })

  it('in the middle of text', async () => {
    app = await launchApp()
    const { page, dataDir } = app
    await openNewDraft(page)
    await page.keyboard.insertText('我校新闻')
    await press(page, 'ArrowLeft', 2)
    await typeXiaoYuan(page)
    await expect.poll(() => body(page).textContent()).toBe('我校校园新闻')
    const saved = await saveAndReadBody(page, dataDir)
    expect(saved.root.children.map(textOf)).toEqual(['我校校园新闻'])
    expectNoPinyin(saved)
  })

  it('inside bold text, which stays bold', async () => {
    app = await launchApp()
    const { page, dataDir } = app
    await openNewDraft(page)
    await page.keyboard.insertText('前文')
    await press(page, 'Control+b')
    await page.keyboard.insertText('加粗')
    await press(page, 'Control+b')
    await page.keyboard.insertText('后文')
    // A click between 加 and 粗, as a writer would put the caret there.
    await body(page).locator('strong').click()
    await expect.poll(() => toolbarButton(page, '加粗').getAttribute('aria-pressed')).toBe('true')
    await typeXiaoYuan(page)
    await expect.poll(() => body(page).textContent()).toBe('前文加校园粗后文')
    const saved = await saveAndReadBody(page, dataDir)
    expect(textNodes(saved.root).map((node) => [node['text'], node['format']])).toEqual([
      ['前文', 0],
      ['加校园粗', TEXT_FORMAT.bold],
      ['后文', 0]
    ])
    expectNoPinyin(saved)
  })

  // The block before the caret is a horizontal rule: like a picture, a non-text (decorator) block.
  it('after a non-text block (a decorator node: horizontal rule)', async () => {
    app = await launchApp()
    const { page, dataDir } = app
    await openNewDraft(page)
    await page.keyboard.insertText('前一段')
    await press(page, 'Enter')
    await press(page, 'Control+Alt+-')
    await typeXiaoYuan(page)
    await press(page, 'Enter')
    await page.keyboard.insertText('新闻')
    // Right after the rule, at the start of a paragraph that already has text.
    await press(page, 'Home')
    await typeXiaoYuan(page)
    await expect.poll(() => body(page).textContent()).toBe('前一段校园校园新闻')
    const saved = await saveAndReadBody(page, dataDir)
    expect(ArticleBodyStrictSchema.safeParse(saved).success).toBe(true)
    expect(saved.root.children.map((block) => [block.type, textOf(block)])).toEqual([
      ['paragraph', '前一段'],
      ['horizontalrule', ''],
      ['paragraph', '校园'],
      ['paragraph', '校园新闻']
    ])
    expectNoPinyin(saved)
  })
})
