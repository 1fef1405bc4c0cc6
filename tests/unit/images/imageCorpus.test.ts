import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import exifr from 'exifr'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createInlineHeicDecoder, createWorkerHeicDecoder } from '../../../src/main/services/images/heicDecoder'
import { createImageService } from '../../../src/main/services/images/imageService'
import type { AssetFormat, ImageFailureCode, ImageImportResult, ImageNoticeCode, ImagePreviewResult } from '../../../src/shared/model/image'
import { listFiles, sha256File } from '../../support/images/fixtures'

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const corpusImages = resolve(projectRoot, '../shared/corpus/images')
const haveCorpus = existsSync(corpusImages)
if (!haveCorpus) console.warn(`image corpus tests skipped: ${corpusImages} is missing (CI checks out ../shared beside the clone)`)

type Expected =
  | { imported: { format: AssetFormat; width: number; height: number; notices?: ImageNoticeCode[] } }
  | { failed: ImageFailureCode; detail?: RegExp }

const upright1800 = { imported: { format: 'jpeg', width: 1800, height: 1200 } } as const
const svgRefused = { failed: 'unsupported', detail: /SVG is refused/ } as const

/**
 * What each corpus file must give under the default profile (1920 px, JPEG q82). Every file in the
 * corpus must be listed: a new file without an expectation fails the first test.
 */
const EXPECTED: Record<string, Expected> = {
  // All eight orientations: stored 1800x1200 or 1200x1800, published upright as the same landscape.
  'exif-orientation/Landscape_1.jpg': upright1800,
  'exif-orientation/Landscape_2.jpg': upright1800,
  'exif-orientation/Landscape_3.jpg': upright1800,
  'exif-orientation/Landscape_4.jpg': upright1800,
  'exif-orientation/Landscape_5.jpg': upright1800,
  'exif-orientation/Landscape_6.jpg': upright1800,
  'exif-orientation/Landscape_7.jpg': upright1800,
  'exif-orientation/Landscape_8.jpg': upright1800,
  // Camera and phone photos with GPS: kept small, GPS and maker notes gone (checked below).
  'gps/DSCN0010.jpg': { imported: { format: 'jpeg', width: 640, height: 480, notices: [] } },
  // Its ICC profile is sRGB already: no conversion worth a notice.
  'gps/IMG_20180725_163423-tiny.jpg': { imported: { format: 'jpeg', width: 1012, height: 759, notices: [] } },
  'cmyk/Channel_digital_image_CMYK_color.jpg': { imported: { format: 'jpeg', width: 500, height: 333, notices: ['colour-converted'] } },
  'cmyk/Channel_digital_image_CMYK_color_no_profile.jpg': { imported: { format: 'jpeg', width: 500, height: 333, notices: ['colour-converted'] } },
  'progressive/32-lens_data.jpeg': { imported: { format: 'jpeg', width: 200, height: 133, notices: [] } },
  'high-bit-depth/tbgn2c16.png': { imported: { format: 'jpeg', width: 32, height: 32, notices: ['bit-depth-reduced', 'alpha-flattened'] } },
  'high-bit-depth/bggn4a16.png': { imported: { format: 'jpeg', width: 32, height: 32, notices: ['bit-depth-reduced', 'alpha-flattened'] } },
  // Adobe RGB, 16 bit.
  'high-bit-depth/tifftag-photoshop.tiff': { imported: { format: 'jpeg', width: 317, height: 211, notices: ['colour-converted', 'bit-depth-reduced'] } },
  // Small animations stay animated (re-encoded, so no metadata survives).
  'animated/rotating-squares.gif': { imported: { format: 'gif', width: 80, height: 80, notices: ['animation-kept'] } },
  'animated/animated-loop-3.gif': { imported: { format: 'gif', width: 370, height: 285, notices: ['animation-kept'] } },
  // iPhone HEIC through the WASM decoder: Display P3 → sRGB, portrait, fitted into 1920.
  'heic/IMG_5195.HEIC': { imported: { format: 'jpeg', width: 1487, height: 1920, notices: ['colour-converted'] } },
  'heic/iphone_13_pro_max.HEIC': { imported: { format: 'jpeg', width: 1440, height: 1920, notices: ['colour-converted'] } },
  'avif/pitm.avif': { imported: { format: 'jpeg', width: 1920, height: 375, notices: [] } },
  'avif/Irvine_CA.avif': { imported: { format: 'jpeg', width: 480, height: 640, notices: [] } },
  'malformed/truncated.jpg': { failed: 'corrupt', detail: /premature end/i },
  'malformed/corrupt-header.jpg': { failed: 'corrupt' },
  'malformed/truncated.png': { failed: 'corrupt', detail: /read error/i },
  // Decompression bombs are refused from the header, before any pixel is allocated.
  'oversize/65536-uint32-limit.png': { failed: 'too-large', detail: /pixel limit/i },
  'oversize/giant-image.jpg': { failed: 'too-large', detail: /pixel limit/i },
  // SVG is refused by content, before any decoder sees it: no script can run and nothing is fetched.
  'svg/test-href-javascript.svg': svgRefused,
  'svg/recursive-foreignobject.svg': svgRefused,
  'svg/billionlaughs.svg': svgRefused,
  'svg/externalimage.svg': svgRefused
}

const PHOTOGRAPHER = '李明 & <校报>'

describe.skipIf(!haveCorpus)('image corpus: every file gets its own clear result', () => {
  let work: string
  let files: string[]
  const hashesBefore = new Map<string, string>()
  let results: Map<string, ImageImportResult>
  let previews: ImagePreviewResult[]
  const service = () => createImageService({ cacheDir: join(work, 'cache'), heicDecoder: createInlineHeicDecoder(), concurrency: 2 })

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'newsroom-images-'))
    files = await listFiles(corpusImages)
    for (const file of files) hashesBefore.set(file, await sha256File(join(corpusImages, file)))
    const paths = files.map((file) => join(corpusImages, file))
    const batch = await service().compressMany(paths, undefined, { outputDir: join(work, 'assets'), photographer: PHOTOGRAPHER })
    results = new Map(batch.map((result, i) => [files[i]!, result]))
    previews = await service().previewMany(paths)
  }, 60_000)

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true })
  })

  it('has an expectation for every corpus file and a result for each', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort())
    expect(results.size).toBe(files.length)
  })

  it.each(Object.entries(EXPECTED))('%s', async (file, expected) => {
    const result = results.get(file)!
    if ('failed' in expected) {
      expect(result).toMatchObject({ status: 'failed', code: expected.failed })
      if (expected.detail && result.status === 'failed') expect(result.detail).toMatch(expected.detail)
      return
    }
    expect(result.status, result.status === 'failed' ? `${result.code}: ${result.detail}` : '').toBe('imported')
    if (result.status !== 'imported') return
    const { asset } = result
    expect(asset).toMatchObject({ format: expected.imported.format, width: expected.imported.width, height: expected.imported.height })
    if (expected.imported.notices) expect(asset.notices.map((n) => n.code).sort()).toEqual([...expected.imported.notices].sort())
    const meta = await sharp(asset.assetFile).metadata()
    expect(meta.format).toBe(expected.imported.format)
    expect({ width: meta.width, height: meta.pageHeight ?? meta.height }).toEqual({ width: asset.width, height: asset.height })
    expect(meta.depth).toBe('uchar')
    if (asset.format === 'jpeg') {
      expect(meta.space).toBe('srgb')
      expect(meta.channels).toBe(3)
      // No EXIF at all unless the capture date was asked for; the creator travels in XMP.
      expect(meta.exif).toBeUndefined()
      expect(meta.icc).toBeUndefined()
      expect(meta.iptc).toBeUndefined()
      expect(meta.orientation).toBeUndefined()
      const xmp = (await exifr.parse(asset.assetFile, { xmp: true, tiff: false, mergeOutput: false })) as { dc?: { creator?: string } }
      // exifr leaves XML entities as they are: the name must arrive escaped, not as raw markup.
      expect(xmp.dc?.creator).toBe('李明 &amp; &lt;校报&gt;')
    }
  })

  it('turns all eight orientations into the same upright picture', async () => {
    const pixels = async (n: number) => {
      const result = results.get(`exif-orientation/Landscape_${n}.jpg`)
      if (result?.status !== 'imported') throw new Error(`Landscape_${n} was not imported`)
      return sharp(result.asset.assetFile).resize(90, 60, { fit: 'fill' }).raw().toBuffer()
    }
    const reference = await pixels(1)
    for (let n = 2; n <= 8; n++) {
      const other = await pixels(n)
      let diff = 0
      for (let i = 0; i < reference.length; i++) diff += Math.abs(reference[i]! - other[i]!)
      expect(diff / reference.length, `Landscape_${n}`).toBeLessThan(8)
    }
  })

  it('drops GPS, maker notes and camera data from photos that carried them', async () => {
    for (const file of ['gps/DSCN0010.jpg', 'gps/IMG_20180725_163423-tiny.jpg', 'heic/IMG_5195.HEIC']) {
      const source = await exifr.gps(join(corpusImages, file))
      expect(source?.latitude, `${file} has GPS to begin with`).toBeTypeOf('number')
      const result = results.get(file)
      if (result?.status !== 'imported') throw new Error(`${file} was not imported`)
      expect(await exifr.gps(result.asset.assetFile)).toBeUndefined()
      const all = (await exifr.parse(result.asset.assetFile, { tiff: true, gps: true, makerNote: true, ifd1: true, xmp: false })) as Record<string, unknown> | undefined
      expect(all ?? {}).toEqual({})
    }
  })

  it('keeps the capture date only when asked, and still no GPS', async () => {
    const images = service()
    const outputDir = join(work, 'dated')
    const cases = [
      ['gps/DSCN0010.jpg', '2008-10-22T16:28:39', '2008:10:22 16:28:39'],
      ['heic/IMG_5195.HEIC', '2021-04-11T15:47:53-05:00', '2021:04:11 15:47:53']
    ] as const
    for (const [file, capturedAt, exifDate] of cases) {
      const asset = await images.compress(join(corpusImages, file), undefined, { outputDir, photographer: PHOTOGRAPHER, keepCaptureDate: true })
      expect(asset.capturedAt).toBe(capturedAt)
      const parsed = (await exifr.parse(asset.assetFile, { tiff: true, gps: true, ifd1: true, xmp: true, reviveValues: false, mergeOutput: false })) as Record<string, Record<string, unknown>>
      expect(parsed.exif?.DateTimeOriginal).toBe(exifDate)
      expect(parsed.gps).toBeUndefined()
      expect(parsed.ifd1).toBeUndefined() // the camera's thumbnail stays behind too
      expect(parsed.ifd0?.Make).toBeUndefined()
      expect(JSON.stringify(parsed.photoshop ?? parsed)).toContain(capturedAt)
      // Without the option the same photo has no date anywhere.
      const undated = results.get(file)
      if (undated?.status !== 'imported') throw new Error(`${file} was not imported`)
      expect(undated.asset.capturedAt).toBeNull()
      expect(undated.asset.contentHash).not.toBe(asset.contentHash)
    }
  })

  it('converts CMYK to sRGB the same way with or without an embedded profile (no inverted colours)', async () => {
    const rgb = async (file: string) => {
      const result = results.get(file)
      if (result?.status !== 'imported') throw new Error(`${file} was not imported`)
      return (await sharp(result.asset.assetFile).stats()).channels.map((c) => c.mean)
    }
    const withProfile = await rgb('cmyk/Channel_digital_image_CMYK_color.jpg')
    const without = await rgb('cmyk/Channel_digital_image_CMYK_color_no_profile.jpg')
    withProfile.forEach((mean, i) => expect(Math.abs(mean - without[i]!)).toBeLessThan(20))
  })

  it('converts the iPhone’s Display P3 colours instead of reading them as sRGB', async () => {
    const result = results.get('heic/IMG_5195.HEIC')
    if (result?.status !== 'imported') throw new Error('IMG_5195 was not imported')
    expect(result.asset.notices).toContainEqual({ code: 'colour-converted', detail: 'Display P3 → sRGB' })
  })

  it('keeps small animations animated, with their timing and loop count', async () => {
    const total = (delays: number[] | undefined) => (delays ?? []).reduce((a, b) => a + b, 0)
    for (const file of ['animated/animated-loop-3.gif', 'animated/rotating-squares.gif']) {
      const result = results.get(file)
      if (result?.status !== 'imported') throw new Error(`${file} was not imported`)
      const source = await sharp(join(corpusImages, file)).metadata()
      const kept = await sharp(result.asset.assetFile).metadata()
      expect(kept.pages, file).toBeGreaterThan(1) // identical consecutive frames may be merged
      expect(total(kept.delay), file).toBe(total(source.delay))
      expect(kept.loop, file).toBe(source.loop)
    }
  })

  it('publishes only the first frame of an animation over the size limit, and says so', async () => {
    const asset = await service().compress(join(corpusImages, 'animated/animated-loop-3.gif'), { keepAnimationMaxBytes: 1000 }, { outputDir: join(work, 'frames') })
    expect(asset).toMatchObject({ format: 'jpeg', width: 370, height: 285 })
    expect(asset.notices.map((n) => n.code)).toContain('animation-first-frame')
    expect((await sharp(asset.assetFile).metadata()).pages).toBeUndefined()
  })

  it('never touches the originals', async () => {
    for (const file of files) expect(await sha256File(join(corpusImages, file)), file).toBe(hashesBefore.get(file))
  })

  it('writes only finished, content-named assets (no temp files)', async () => {
    const names = await readdir(join(work, 'assets'))
    expect(names.length).toBeGreaterThan(0)
    for (const name of names) expect(name).toMatch(/^[0-9a-f]{64}\.(jpg|gif)$/)
  })

  it('previews the same files for culling, sorted by capture time, with the same failures', async () => {
    expect(previews).toHaveLength(files.length)
    const ready = previews.filter((p) => p.status === 'ready')
    const dated = ready.map((p) => p.preview.capturedAt).filter((t): t is string => t !== null)
    expect(dated).toEqual([...dated].sort((a, b) => a.slice(0, 19).localeCompare(b.slice(0, 19))))
    expect(dated.length).toBeGreaterThanOrEqual(6)
    // Failures come last, and match what compression said.
    const firstFailure = previews.findIndex((p) => p.status === 'failed')
    expect(previews.slice(firstFailure).every((p) => p.status === 'failed')).toBe(true)
    for (const p of previews) {
      const file = p.originalPath.slice(corpusImages.length + 1)
      const expected = EXPECTED[file]!
      if ('failed' in expected) expect(p, file).toMatchObject({ status: 'failed', code: expected.failed })
      else expect(p.status, file).toBe('ready')
    }
    const byFile = new Map(ready.map((p) => [p.originalPath.slice(corpusImages.length + 1), p.preview]))
    // Camera JPEGs with an EXIF thumbnail use it; the orientation set has none and is decoded upright.
    expect(byFile.get('gps/DSCN0010.jpg')).toMatchObject({ source: 'embedded', width: 160, height: 120, camera: 'NIKON COOLPIX P6000', capturedAt: '2008-10-22T16:28:39' })
    expect(byFile.get('cmyk/Channel_digital_image_CMYK_color.jpg')).toMatchObject({ source: 'embedded', camera: 'Canon EOS 300D DIGITAL' })
    for (let n = 1; n <= 8; n++) {
      expect(byFile.get(`exif-orientation/Landscape_${n}.jpg`)).toMatchObject({ source: 'decoded', width: 400, height: 267 })
    }
    expect(byFile.get('heic/iphone_13_pro_max.HEIC')).toMatchObject({ source: 'decoded', width: 300, height: 400, camera: 'Apple iPhone 13 Pro Max', orientation: 6 })
    for (const preview of byFile.values()) expect((await sharp(preview.previewFile).metadata()).format).toBe('jpeg')
  })
})

describe.skipIf(!haveCorpus)('HEIC in a worker thread', () => {
  it('decodes through the worker entry the app bundles', async () => {
    const decoder = createWorkerHeicDecoder({
      workerUrl: new URL('../../support/images/heicWorkerShim.mjs', import.meta.url),
      workerData: { entry: new URL('../../../src/main/services/images/heicWorker.ts', import.meta.url).href }
    })
    const work = await mkdtemp(join(tmpdir(), 'newsroom-heic-'))
    try {
      const images = createImageService({ cacheDir: join(work, 'cache'), heicDecoder: decoder })
      const asset = await images.compress(join(corpusImages, 'heic/iphone_13_pro_max.HEIC'), undefined, { outputDir: join(work, 'assets') })
      expect(asset).toMatchObject({ format: 'jpeg', width: 1440, height: 1920 })
      // A decode error inside the worker comes back as an error, and the worker keeps serving.
      await expect(decoder.decode(new TextEncoder().encode('not a heic at all'), undefined)).rejects.toThrow(/not a HEIC/)
      // A cut-short HEIC is caught before decoding: libheif would fill the missing tiles with grey.
      const broken = join(work, 'broken.heic')
      await writeFile(broken, (await readFile(join(corpusImages, 'heic/IMG_5195.HEIC'))).subarray(0, 40_000))
      await expect(images.compress(broken, undefined, { outputDir: join(work, 'assets') })).rejects.toMatchObject({ code: 'corrupt' })
      // Cancelling a running decode ends the worker (WASM cannot be interrupted); the next one starts afresh.
      const controller = new AbortController()
      const heic = await readFile(join(corpusImages, 'heic/IMG_5195.HEIC'))
      const cancelled = decoder.decode(heic, undefined, controller.signal)
      setTimeout(() => controller.abort(new Error('picked another photo')), 30)
      await expect(cancelled).rejects.toThrow('picked another photo')
      const again = await images.compress(join(corpusImages, 'heic/IMG_5195.HEIC'), undefined, { outputDir: join(work, 'assets') })
      expect(again).toMatchObject({ width: 1487, height: 1920 })
    } finally {
      await decoder.close()
      await rm(work, { recursive: true, force: true })
    }
  }, 30_000)
})
