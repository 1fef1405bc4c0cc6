/// <reference lib="dom" />
import { readdir } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5'
import sharp from 'sharp'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { WECHAT_HTML_ATTRIBUTES, WECHAT_HTML_TAGS, WECHAT_STYLE_PROPERTIES } from '../../src/shared/article/toWechatHtml'
import type { Draft } from '../../src/shared/model/draft'
import { body, gallery, heading, image, link, list, listItem, metadata, paragraph, quote, text } from '../unit/article/fixtures'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const TITLE = '学校召开“双高计划”建设推进会'
const FIRST = '11月18日下午，学校召开建设推进会。'
const CREDIT = '（双高办 张三供稿/图；李四校对；王五审核）'

/** A draft with every kind of block and three photos, written through the services, then opened in the app. */
async function campusDraft(app: LaunchedApp): Promise<string> {
  const created = await app.services.drafts().create({ title: TITLE, column: '校园动态' })
  const ids: string[] = []
  for (const colour of ['#c33', '#3c3', '#33c']) {
    const bytes = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: colour } }).jpeg().toBuffer()
    ids.push((await app.services.assets().importBytes(created.id, bytes, `${colour}.jpg`)).assetId)
  }
  await app.services.drafts().save(created.id, {
    title: TITLE,
    column: '校园动态',
    body: body(
      paragraph(text(FIRST), text('推进会', 1)),
      paragraph(text('详见'), link('https://www.example.edu.cn/sgjh/', text('专题网站')), text('和'), link('https://mp.weixin.qq.com/s/AbCdEf123', text('上期推送')), text('。')),
      image(ids[0] ?? '', '会议现场', '会议现场'),
      heading('h2', text('一、总结阶段成果')),
      list('number', 1, listItem(1, text('查漏补缺')), listItem(2, text('质量监控'))),
      quote(text('建设只有进行时。')),
      gallery({ assetId: ids[1] ?? '', caption: '分组讨论' }, { assetId: ids[2] ?? '', caption: '合影留念' })
    ) as Draft['body'],
    metadata: metadata({ title: TITLE, column: '校园动态', sourceDepartment: '双高办', authors: ['张三'], photographers: ['张三'], proofreader: '李四', reviewer: '王五' })
  })
  await app.page.reload()
  await expect.poll(() => app.page.getByRole('textbox', { name: '标题' }).inputValue()).toBe(TITLE)
  return created.id
}

type Survivor = { tags: string[]; attributes: string[]; styles: string[]; links: string[]; text: string }

suite('公众号', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  it('shows the article at phone width and copies it: HTML and text on the clipboard, photos numbered in a folder', async () => {
    // Without 先审后发, so the copy needs no sign-off (the gate itself: tests/unit/wechat/wechatApproval.test.ts).
    app = await launchApp()
    app.services.settings.update({ requireApproval: false })
    const { page } = app
    await campusDraft(app)
    await page.getByRole('button', { name: '预览', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: '预览' })
    await dialog.getByRole('tab', { name: '公众号' }).click()

    const phone = dialog.getByRole('region', { name: '公众号文章预览（手机宽度）' })
    await expect.poll(() => phone.locator('.phone img').count()).toBe(3)
    const looks = await phone.evaluate((host) => {
      const root = host.shadowRoot!
      const frame = root.querySelector('.phone')!.getBoundingClientRect()
      const img = root.querySelector('img')!
      return { width: frame.width, imgWidth: img.getBoundingClientRect().width, title: root.querySelector('h1')?.textContent, natural: img.naturalWidth }
    })
    expect(looks).toEqual({ width: 375, imgWidth: 343, title: TITLE, natural: 1600 })
    expect(await dialog.locator('.wechat-size').textContent()).toMatch(/^正文 \d+ \/ 20000 字符/)
    await page.screenshot({ path: '/tmp/wechat-phone-e2e.png' })

    await dialog.getByRole('button', { name: '复制到公众号' }).click()
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain('已复制到剪贴板')
    expect(app.richClipboard).toHaveLength(1)
    const copied = app.richClipboard[0]!
    expect(copied.html).toContain('【图3】')
    expect(copied.text.split('\n')).toContain('【图2】分组讨论')
    const [captions] = app.shellCalls.showInFolder
    expect(basename(captions ?? '')).toBe('图注.txt')
    expect((await readdir(dirname(captions ?? ''))).sort()).toEqual(['01.jpg', '02.jpg', '03.jpg', '图注.txt'])

    // Pasted for real (clipboard, then Ctrl+V) into a contenteditable, the way the 公众号 editor's page takes it.
    const origin = new URL(page.url()).origin
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin })
    const editor = await page.context().newPage()
    // A page of the app's own (secure, loopback) origin, so the clipboard API is there; its content is ours.
    await editor.route(`${origin}/paste-target`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><div id="editor" contenteditable="true" style="width:375px"></div>' })
    )
    await editor.goto(`${origin}/paste-target`)
    await editor.evaluate(async (data) => {
      const item = new ClipboardItem({ 'text/html': new Blob([data.html ?? ''], { type: 'text/html' }), 'text/plain': new Blob([data.text], { type: 'text/plain' }) })
      await navigator.clipboard.write([item])
    }, copied)
    await editor.locator('#editor').click()
    await editor.keyboard.press('Control+V')
    await expect.poll(() => editor.locator('#editor').textContent()).toContain(CREDIT)

    const survivor: Survivor = await editor.locator('#editor').evaluate((root) => {
      const tags = new Set<string>()
      const attributes = new Set<string>()
      const styles = new Set<string>()
      const links: string[] = []
      for (const el of Array.from(root.querySelectorAll('*'))) {
        const name = el.tagName.toLowerCase()
        tags.add(name)
        for (const attr of Array.from(el.attributes)) attributes.add(`${name}[${attr.name}]`)
        const style = (el as HTMLElement).style
        for (let i = 0; i < style.length; i++) styles.add(style.item(i))
        if (name === 'a') links.push(el.getAttribute('href') ?? '')
      }
      return { tags: [...tags].sort(), attributes: [...attributes].sort(), styles: [...styles].sort(), links, text: root.textContent ?? '' }
    })

    // What went in survives: every declared tag the layout used, the styles, the placeholders and captions.
    for (const tag of tagsOf(copied.html ?? '')) expect(survivor.tags, `<${tag}> lost in the paste`).toContain(tag)
    for (const piece of ['【图1】', '【图2】', '【图3】', '会议现场', '分组讨论', '合影留念', '一、总结阶段成果', '[1] 专题网站：https://www.example.edu.cn/sgjh/', CREDIT])
      expect(survivor.text).toContain(piece)
    expect(survivor.links).toEqual(['https://mp.weixin.qq.com/s/AbCdEf123'])
    // And nothing outside the declared lists is needed: Chromium expands shorthands (margin → margin-top …),
    // which the editor keeps the same way; every longhand belongs to a declared property.
    for (const tag of survivor.tags) expect(WECHAT_HTML_TAGS as readonly string[], tag).toContain(tag)
    for (const attr of survivor.attributes) {
      const [, tag = '', name = ''] = /^(\w+)\[(.+)\]$/.exec(attr) ?? []
      expect([...(WECHAT_HTML_ATTRIBUTES['*'] ?? []), ...(WECHAT_HTML_ATTRIBUTES[tag] ?? [])], attr).toContain(name)
    }
    for (const property of survivor.styles) expect(WECHAT_STYLE_PROPERTIES.some((declared) => property === declared || property.startsWith(`${declared}-`)), property).toBe(true)

    // The look survives too: heading mark and colour, caption size, placeholder box, credit line on the right.
    const look = await editor.locator('#editor').evaluate((root) => {
      const byText = (t: string) => Array.from(root.querySelectorAll('p')).find((p) => p.textContent === t)!
      const s = (el: Element) => getComputedStyle(el)
      return {
        heading: [s(byText('一、总结阶段成果')).color, s(byText('一、总结阶段成果')).borderLeftWidth, s(byText('一、总结阶段成果')).fontWeight],
        caption: [s(byText('会议现场')).fontSize, s(byText('会议现场')).textAlign],
        placeholder: [s(byText('【图1】')).borderTopStyle, s(byText('【图1】')).textAlign],
        credit: s(Array.from(root.querySelectorAll('p')).find((p) => p.textContent?.startsWith('（双高办')) as Element).textAlign
      }
    })
    expect(look).toEqual({
      heading: ['rgb(155, 28, 28)', '4px', '700'],
      caption: ['14px', 'center'],
      placeholder: ['dashed', 'center'],
      credit: 'right'
    })
    await editor.close()
  })

  it('公众号信息: 摘要, 作者 and 阅读原文 are checked against the limits, the cover is cropped 2.35:1 and 1:1 and saved with the draft', async () => {
    app = await launchApp()
    const { page } = app
    const id = await campusDraft(app)
    await page.getByRole('button', { name: '预览', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: '预览' })
    await dialog.getByRole('tab', { name: '公众号' }).click()
    await dialog.getByText('公众号信息（摘要、作者、阅读原文、封面）').click()
    expect(await dialog.locator('.wechat-fact').allTextContents()).toEqual([`标题：${TITLE} ${String(Array.from(TITLE).length)} / 32 字`, '作者：张三 2 / 16 字', '阅读原文：尚未发布到网站，发布后自动填入网站上的地址 '])
    const digest = dialog.getByLabel(/公众号摘要/)
    await digest.fill('字'.repeat(129))
    expect(await dialog.getByRole('button', { name: '保存公众号信息' }).isDisabled()).toBe(true)
    expect(await dialog.locator('.wechat-count-over').first().textContent()).toBe('129 / 128 字')
    await digest.fill('学校召开建设推进会，部署下一阶段重点任务。')

    // The first photo is the cover by default; move the 2.35:1 crop to the top.
    await expect.poll(() => dialog.locator('.wechat-crop-frame').count()).toBe(2)
    await dialog.getByLabel('封面 2.35:1（消息列表大图） 上下').fill('0')
    await dialog.getByRole('button', { name: '保存公众号信息' }).click()
    await expect.poll(() => dialog.getByRole('status').last().textContent()).toContain('已保存')
    const saved = (await app.services.drafts().open(id)).wechat
    expect(saved?.digest).toBe('学校召开建设推进会，部署下一阶段重点任务。')
    // 1600×1000: the 2.35:1 crop is full width and 680.85 px high, at the top; the square is centred.
    expect(saved?.cover?.crop235).toEqual({ x1: 0, y1: 0, x2: 1, y2: 0.6809 })
    expect(saved?.cover?.crop11).toEqual({ x1: 0.1875, y1: 0, x2: 0.8125, y2: 1 })
  })

  it('设置 keeps the office’s 公众号 style with a live phone preview, and saving a changed look raises its version', async () => {
    app = await launchApp()
    const { page } = app
    await page.getByRole('button', { name: '设置', exact: true }).click()
    const settings = page.getByRole('dialog', { name: '设置' })
    await settings.getByRole('tab', { name: '稿件信息与署名' }).click()
    const preview = settings.getByRole('region', { name: '公众号样式预览' })
    const barColour = () => preview.evaluate((host) => getComputedStyle(host.shadowRoot!.querySelector('.phone > section > p')!).backgroundColor)
    await expect.poll(barColour).toBe('rgb(155, 28, 28)')
    expect(await settings.getByText('第 1 版').count()).toBe(1)

    await settings.getByLabel('主题色（栏目条、小标题、注释编号）').fill('#1d4ed8')
    await settings.getByLabel('文末结束语').fill('— 完 —')
    await expect.poll(barColour).toBe('rgb(29, 78, 216)')
    await expect.poll(() => preview.evaluate((host) => host.shadowRoot!.textContent)).toContain('— 完 —')
    expect(await settings.getByText('第 2 版').count()).toBe(1)

    await settings.getByRole('button', { name: '保存', exact: true }).click()
    await expect.poll(() => app!.services.settings.get().wechatTemplate).toEqual({ version: 2, accent: '#1d4ed8', text: '#333333', muted: '#888888', titleBar: true, endText: '— 完 —' })
  })
})

/** The tags our layout uses, by a real HTML parser. */
function tagsOf(html: string): string[] {
  const tags = new Set<string>()
  const walk = (nodes: DefaultTreeAdapterMap['childNode'][]) => {
    for (const node of nodes)
      if ('tagName' in node) {
        tags.add(node.tagName)
        walk(node.childNodes)
      }
  }
  walk(parseFragment(html).childNodes)
  return [...tags].sort()
}
