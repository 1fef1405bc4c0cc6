import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mammoth from 'mammoth'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAssetStore } from '../../../src/main/services/assets/assetStore'
import { createDraftStore, type DraftStore } from '../../../src/main/services/drafts/draftStore'
import { createArticleExporter, fileNameFor, withExtension } from '../../../src/main/services/export/articleExporter'
import { ARTICLE_PAGE_CSP } from '../../../src/main/services/export/articlePage'
import { articleOf, withShownDate } from '../../../src/shared/article/articleOf'
import { articleToHtml } from '../../../src/shared/article/toHtml'
import { AppError } from '../../../src/shared/errors'
import type { Draft } from '../../../src/shared/model/draft'
import { createFaultyFs } from '../../support/faultyFs'
import { body, gallery, heading, image, link, list, listItem, paragraph, quote, text } from '../article/fixtures'

const BOLD = 1
const EXPORTED_AT = new Date('2026-11-20T16:30:00Z')

const picture = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } })

async function mediaOf(docx: Buffer): Promise<{ html: string; images: string[] }> {
  const images: string[] = []
  const result = await mammoth.convertToHtml(
    { buffer: docx },
    {
      convertImage: mammoth.images.imgElement(async (img) => {
        images.push(img.contentType)
        return { src: `media-${images.length}` }
      })
    }
  )
  return { html: result.value, images }
}

describe('article export', () => {
  let dir: string
  let out: string
  let drafts: DraftStore
  let draft: Draft
  let photo: string
  let landscape: string
  let webp: string

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-export-'))
    out = join(dir, '导出')
    await mkdir(out)
    drafts = createDraftStore({ dataDir: join(dir, 'library'), clock: { now: () => new Date() } })
    const created = await drafts.create()
    const assets = createAssetStore({ drafts: () => drafts })
    photo = (await assets.importBytes(created.id, await picture(1600, 1200, '#c33').jpeg().toBuffer(), '会场.jpg')).assetId
    landscape = (await assets.importBytes(created.id, await picture(300, 100, '#33c').png().toBuffer(), '横幅.png')).assetId
    webp = (await assets.importBytes(created.id, await picture(200, 150, '#3c3').webp().toBuffer(), '合影.webp')).assetId
    await drafts.save(created.id, {
      title: '学校召开“双高计划”建设推进会',
      column: '校园动态',
      body: body(
        paragraph(text('11月18日下午，学校召开'), text('建设推进会', BOLD), text('。')),
        heading('h2', text('一、总结阶段成果')),
        paragraph(text('详见'), link('https://www.example.edu.cn/sgjh/', text('专题网站')), text('。')),
        image(photo, '会议现场', '推进会会议现场'),
        list('bullet', 1, listItem(1, text('查漏补缺')), listItem(2, text('质量监控'))),
        quote(text('建设只有进行时。')),
        gallery({ assetId: landscape, caption: '分组讨论' }, { assetId: webp, caption: '合影留念' })
      ) as Draft['body']
    })
    draft = await drafts.open(created.id)
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  describe('as a web page', () => {
    it('writes the page and its pictures beside it, with relative addresses', async () => {
      const exporter = createArticleExporter({ drafts: () => drafts, clock: { now: () => EXPORTED_AT } })
      const target = join(out, '推进会.html')
      const result = await exporter.exportHtml(draft, target)
      expect(result).toEqual({ path: target, missing: [] })

      const folder = join(out, '推进会_files')
      expect((await readdir(folder)).sort()).toEqual(['image-01.jpg', 'image-02.png', 'image-03.webp'])
      const stored = drafts.assetsFolder(draft.id)
      expect(await readFile(join(folder, 'image-01.jpg'))).toEqual(await readFile(join(stored, photo)))
      expect(await readFile(join(folder, 'image-03.webp'))).toEqual(await readFile(join(stored, webp)))

      const page = await readFile(target, 'utf8')
      const prefix = `${encodeURIComponent('推进会_files')}/`
      const names = new Map([
        [photo, 'image-01.jpg'],
        [landscape, 'image-02.png'],
        [webp, 'image-03.webp']
      ])
      const expected = articleToHtml(withShownDate(articleOf(draft), EXPORTED_AT), (id) => `https://x.invalid/${names.get(id) ?? 'none'}`, { header: true }).replaceAll(
        'https://x.invalid/',
        prefix
      )
      expect(page).toContain(`<article class="news-article">\n${expected}\n</article>`)
      expect(page).toContain(`src="${prefix}image-01.jpg"`)
      expect(page.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n')).toBe(true)
      expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${ARTICLE_PAGE_CSP}">`)
      expect(page).toContain('<title>学校召开“双高计划”建设推进会</title>')
      expect(page).toContain('<p>校园动态</p>')
      // No 发布时间 yet: dated by the one rule the preview uses, the moment of export (in Beijing, the next day).
      expect(page).toContain('发布日期：2026年11月21日')
      expect(page).toMatch(/<style>\n[\s\S]*\.news-article[\s\S]*<\/style>/)
      expect(page).not.toMatch(/<script|\son\w+=|javascript:/i)
    })

    it('embeds the office’s own style after the default one, and cannot be broken out of by it', async () => {
      await mkdir(drafts.dataDir, { recursive: true })
      await writeFile(join(drafts.dataDir, 'site.css'), '.news-article h1 { color: #003f88 }\n/* </style><script>alert(1)</script> */')
      const exporter = createArticleExporter({ drafts: () => drafts })
      const target = join(out, 'custom.html')
      await exporter.exportHtml(draft, target)
      const page = await readFile(target, 'utf8')
      expect(page.indexOf('.news-article h1 { color: #003f88 }')).toBeGreaterThan(page.indexOf('.news-page {'))
      // The style element holds everything up to the one </style> the template writes: the comment stays a comment.
      expect(page.match(/<\/style/gi)).toHaveLength(1)
      expect(page.indexOf('<script>alert(1)')).toBeLessThan(page.indexOf('</style>'))
    })

    it('adds .html to a name typed without it, and needs no folder for an article without pictures', async () => {
      await drafts.save(draft.id, { title: '无图', column: '', body: body(paragraph(text('正文'))) as Draft['body'] })
      const exporter = createArticleExporter({ drafts: () => drafts })
      const result = await exporter.exportHtml(await drafts.open(draft.id), join(out, '无图稿件'))
      expect(result.path).toBe(join(out, '无图稿件.html'))
      expect(await readdir(out)).toEqual(['无图稿件.html'])
    })

    it('completes without a picture whose file is gone, and says which one', async () => {
      await rm(join(drafts.assetsFolder(draft.id), landscape))
      const exporter = createArticleExporter({ drafts: () => drafts })
      const result = await exporter.exportHtml(draft, join(out, 'a.html'))
      expect(result.missing).toEqual([{ assetId: landscape, position: 2, caption: '分组讨论' }])
      const page = await readFile(join(out, 'a.html'), 'utf8')
      expect(page).toContain('<p>分组讨论</p>')
      expect(page).toContain('合影留念')
      expect((await readdir(join(out, 'a_files'))).sort()).toEqual(['image-01.jpg', 'image-02.webp'])
    })

    it.each([
      ['disk-full', 'disk-full'],
      ['read-only', 'read-only']
    ] as const)('on a %s target fails with %s and leaves nothing behind', async (mode, code) => {
      const fs = createFaultyFs()
      const exporter = createArticleExporter({ drafts: () => drafts, fs })
      // Only the last file written fails: the pictures written before it must be taken back.
      fs.fail(mode, { only: (path) => path.startsWith(join(out, 'full.html')) })
      const error = await exporter.exportHtml(draft, join(out, 'full.html')).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe(code)
      expect(await readdir(out)).toEqual([])
    })

    it('leaves an earlier export of the same name intact when writing over it fails', async () => {
      const fs = createFaultyFs()
      const exporter = createArticleExporter({ drafts: () => drafts, fs })
      const target = join(out, 'again.html')
      await exporter.exportHtml(draft, target)
      const before = await readFile(target, 'utf8')
      fs.fail('disk-full', { only: (path) => path.startsWith(out) })
      await expect(exporter.exportHtml(draft, target)).rejects.toMatchObject({ code: 'disk-full' })
      expect(await readFile(target, 'utf8')).toBe(before)
      expect((await readdir(out)).sort()).toEqual(['again.html', 'again_files'])
      expect(await readdir(join(out, 'again_files'))).toHaveLength(3)
    })
  })

  describe('as a Word document', () => {
    it('writes a .docx that Word readers open, with the pictures in word/media', async () => {
      const exporter = createArticleExporter({ drafts: () => drafts })
      const result = await exporter.exportDocx(draft, join(out, '推进会'))
      expect(result).toEqual({ path: join(out, '推进会.docx'), missing: [] })
      const { html, images } = await mediaOf(await readFile(result.path))
      expect(html).toContain('学校召开“双高计划”建设推进会')
      expect(html).toContain('<h2>一、总结阶段成果</h2>')
      expect(html).toContain('<strong>建设推进会</strong>')
      expect(html).toContain('<a href="https://www.example.edu.cn/sgjh/">专题网站</a>')
      expect(html).toMatch(/<ul><li>查漏补缺<\/li><li>质量监控<\/li><\/ul>/)
      expect(html).toContain('会议现场')
      // WebP is not a Word format: it arrives re-encoded.
      expect(images).toEqual(['image/jpeg', 'image/png', 'image/jpeg'])
    })

    it('completes without a picture whose file is gone, keeping its caption', async () => {
      await rm(join(drafts.assetsFolder(draft.id), photo))
      const exporter = createArticleExporter({ drafts: () => drafts })
      const result = await exporter.exportDocx(draft, join(out, 'missing.docx'))
      expect(result.missing).toEqual([{ assetId: photo, position: 1, caption: '会议现场' }])
      const { html, images } = await mediaOf(await readFile(result.path))
      expect(html).toContain('会议现场')
      expect(images).toHaveLength(2)
    })

    it('reports a picture it cannot decode as missing', async () => {
      await writeFile(join(drafts.assetsFolder(draft.id), photo), Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01]))
      const result = await createArticleExporter({ drafts: () => drafts }).exportDocx(draft, join(out, 'broken.docx'))
      expect(result.missing.map((m) => m.assetId)).toEqual([photo])
    })

    it('on a full disk fails with disk-full and leaves no partial file', async () => {
      const fs = createFaultyFs()
      const exporter = createArticleExporter({ drafts: () => drafts, fs })
      fs.fail('disk-full', { only: (path) => path.startsWith(out) })
      await expect(exporter.exportDocx(draft, join(out, 'full.docx'))).rejects.toMatchObject({ code: 'disk-full' })
      expect(await readdir(out)).toEqual([])
      await expect(stat(join(out, 'full.docx'))).rejects.toMatchObject({ code: 'ENOENT' })
    })
  })
})

describe('export file names', () => {
  it('makes a title safe as a file name on every system', () => {
    expect(fileNameFor('学校召开“双高计划”建设推进会', 'x')).toBe('学校召开“双高计划”建设推进会')
    expect(fileNameFor('a/b\\c:d*e?f"g<h>i|j\u0007', 'x')).toBe('a b c d e f g h i j')
    expect(fileNameFor('  ..  ', '新闻稿')).toBe('新闻稿')
    expect(fileNameFor('CON', '新闻稿')).toBe('新闻稿')
    expect(fileNameFor('长'.repeat(200), 'x')).toHaveLength(80)
  })

  it('adds the extension only when it is missing', () => {
    expect(withExtension('/t/a.HTML', ['.html', '.htm'])).toBe('/t/a.HTML')
    expect(withExtension('/t/a.htm', ['.html', '.htm'])).toBe('/t/a.htm')
    expect(withExtension('/t/a.doc', ['.docx'])).toBe('/t/a.doc.docx')
  })
})
