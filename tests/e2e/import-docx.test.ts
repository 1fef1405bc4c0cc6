/// <reference lib="dom" />
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { blockText, CORPUS, corpusMissing, expectHarmlessHtml, publishedHtml, strictBody } from './pasteSupport'

const unavailable = e2eUnavailableReason() ?? corpusMissing('docx')
if (unavailable) console.warn(`[e2e] .docx import skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const docx = (path: string) => join(CORPUS, 'docx', path)

suite('导入 Word 文档', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  async function importFile(path: string | null): Promise<LaunchedApp> {
    app ??= await launchApp()
    await app.page.getByRole('button', { name: '新建稿件' }).first().waitFor()
    app.dialogs.answerOpen(path === null ? [] : [path])
    await app.page.getByRole('button', { name: '导入 Word 文档' }).click()
    await expect.poll(() => app!.dialogs.asked.filter((entry) => entry.purpose === 'docx').length).toBeGreaterThan(0)
    return app
  }

  async function activeDrafts(current: LaunchedApp) {
    return (await current.services.drafts().list('active')).drafts
  }

  it('turns test17.docx into a new draft: title, headings, formatting, list, link and its photo', async () => {
    const current = await importFile(docx('word-extractor/test17.docx'))
    const { page } = current
    await expect.poll(() => page.getByRole('textbox', { name: '标题' }).inputValue()).toBe('Lorem ipsum')
    const editor = page.getByRole('textbox', { name: '正文' })
    await expect.poll(() => editor.locator('h2').first().textContent()).toContain('Lorem ipsum dolor sit amet')
    await expect.poll(() => editor.locator('ul li').count()).toBeGreaterThanOrEqual(6)
    await expect.poll(() => editor.locator('a[href="https://products.office.com/en-us/word"]').count()).toBe(1)
    // The embedded JPEG was stored as an asset of the new draft and is shown from there (photos load lazily: bring it into view).
    await editor.locator('img').first().scrollIntoViewIfNeeded()
    await expect.poll(() => editor.locator('img').first().evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)
    await expect.poll(() => page.getByRole('list', { name: '稿件列表' }).getByText('Lorem ipsum').count()).toBeGreaterThan(0)

    const [draft] = await activeDrafts(current)
    const saved = await current.services.drafts().open(draft!.id)
    const body = strictBody(saved.body)
    expectHarmlessHtml(publishedHtml(body), 'test17')
    const image = body.root.children.find((block) => block.type === 'image')
    expect(image).toBeDefined()
    expect(await readdir(current.services.drafts().assetsFolder(draft!.id))).toContain((image as { assetId: string }).assetId)
    expect(body.root.children.some((block) => block.type === 'list' && block.listType === 'bullet')).toBe(true)
    expect(JSON.stringify(body)).toMatch(/"text":"Vivamus dapibus[^"]*","format":1/)
  })

  it('keeps Chinese text and the numbered list of 10784line_missing.docx', async () => {
    const current = await importFile(docx('ckeditor4/10784line_missing.docx'))
    await expect.poll(() => current.page.getByRole('textbox', { name: '标题' }).inputValue()).toBe('10784line_missing')
    await expect.poll(() => current.page.getByRole('textbox', { name: '正文' }).locator('ol li').count()).toBe(3)
    const [draft] = await activeDrafts(current)
    const body = strictBody((await current.services.drafts().open(draft!.id)).body)
    const list = body.root.children.find((block) => block.type === 'list')
    expect(list).toMatchObject({ listType: 'number' })
    expect(blockText(list!)).toContain('发顺丰发顺丰发顺丰发顺丰发顺丰发顺还没立项。')
  })

  it('says which pictures were left out: external-picture.docx', async () => {
    const current = await importFile(docx('mammoth/external-picture.docx'))
    const message = current.page.getByRole('status').filter({ hasText: '以下内容没有导入' })
    await expect.poll(() => message.textContent()).toContain('链接到文档外部文件的图片')
    expect(await activeDrafts(current)).toHaveLength(1)
  })

  it('refuses a file that is not a Word document with a clear message and leaves no draft', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsroom-docx-e2e-'))
    try {
      const fake = join(dir, '通知.docx')
      await writeFile(fake, '这其实是一个文本文件\n')
      const current = await importFile(fake)
      const alert = current.page.getByRole('alert').filter({ hasText: '无法导入 Word 文档' })
      await expect.poll(() => alert.textContent()).toContain('这不是 Word 文档（.docx）')
      expect(await activeDrafts(current)).toEqual([])
      expect((await current.services.drafts().list('trash')).drafts).toEqual([])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('does nothing when the person cancels the dialog', async () => {
    const current = await importFile(null)
    await expect.poll(() => current.page.getByRole('button', { name: '导入 Word 文档' }).isEnabled()).toBe(true)
    expect(await activeDrafts(current)).toEqual([])
    expect(await current.page.getByRole('alert').count()).toBe(0)
  })
})
