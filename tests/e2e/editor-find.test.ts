/// <reference lib="dom" />
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { countWords } from '../../src/shared/article/wordCount'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { body, openNewDraft, press, saveAndReadBody, textNodes, toolbarButton, WIDE_WINDOW } from './editorHelpers'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const highlightSizes = () =>
  [CSS.highlights.get('newsroom-find')?.size ?? 0, CSS.highlights.get('newsroom-find-current')?.size ?? 0] as const

suite('article editor: find and replace, word count, first-line indent', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  it('finds regardless of Latin case, replaces one and all, and one undo brings everything back', async () => {
    app = await launchApp({ viewport: WIDE_WINDOW })
    const { page, dataDir } = app
    await openNewDraft(page)
    await page.keyboard.insertText('Campus news: campus life. 校园新闻 ')
    await press(page, 'Control+b')
    await page.keyboard.insertText('CAMPUS')
    await press(page, 'Control+b')
    await press(page, 'Enter')
    await page.keyboard.insertText('另一段 campus，新闻')
    const original = await body(page).textContent()

    await press(page, 'Control+f')
    const query = page.getByRole('textbox', { name: '查找', exact: true })
    await expect.poll(() => query.evaluate((el) => el === document.activeElement)).toBe(true)
    await query.fill('campus')
    const status = page.getByRole('search').getByRole('status')
    await expect.poll(() => status.textContent()).toBe('第 1 处，共 4 处')
    expect(await page.evaluate(highlightSizes)).toEqual([3, 1])
    await query.press('Enter')
    await expect.poll(() => status.textContent()).toBe('第 2 处，共 4 处')
    await query.press('Shift+Enter')
    await query.press('Shift+Enter')
    await expect.poll(() => status.textContent()).toBe('第 4 处，共 4 处')
    // Painted, not written: the body's markup holds no trace of the search.
    expect(await body(page).evaluate((el) => el.innerHTML.toLowerCase())).not.toMatch(/mark|highlight/)

    await query.press('Control+h')
    const replacement = page.getByRole('textbox', { name: '替换为' })
    await expect.poll(() => replacement.evaluate((el) => el === document.activeElement)).toBe(true)
    await replacement.fill('校园')
    await page.getByRole('button', { name: '替换', exact: true }).click()
    await expect.poll(() => status.textContent()).toBe('第 1 处，共 3 处')
    expect(await body(page).textContent()).toContain('另一段 校园，新闻')

    await page.getByRole('button', { name: '全部替换' }).click()
    await expect.poll(() => status.textContent()).toBe('已替换 3 处')
    const replaced = '校园 news: 校园 life. 校园新闻 校园另一段 校园，新闻'
    expect(await body(page).textContent()).toBe(replaced)
    const saved = await saveAndReadBody(page, dataDir)
    expect(textNodes(saved.root).map((node) => [node['text'], node['format']])).toEqual([
      ['校园 news: 校园 life. 校园新闻 ', 0],
      ['校园', 1],
      ['另一段 校园，新闻', 0]
    ])

    await query.press('Escape')
    await expect.poll(() => page.getByRole('search').count()).toBe(0)
    expect(await page.evaluate(highlightSizes)).toEqual([0, 0])
    await expect.poll(() => body(page).evaluate((el) => el === document.activeElement)).toBe(true)
    await press(page, 'Control+z')
    await expect.poll(() => body(page).textContent()).toBe(original!.replace('另一段 campus', '另一段 校园'))
    await press(page, 'Control+z')
    await expect.poll(() => body(page).textContent()).toBe(original)
  })

  it('counts 字数 as Chinese word processors do, for the body and for the selection', async () => {
    app = await launchApp({ viewport: WIDE_WINDOW })
    const { page } = app
    await openNewDraft(page)
    const counter = page.locator('.word-count')
    await expect.poll(() => counter.textContent()).toBe('字数 0')

    // 4 Han characters + Campus + News + 2026; the punctuation and spaces count nothing.
    await page.keyboard.insertText('校园新闻：Campus News 2026！')
    await expect.poll(() => counter.textContent()).toBe('字数 7')
    await press(page, 'Enter')
    const long = '宣传部召开会议，'.repeat(200)
    await page.keyboard.insertText(long)
    await expect.poll(() => counter.textContent()).toBe(`字数 ${(7 + countWords(long)).toLocaleString('en-US')}`)
    expect(7 + countWords(long)).toBe(1407)

    await press(page, 'Control+Home')
    await press(page, 'Shift+End')
    await expect.poll(() => counter.textContent()).toBe('字数 1,407 · 选中 7')
    await press(page, 'ArrowRight')
    await expect.poll(() => counter.textContent()).toBe('字数 1,407')
  })

  it('first-line indent is a class on the editor, toggled by its button, remembered, and never in the document', async () => {
    app = await launchApp({ viewport: WIDE_WINDOW })
    const { page, dataDir } = app
    const editor = await openNewDraft(page)
    await page.keyboard.insertText('第一段。')
    const before = JSON.stringify(await saveAndReadBody(page, dataDir))
    const indent = toolbarButton(page, '首行缩进 2 字')
    const firstParagraph = editor.locator('p').first()

    expect(await indent.getAttribute('aria-pressed')).toBe('true')
    expect(await editor.getAttribute('class')).toContain('first-line-indent')
    expect(await firstParagraph.evaluate((el) => getComputedStyle(el).textIndent)).toBe('32px')

    await indent.click()
    await expect.poll(() => editor.getAttribute('class')).not.toContain('first-line-indent')
    expect(await indent.getAttribute('aria-pressed')).toBe('false')
    expect(await firstParagraph.evaluate((el) => getComputedStyle(el).textIndent)).toBe('0px')
    expect(await firstParagraph.getAttribute('style')).toBeNull()

    await press(page, 'Control+Alt+i')
    await expect.poll(() => editor.getAttribute('class')).toContain('first-line-indent')
    await indent.click()
    expect(JSON.stringify(await saveAndReadBody(page, dataDir))).toBe(before)

    await page.reload()
    await expect.poll(() => body(page).textContent()).toContain('第一段。')
    expect(await body(page).getAttribute('class')).not.toContain('first-line-indent')
  })
})
