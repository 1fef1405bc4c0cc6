import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { composeApp, type AppServices } from '../../../src/main/compose'
import { fitToWidth } from '../../../src/main/services/export/articleDocx'
import type { HandlerContext } from '../../../src/main/ipc/dispatch'
import type { Envelope } from '../../../src/shared/ipc/contract'
import { docxRenderingUnavailable, docxToPdf, pdfFonts, pdfImages, pdfPageCount, pdfPagePng, pdfPageText } from '../../support/libreOffice'
import { SEED, seedArticle } from '../../support/outputFixtures'
import { testCapabilities } from '../../support/testApp'

const unavailable = docxRenderingUnavailable()
if (unavailable) console.warn(`[unit] ${unavailable}; the LibreOffice checks of the Word export are skipped`)

/** Colours of the two seed photos (see seedPhotos): found again on the rendered pages. */
const LANDSCAPE = { r: 0x2f, g: 0x6f, b: 0xb5 }
const PORTRAIT = { r: 0xb5, g: 0x2f, b: 0x4a }

/** The box on a rendered page where a photo's colour is, in pixels. */
async function colourBox(png: string, colour: { r: number; g: number; b: number }): Promise<{ width: number; height: number } | null> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  let top = Infinity
  let bottom = -1
  let left = Infinity
  let right = -1
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const i = (y * info.width + x) * 3
      if (Math.abs((data[i] ?? 0) - colour.r) < 12 && Math.abs((data[i + 1] ?? 0) - colour.g) < 12 && Math.abs((data[i + 2] ?? 0) - colour.b) < 12) {
        top = Math.min(top, y)
        bottom = Math.max(bottom, y)
        left = Math.min(left, x)
        right = Math.max(right, x)
      }
    }
  }
  return bottom < 0 ? null : { width: right - left + 1, height: bottom - top + 1 }
}

describe.skipIf(unavailable !== null)('the Word export as LibreOffice shows it', () => {
  let dir: string
  let app: AppServices
  let docx: string
  let pdf: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-docx-render-'))
    docx = join(dir, 'seed.docx')
    app = composeApp(testCapabilities(dir, { dialogs: { openFiles: async () => [], saveFile: async () => docx } }))
    const draft = await seedArticle(app)
    const context: HandlerContext = { emit: (channel, payload) => channel === 'app:flushRequest' && app.flush.answer((payload as { requestId: string }).requestId, true) }
    const answer: Envelope = await app.dispatch('export:docx', { draftId: draft.id }, context)
    expect(answer.ok).toBe(true)
    pdf = await docxToPdf(docx, dir)
  }, 180_000)
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })
  })

  it('line spacing is proportional (lineRule auto) wherever a line height is set', async () => {
    const files = unzipSync(await readFile(docx))
    const xml = ['word/styles.xml', 'word/document.xml'].map((part) => strFromU8(files[part] ?? new Uint8Array())).join('')
    const spacings = xml.match(/<w:spacing\b[^>]*w:line="[^"]*"[^>]*>/g) ?? []
    expect(spacings.length).toBeGreaterThan(0)
    for (const spacing of spacings) expect(spacing).toContain('w:lineRule="auto"')
  })

  it('shows each photo at its full height and in its proportions, the portrait one capped to 60% of the page', async () => {
    const images = pdfImages(pdf)
    expect(images.map((image) => [image.width, image.height])).toEqual([
      [1600, 1000],
      [900, 1600]
    ])
    for (const [index, image] of images.entries()) {
      // Shown size in points: a squashed strip would have a far larger vertical than horizontal resolution.
      const shown = { width: (image.width / image.xPpi) * 72, height: (image.height / image.yPpi) * 72 }
      const expected = index === 0 ? fitToWidth(1600, 1000) : fitToWidth(900, 1600)
      expect(shown.width).toBeCloseTo(expected.width * 0.75, -1)
      expect(shown.height).toBeCloseTo(expected.height * 0.75, -1)
    }
    // 60% of A4's text height (841.89 pt − 2 × 72 pt margins).
    expect((images[1]?.height ?? 0) / (images[1]?.yPpi ?? 1) * 72).toBeLessThanOrEqual(0.6 * (841.89 - 144) + 2)
  })

  it('on the rendered pages the photos have their own proportions, and each caption is on its photo page', async () => {
    const images = pdfImages(pdf)
    for (const [index, colour] of [LANDSCAPE, PORTRAIT].entries()) {
      const page = images[index]?.page ?? 0
      const png = pdfPagePng(pdf, page, 40, join(dir, `page-${String(index)}`))
      const box = await colourBox(png, colour)
      expect(box, `photo ${String(index + 1)} is drawn on page ${String(page)}`).not.toBeNull()
      const ratio = index === 0 ? 1000 / 1600 : 1600 / 900
      expect((box?.height ?? 0) / (box?.width ?? 1)).toBeCloseTo(ratio, 1)
      expect(pdfPageText(pdf, page)).toContain(SEED.captions[index])
    }
  })

  it('numbers every page and sets the text in a Chinese serif face', () => {
    const pages = pdfPageCount(pdf)
    expect(pages).toBeGreaterThanOrEqual(2)
    for (let page = 1; page <= pages; page++) expect(pdfPageText(pdf, page)).toMatch(new RegExp(`—\\s*${String(page)}\\s*—`))
    expect(pdfFonts(pdf).some((name) => /Serif.*CJK|SimSun|Song/i.test(name))).toBe(true)
  })

  it('declares the CJK fonts with their other names, so a machine without 宋体 takes a Chinese serif', async () => {
    const table = strFromU8(unzipSync(await readFile(docx))['word/fontTable.xml'] ?? new Uint8Array())
    expect(table).toContain('<w:font w:name="宋体"><w:altName w:val="SimSun"/>')
    expect(table).toContain('<w:font w:name="Noto Serif CJK SC"><w:altName w:val="思源宋体"/>')
    expect(table).toMatch(/<w:font w:name="宋体">.*?<w:charset w:val="86"\/>/)
  })
})

describe('fitToWidth', () => {
  it('caps a tall photo at 60% of the text height and a wide one at the text width, never enlarging', () => {
    expect(fitToWidth(900, 1600)).toEqual({ width: 314, height: 558 })
    expect(fitToWidth(1600, 1000)).toEqual({ width: 601, height: 376 })
    expect(fitToWidth(300, 200)).toEqual({ width: 300, height: 200 })
  })
})
