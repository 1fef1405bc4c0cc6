import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Document, HeadingLevel, ImageRun, Packer, Paragraph, TextRun } from 'docx'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAssetStore, type AssetStore } from '../../../src/main/services/assets/assetStore'
import { createDraftStore, type DraftStore } from '../../../src/main/services/drafts/draftStore'
import { convertDocx, createDocxImporter, MISSING_PICTURE_ATTRIBUTE } from '../../../src/main/services/docx/docxImport'
import { AppError } from '../../../src/shared/errors'
import { ASSET_ID_PATTERN } from '../../../src/shared/article/schema'

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..')
const CORPUS = resolve(ROOT, '../shared/corpus/docx')
const corpusPresent = existsSync(CORPUS)
if (!corpusPresent) console.warn(`docx corpus tests skipped: ${CORPUS} is missing`)

/** Every stored picture referenced from the HTML, as asset ids. */
function assetIdsIn(html: string): string[] {
  return [...html.matchAll(/src="asset:([^"]+)"/g)].map((m) => m[1] ?? '')
}

function setup() {
  let dir = ''
  let drafts: DraftStore
  let assets: AssetStore
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-docx-'))
    drafts = createDraftStore({ dataDir: dir, clock: { now: () => new Date() } })
    assets = createAssetStore({ drafts: () => drafts })
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))
  return {
    dir: () => dir,
    drafts: () => drafts,
    importer: (override?: Partial<AssetStore>) => createDocxImporter({ drafts: () => drafts, assets: () => ({ ...assets, ...override }) })
  }
}

describe.skipIf(!corpusPresent)('importing the Word corpus (../shared/corpus/docx)', () => {
  const env = setup()
  const corpus = (path: string) => join(CORPUS, path)

  async function imported(path: string) {
    const result = await env.importer().importDocx(corpus(path))
    const draft = await env.drafts().open(result.draftId)
    expect(draft.title).toBe(result.title)
    expect(draft.body).toBeNull()
    return result
  }

  it('Paragraphs_with_headers.docx: headings and paragraphs, titled by the first heading', async () => {
    const result = await imported('ckeditor4/Paragraphs_with_headers.docx')
    expect(result.title).toBe('Transforming Turn-Key Content')
    expect(result.html).toContain('<h1>Transforming Turn-Key Content</h1>')
    expect(result.html).toContain('<h2>Strategic ROI</h2>')
    expect(result.html).toContain('<h2>Enterprise Schemas</h2>')
    expect(result.html.match(/<p>/g)).toHaveLength(3)
    expect(result.warnings).toEqual([])
  })

  it('10784line_missing.docx: Chinese text, bold, and a numbered list', async () => {
    const result = await imported('ckeditor4/10784line_missing.docx')
    expect(result.title).toBe('10784line_missing')
    expect(result.html).toContain('<strong>销售情况</strong>')
    expect(result.html).toMatch(/<ol><li>发顺丰[^<]*，<\/li><li>[^<]+<\/li><li>[^<]*还没立项。<\/li><\/ol>/)
    expect(result.html).toContain('今年年底有600万-700万的销售')
    // "Unrecognised paragraph style: 'List Paragraph'" says nothing a person can act on.
    expect(result.warnings).toEqual([])
  })

  it('test11.docx: mixed Chinese and English text', async () => {
    const result = await imported('word-extractor/test11.docx')
    expect(result.html).toContain('<p>这是一个用来测试nodejs解析Word文档.doccccc</p>')
    expect(result.html).toContain('This is a test for parsing the Word file in node.')
  })

  it('test17.docx: the Title becomes the draft title; headings, bold, italic, a bulleted list, a link and the photo come over', async () => {
    const result = await imported('word-extractor/test17.docx')
    expect(result.title).toBe('Lorem ipsum')
    expect(result.html).not.toContain('docx-title')
    expect(result.html.startsWith('<h1>Lorem ipsum dolor sit amet')).toBe(true)
    expect(result.html).toMatch(/<strong>Vivamus dapibus/)
    expect(result.html).toMatch(/<em>Nullam mollis/)
    expect(result.html).toMatch(/<ul><li><strong>Maecenas non lorem/)
    expect(result.html).toContain('<a href="https://products.office.com/en-us/word">Mauris id ex erat. </a>')
    const ids = assetIdsIn(result.html)
    expect(ids.length).toBeGreaterThanOrEqual(1)
    for (const id of ids) {
      expect(id).toMatch(ASSET_ID_PATTERN)
      expect(existsSync(join(env.drafts().assetsFolder(result.draftId), id))).toBe(true)
    }
    expect(ids.some((id) => id.endsWith('.jpg'))).toBe(true)
  })

  it('tiny-picture.docx: the embedded PNG is stored as an asset of the new draft', async () => {
    const result = await imported('mammoth/tiny-picture.docx')
    const [id] = assetIdsIn(result.html)
    expect(id).toMatch(/^sha256-[0-9a-f]{64}\.png$/)
    expect(await readdir(env.drafts().assetsFolder(result.draftId))).toEqual([id])
    const bytes = await readFile(join(env.drafts().assetsFolder(result.draftId), id!))
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  })

  it('simple-list.docx: a bulleted list, titled by the file name', async () => {
    const result = await imported('mammoth/simple-list.docx')
    expect(result.title).toBe('simple-list')
    expect(result.html).toBe('<ul><li>Apple</li><li>Banana</li></ul>')
  })

  it('tables.docx: the table and the paragraphs around it', async () => {
    const result = await imported('mammoth/tables.docx')
    expect(result.html).toMatch(/^<p>Above<\/p><table>.*Top left.*Top right.*Bottom left.*Bottom right.*<\/table><p>Below<\/p>$/)
  })

  it.each([
    ['mammoth/footnotes.docx', ['A tachyon walks into a bar.', 'Fin.']],
    ['mammoth/endnotes.docx', ['A tachyon walks into a bar.', 'Fin.']],
    ['word-extractor/test13.docx', ['This is a footnote', 'This is an endnote']]
  ])('%s: notes are kept as text at the end, markers as [n], without dead back-links', async (path, notes) => {
    const result = await imported(path)
    for (const note of notes) expect(result.html).toContain(note)
    expect(result.html).toContain('[1]')
    expect(result.html).not.toContain('↑')
    expect(result.html).not.toMatch(/href="#[^"]*-ref-/)
  })

  it('comments.docx: review comments are not part of the article', async () => {
    const result = await imported('mammoth/comments.docx')
    expect(result.html).toBe('<p>Ouch.</p>')
    expect(result.html).not.toContain('tachyon')
  })

  it('external-picture.docx: the linked picture is refused with a warning, not read and not a crash', async () => {
    const result = await imported('mammoth/external-picture.docx')
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'external-image' })])
    expect(assetIdsIn(result.html)).toEqual([])
    expect(await readdir(env.drafts().assetsFolder(result.draftId))).toEqual([])
  })

  it('bad-xml.docx: imported, tracked insertions included, Unicode intact', async () => {
    const result = await imported('word-extractor/bad-xml.docx')
    expect(result.html).toContain('😀 ∀')
    expect(result.html).toContain('This text has been inserted, ✻and should be included')
  })

  it.each([
    ['mammoth/strict-format.docx', '<p>Test</p>'],
    ['mammoth/text-box.docx', 'Datum plane']
  ])('%s: its text comes over', async (path, text) => {
    const result = await imported(path)
    expect(result.html).toContain(text)
  })

  it('every file of the corpus gives a draft or a clear error, never a half-made draft', async () => {
    const files: string[] = []
    for (const folder of await readdir(CORPUS)) for (const name of await readdir(join(CORPUS, folder))) files.push(join(folder, name))
    expect(files.length).toBe(15)
    for (const file of files) {
      const before = (await env.drafts().list('active')).drafts.length
      const outcome = await env
        .importer()
        .importDocx(corpus(file))
        .then(
          (result) => ({ ok: true as const, result }),
          (error: unknown) => ({ ok: false as const, error })
        )
      const after = (await env.drafts().list('active')).drafts.length
      if (outcome.ok) {
        expect(after, file).toBe(before + 1)
        expect(outcome.result.html.trim() !== '' || outcome.result.warnings.length > 0, file).toBe(true)
      } else {
        expect(outcome.error, file).toBeInstanceOf(AppError)
        expect(after, file).toBe(before)
      }
    }
  })
})

describe('importing files that are not Word documents', () => {
  const env = setup()

  it.each([
    ['an empty file', 'corrupt-file', Buffer.alloc(0)],
    ['a text file', 'unsupported-file', Buffer.from('这不是 Word 文档\n')],
    ['a PNG renamed to .docx', 'unsupported-file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])],
    ['a broken zip', 'unsupported-file', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)])]
  ])('%s: a clear %s error and no draft', async (_name, code, bytes) => {
    const path = join(env.dir(), '通知.docx')
    await writeFile(path, bytes)
    await expect(env.importer().importDocx(path)).rejects.toMatchObject({ code })
    expect((await env.drafts().list('active')).drafts).toEqual([])
    expect((await env.drafts().list('trash')).drafts).toEqual([])
  })

  it('a missing file: not-found', async () => {
    await expect(env.importer().importDocx(join(env.dir(), 'gone.docx'))).rejects.toMatchObject({ code: 'not-found' })
  })

  it('refuses an oversized file before reading it', async () => {
    const path = join(env.dir(), 'big.docx')
    await writeFile(path, Buffer.alloc(2048, 1))
    const importer = createDocxImporter({ drafts: env.drafts, assets: () => ({}) as AssetStore, maxBytes: 1024 })
    await expect(importer.importDocx(path)).rejects.toMatchObject({ code: 'file-too-large' })
  })
})

/** A 2×2 24-bit BMP: a picture format Word embeds and the asset store does not take. */
function bmp(): Buffer {
  const header = Buffer.alloc(54)
  header.write('BM', 0, 'latin1')
  header.writeUInt32LE(54 + 16, 2)
  header.writeUInt32LE(54, 10)
  header.writeUInt32LE(40, 14)
  header.writeInt32LE(2, 18)
  header.writeInt32LE(2, 22)
  header.writeUInt16LE(1, 26)
  header.writeUInt16LE(24, 28)
  header.writeUInt32LE(16, 34)
  return Buffer.concat([header, Buffer.alloc(16, 0x80)])
}

describe('importing made-up documents', () => {
  const env = setup()

  async function write(doc: Document, name = '稿件.docx'): Promise<string> {
    const path = join(env.dir(), name)
    await writeFile(path, await Packer.toBuffer(doc))
    return path
  }

  it('names a picture the store refuses, warns, and still imports the rest', async () => {
    const path = await write(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({ text: '运动会开幕', heading: HeadingLevel.TITLE }),
              new Paragraph({ text: '赛况', heading: HeadingLevel.HEADING_1 }),
              new Paragraph({ children: [new TextRun({ text: '加油', bold: true })] }),
              new Paragraph({ children: [new ImageRun({ type: 'bmp', data: bmp(), transformation: { width: 2, height: 2 } })] })
            ]
          }
        ]
      })
    )
    const result = await env.importer().importDocx(path)
    expect(result.title).toBe('运动会开幕')
    expect(result.html).toMatch(/^<h1>赛况<\/h1><p><strong>加油<\/strong><\/p>/)
    expect(result.html).toContain(`src="" ${MISSING_PICTURE_ATTRIBUTE}="image1.bmp"`)
    expect(result.warnings).toEqual([expect.objectContaining({ code: 'image-unsupported' })])
  })

  it('puts the draft in the trash when storing a picture fails for want of disk space', async () => {
    const path = await write(
      new Document({
        sections: [
          { children: [new Paragraph({ children: [new ImageRun({ type: 'bmp', data: bmp(), transformation: { width: 2, height: 2 } })] })] }
        ]
      })
    )
    const importer = env.importer({
      importBytes: async () => {
        throw new AppError('disk-full', 'ENOSPC')
      }
    })
    await expect(importer.importDocx(path)).rejects.toMatchObject({ code: 'disk-full' })
    expect((await env.drafts().list('active')).drafts).toEqual([])
  })

  it('convertDocx stores nothing: pictures come back in memory', async () => {
    const path = await write(
      new Document({
        sections: [{ children: [new Paragraph({ children: [new ImageRun({ type: 'bmp', data: bmp(), transformation: { width: 2, height: 2 } })] })] }]
      })
    )
    const converted = await convertDocx(await readFile(path), '稿件.docx')
    expect(converted.pictures).toHaveLength(1)
    expect(converted.pictures[0]).toMatchObject({ name: 'image1.bmp', contentType: 'image/bmp' })
    expect((await env.drafts().list('active')).drafts).toEqual([])
  })
})
