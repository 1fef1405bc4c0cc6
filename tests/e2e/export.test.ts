/// <reference lib="dom" />
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import mammoth from 'mammoth'
import sharp from 'sharp'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Draft } from '../../src/shared/model/draft'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const TITLE = '我校举办第三十届田径运动会'
const FIRST = '11月15日上午，我校第三十届田径运动会在东区体育场隆重开幕。'
const SECOND = '本届运动会共设田赛、径赛等28个项目，来自各学院的1200余名运动员参赛。'

const element = { direction: null, format: '', indent: 0, version: 1 }
const text = (value: string, format = 0) => ({ type: 'text', version: 1, text: value, format, detail: 0, mode: 'normal', style: '' })
const paragraph = (...children: unknown[]) => ({ ...element, type: 'paragraph', children, textFormat: 0, textStyle: '' })

/** A draft with a heading, a list and a photo, written through the services, then opened in the app. */
async function photoDraft(app: LaunchedApp): Promise<Draft> {
  const created = await app.services.drafts().create({ title: TITLE, column: '校园动态' })
  const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#2f6fb5' } }).jpeg().toBuffer()
  const asset = await app.services.assets().importBytes(created.id, photo, '开幕式.jpg')
  await app.services.drafts().save(created.id, {
    title: TITLE,
    column: '校园动态',
    body: {
      root: {
        ...element,
        type: 'root',
        children: [
          paragraph(text(FIRST)),
          { type: 'image', version: 1, assetId: asset.assetId, caption: '开幕式现场', alt: '运动员入场', credit: '', width: 'full', align: 'center' },
          { ...element, type: 'heading', tag: 'h2', children: [text('赛场亮点')] },
          paragraph(text(SECOND, 1)),
          {
            ...element,
            type: 'list',
            listType: 'bullet',
            start: 1,
            tag: 'ul',
            children: [
              { ...element, type: 'listitem', value: 1, children: [text('男子100米决赛')] },
              { ...element, type: 'listitem', value: 2, children: [text('女子4×100米接力')] }
            ]
          }
        ]
      }
    }
  })
  await app.page.reload()
  await expect.poll(() => app.page.getByRole('textbox', { name: '标题' }).inputValue()).toBe(TITLE)
  return app.services.drafts().open(created.id)
}

async function openPreview(page: Page) {
  await page.getByRole('button', { name: '预览', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: '预览' })
  await expect.poll(() => dialog.locator('.news-article h1').count()).toBe(1)
  return dialog
}

suite('export', () => {
  let app: LaunchedApp | undefined
  let out: string
  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'newsroom-export-e2e-'))
  })
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
    await rm(out, { recursive: true, force: true })
  })
  afterAll(shutdownBrowser)

  it('exports a web page with its pictures that opens by itself without errors', async () => {
    app = await launchApp()
    const { page } = app
    await photoDraft(app)
    const dialog = await openPreview(page)
    // The picture shows in the preview too, from the draft's stored assets.
    await expect.poll(() => dialog.locator('.news-article figure img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1200)
    await page.screenshot({ path: '/tmp/preview-photo-e2e.png' })

    const target = join(out, '运动会.html')
    app.dialogs.answerSave(target)
    await dialog.getByRole('button', { name: '导出网页' }).click()
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain(`网页已导出：${target}`)
    expect(app.dialogs.asked).toEqual([{ kind: 'save', purpose: 'html' }])
    expect(await readdir(join(out, '运动会_files'))).toEqual(['image-01.jpg'])
    const html = await readFile(target, 'utf8')
    expect(html).toContain(`<title>${TITLE}</title>`)
    expect(html).toContain(`<h1>${TITLE}</h1>`)

    await dialog.getByRole('button', { name: '在文件夹中显示' }).click()
    await expect.poll(() => app!.shellCalls.showInFolder).toEqual([target])

    // Opened from disk in a browser of its own: styled, the picture found, nothing on the console.
    const viewer = await page.context().newPage()
    const problems: string[] = []
    viewer.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text())
    })
    viewer.on('pageerror', (error) => problems.push(error.message))
    await viewer.goto(pathToFileURL(target).href)
    expect(await viewer.locator('h1').textContent()).toBe(TITLE)
    expect(await viewer.locator('figure img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1200)
    expect(await viewer.locator('figcaption').textContent()).toBe('开幕式现场')
    expect(await viewer.locator('h1').evaluate((el) => getComputedStyle(el).textAlign)).toBe('center')
    expect(await viewer.evaluate(() => document.characterSet)).toBe('UTF-8')
    await viewer.setViewportSize({ width: 1100, height: 1000 })
    await viewer.screenshot({ path: '/tmp/export-page-e2e.png', fullPage: true })
    await viewer.close()
    expect(problems).toEqual([])
  })

  it('exports a Word document that reads back with the body text, and a cancelled dialog writes nothing', async () => {
    app = await launchApp()
    const { page } = app
    await photoDraft(app)
    const dialog = await openPreview(page)

    app.dialogs.answerSave(null)
    await dialog.getByRole('button', { name: '导出 Word' }).click()
    await expect.poll(() => app!.dialogs.asked.length).toBe(1)
    await expect.poll(() => dialog.getByRole('button', { name: '导出 Word' }).isEnabled()).toBe(true)
    expect(await readdir(out)).toEqual([])

    const target = join(out, '运动会.docx')
    app.dialogs.answerSave(target)
    await dialog.getByRole('button', { name: '导出 Word' }).click()
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain(`Word 文档已导出：${target}`)
    const images: string[] = []
    const { value } = await mammoth.convertToHtml(
      { path: target },
      { convertImage: mammoth.images.imgElement(async (image) => (images.push(image.contentType), { src: '' })) }
    )
    expect(value).toContain(TITLE)
    expect(value).toContain(`<p>${FIRST}</p>`)
    expect(value).toContain(`<strong>${SECOND}</strong>`)
    expect(value).toContain('<h2>赛场亮点</h2>')
    expect(value).toContain('<ul><li>男子100米决赛</li><li>女子4×100米接力</li></ul>')
    expect(value).toContain('开幕式现场')
    expect(images).toEqual(['image/jpeg'])
  })

  it('exports the edits the editor has not saved yet', async () => {
    app = await launchApp({ settings: { autosaveDelayMs: 10_000 } })
    const { page } = app
    await photoDraft(app)
    await page.getByRole('textbox', { name: '标题' }).fill('刚刚改过的标题')
    const dialog = await openPreview(page)
    const target = join(out, 'latest.html')
    app.dialogs.answerSave(target)
    await dialog.getByRole('button', { name: '导出网页' }).click()
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain('网页已导出')
    expect(await readFile(target, 'utf8')).toContain('<h1>刚刚改过的标题</h1>')
  })

  it('says which picture was missing and still exports the rest', async () => {
    app = await launchApp()
    const { page } = app
    const draft = await photoDraft(app)
    await rm(app.services.drafts().assetsFolder(draft.id), { recursive: true })
    const dialog = await openPreview(page)
    const target = join(out, 'missing.docx')
    app.dialogs.answerSave(target)
    await dialog.getByRole('button', { name: '导出 Word' }).click()
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain('有 1 张图片的文件找不到，导出时已略去（保留了图注）：第 1 张图片（开幕式现场）')
    const { value } = await mammoth.extractRawText({ path: target })
    expect(value).toContain(FIRST)
    expect(value).toContain('开幕式现场')
    // The editor and the preview asked for the missing picture too: their 404s, and nothing else, are expected.
    const notFound = '[console] Failed to load resource: the server responded with a status of 404 (Not Found)'
    expect(app.pageErrors.filter((error) => error !== notFound)).toEqual([])
    app.pageErrors.length = 0
  })
})
