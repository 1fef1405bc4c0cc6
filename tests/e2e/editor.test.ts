/// <reference lib="dom" />
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { ArticleBodyStrictSchema, TEXT_FORMAT } from '../../src/shared/article/schema'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { body, openNewDraft, press, saveAndReadBody, textNodes, textOf, toolbarButton, WIDE_WINDOW, type SavedNode } from './editorHelpers'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

suite('article editor: toolbar and shortcuts', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  it('builds headings, lists with nesting, a quote and a rule, and saves them inside the closed schema', async () => {
    app = await launchApp({ viewport: WIDE_WINDOW })
    const { page, dataDir } = app
    await openNewDraft(page)
    const type = (text: string) => page.keyboard.insertText(text)

    await press(page, 'Control+Alt+2')
    await type('校园新闻')
    await press(page, 'Enter')
    await toolbarButton(page, '标题 3').click()
    await type('分论坛')
    await press(page, 'Enter')
    await type('正文段落')
    await press(page, 'Enter')

    await toolbarButton(page, '项目符号列表').click()
    await type('第一项')
    await press(page, 'Enter')
    await press(page, 'Tab')
    await type('子项')
    await press(page, 'Enter')
    await press(page, 'Shift+Tab')
    await type('第二项')
    await press(page, 'Enter', 2)

    await press(page, 'Control+Shift+7')
    await type('步骤一')
    await press(page, 'Enter', 2)

    await press(page, 'Control+Shift+9')
    await type('引用的话')
    await press(page, 'Enter')
    await press(page, 'Control+Alt+-')
    await type('结尾')

    const saved = await saveAndReadBody(page, dataDir)
    const parsed = ArticleBodyStrictSchema.safeParse(saved)
    expect(parsed.error?.issues ?? []).toEqual([])

    const blocks = saved.root.children
    const summary = blocks.map((block) => [block.type, block['listType'] ?? block['tag'] ?? null, textOf(block)])
    expect(summary).toEqual([
      ['heading', 'h2', '校园新闻'],
      ['heading', 'h3', '分论坛'],
      ['paragraph', null, '正文段落'],
      ['list', 'bullet', '第一项子项第二项'],
      ['list', 'number', '步骤一'],
      ['quote', null, '引用的话'],
      ['horizontalrule', null, ''],
      ['paragraph', null, '结尾']
    ])
    // Tab nested 子项 under 第一项: Lexical keeps a nested list as the only child of its own item.
    const bullet = blocks[3]!
    const items = bullet.children!
    expect(items.map((item) => item.children!.map((child) => child.type))).toEqual([['text'], ['list'], ['text']])
    expect(textOf(items[1]!.children![0]!)).toBe('子项')
  })

  it('formats text with the shortcuts and buttons, aligns blocks, links and clears formatting', async () => {
    app = await launchApp({ viewport: WIDE_WINDOW })
    const { page, dataDir } = app
    await openNewDraft(page)
    const type = (text: string) => page.keyboard.insertText(text)

    for (const [on, text] of [
      ['Control+b', '加粗'],
      ['Control+i', '倾斜'],
      ['Control+u', '下划线'],
      ['Control+Shift+x', '删除线']
    ] as const) {
      await press(page, on)
      await type(text)
      await press(page, on)
    }
    await type('普通')
    await press(page, 'Enter')

    await type('居中')
    await press(page, 'Control+Shift+e')
    await press(page, 'Enter')
    await type('右对齐')
    await press(page, 'Control+Shift+r')
    await press(page, 'Enter')
    await type('两端对齐')
    await toolbarButton(page, '两端对齐').click()
    await press(page, 'Enter')
    await type('左对齐')
    await press(page, 'Control+Shift+l')
    await press(page, 'Enter')

    await type('请访问学校官网')
    await press(page, 'Shift+ArrowLeft', 4)
    await press(page, 'Control+k')
    const url = page.getByRole('textbox', { name: '链接地址' })
    await url.fill('www.example.edu.cn/news')
    await url.press('Enter')
    await press(page, 'End')
    await press(page, 'Enter')

    await toolbarButton(page, '加粗').click()
    await toolbarButton(page, '倾斜').click()
    await type('要清除的格式')
    await press(page, 'Control+Alt+3')
    await press(page, 'Shift+Home')
    await press(page, 'Control+\\')

    const saved = await saveAndReadBody(page, dataDir)
    expect(ArticleBodyStrictSchema.safeParse(saved).error?.issues ?? []).toEqual([])
    const [formatted, centre, right, justify, left, linked, cleared] = saved.root.children as SavedNode[]

    expect(textNodes(formatted!).map((node) => [node['text'], node['format']])).toEqual([
      ['加粗', TEXT_FORMAT.bold],
      ['倾斜', TEXT_FORMAT.italic],
      ['下划线', TEXT_FORMAT.underline],
      ['删除线', TEXT_FORMAT.strikethrough],
      ['普通', 0]
    ])
    expect([centre, right, justify, left].map((block) => [textOf(block!), block!['format']])).toEqual([
      ['居中', 'center'],
      ['右对齐', 'right'],
      ['两端对齐', 'justify'],
      ['左对齐', '']
    ])
    expect(linked!.children!.map((child) => [child.type, textOf(child), child['url'] ?? null])).toEqual([
      ['text', '请访问', null],
      ['link', '学校官网', 'https://www.example.edu.cn/news']
    ])
    expect([cleared!.type, textNodes(cleared!).map((node) => [node['text'], node['format']])]).toEqual([
      'paragraph',
      [['要清除的格式', 0]]
    ])
    for (const node of textNodes(saved.root)) expect(node).not.toHaveProperty('style')
  })

  it('shows the formatting at the caret: pressed buttons follow the selection, undo and redo only when possible', async () => {
    app = await launchApp({ viewport: WIDE_WINDOW })
    const { page } = app
    await openNewDraft(page)
    const bold = toolbarButton(page, '加粗')
    const undo = toolbarButton(page, '撤销')
    const redo = toolbarButton(page, '重做')
    expect(await undo.isDisabled()).toBe(true)
    expect(await redo.isDisabled()).toBe(true)

    await page.keyboard.insertText('普通')
    await press(page, 'Control+b')
    await page.keyboard.insertText('加粗')
    await press(page, 'Enter')
    await press(page, 'Control+Alt+2')
    await page.keyboard.insertText('标题')
    await press(page, 'Control+Shift+e')

    await expect.poll(() => toolbarButton(page, '标题 2').getAttribute('aria-pressed')).toBe('true')
    expect(await toolbarButton(page, '居中').getAttribute('aria-pressed')).toBe('true')
    expect(await toolbarButton(page, '左对齐').getAttribute('aria-pressed')).toBe('false')
    expect(await toolbarButton(page, '正文样式').getAttribute('aria-pressed')).toBe('false')

    // Into the bold word of the first paragraph.
    await body(page).getByText('加粗').click()
    await expect.poll(() => bold.getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => toolbarButton(page, '正文样式').getAttribute('aria-pressed')).toBe('true')
    expect(await toolbarButton(page, '左对齐').getAttribute('aria-pressed')).toBe('true')
    expect(await toolbarButton(page, '倾斜').getAttribute('aria-pressed')).toBe('false')
    await body(page).getByText('普通').click({ position: { x: 2, y: 5 } })
    await expect.poll(() => bold.getAttribute('aria-pressed')).toBe('false')

    // Indenting belongs to lists: the buttons are off in a paragraph.
    expect(await toolbarButton(page, '增加列表缩进').isDisabled()).toBe(true)

    expect(await undo.isDisabled()).toBe(false)
    await undo.click()
    await expect.poll(() => redo.isDisabled()).toBe(false)
    await press(page, 'Control+y')
    await expect.poll(() => redo.isDisabled()).toBe(true)

    // Tooltips name the shortcut of their button.
    expect(await bold.getAttribute('title')).toBe('加粗（Ctrl+B）')
    expect(await toolbarButton(page, '删除线').getAttribute('title')).toBe('删除线（Ctrl+Shift+X）')
    expect(await redo.getAttribute('title')).toBe('重做（Ctrl+Shift+Z / Ctrl+Y）')
  })

  it('adds only http, https and mailto links, says why it refuses javascript:, edits and removes links, opens them on Ctrl+click', async () => {
    app = await launchApp({ viewport: WIDE_WINDOW })
    const { page, dataDir } = app
    await openNewDraft(page)
    await page.keyboard.insertText('详见通知')
    await press(page, 'Shift+ArrowLeft', 2)
    await toolbarButton(page, '链接').click()
    const url = page.getByRole('textbox', { name: '链接地址' })
    await url.fill('javascript:alert(1)')
    await url.press('Enter')
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('只能添加以 http://、https:// 或 mailto: 开头的链接')
    expect(await body(page).locator('a').count()).toBe(0)

    await url.fill('mailto:xcb@example.edu.cn')
    await url.press('Enter')
    await expect.poll(() => body(page).locator('a').getAttribute('href')).toBe('mailto:xcb@example.edu.cn')
    let saved = await saveAndReadBody(page, dataDir)
    expect(saved.root.children[0]!.children!.map((child) => child['url'] ?? textOf(child))).toEqual(['详见', 'mailto:xcb@example.edu.cn'])

    // Caret inside the link: Ctrl+K edits it, and the box offers to remove it.
    await body(page).getByText('通知').click()
    await expect.poll(() => toolbarButton(page, '链接').getAttribute('aria-pressed')).toBe('true')
    await press(page, 'Control+k')
    await expect.poll(() => url.inputValue()).toBe('mailto:xcb@example.edu.cn')
    await url.fill('https://www.example.edu.cn/notice')
    await url.press('Enter')
    await expect.poll(() => body(page).locator('a').getAttribute('href')).toBe('https://www.example.edu.cn/notice')

    await body(page).locator('a').click({ modifiers: ['Control'] })
    await expect.poll(() => app!.shellCalls.openExternal).toEqual(['https://www.example.edu.cn/notice'])
    await body(page).locator('a').click()
    expect(app.shellCalls.openExternal).toHaveLength(1)

    await press(page, 'Control+k')
    await page.getByRole('button', { name: '移除链接' }).click()
    await expect.poll(() => body(page).locator('a').count()).toBe(0)
    saved = await saveAndReadBody(page, dataDir)
    expect(textNodes(saved.root).map((node) => node['text']).join('')).toBe('详见通知')
    expect(JSON.stringify(saved)).not.toContain('"link"')
  })

  it('loads a saved body back exactly as it was written', async () => {
    app = await launchApp({ viewport: WIDE_WINDOW })
    const { page, dataDir } = app
    await openNewDraft(page)
    await press(page, 'Control+Shift+8')
    await page.keyboard.insertText('一')
    await press(page, 'Enter')
    await press(page, 'Tab')
    await page.keyboard.insertText('二')
    await press(page, 'Enter', 3)
    await press(page, 'Control+b')
    await page.keyboard.insertText('粗体')
    await press(page, 'Control+Alt+-')
    const first = await saveAndReadBody(page, dataDir)

    await page.reload()
    await expect.poll(() => body(page).textContent()).toContain('粗体')
    await body(page).click()
    await page.keyboard.insertText('续')
    const second = await saveAndReadBody(page, dataDir)
    const withoutLast = (saved: typeof first) => JSON.stringify(saved.root.children.slice(0, -1))
    expect(withoutLast(second)).toBe(withoutLast(first))
    expect(ArticleBodyStrictSchema.safeParse(second).success).toBe(true)
  })
})
