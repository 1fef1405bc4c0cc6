import * as nodeFs from 'node:fs/promises'
import { copyFile, mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import exifr from 'exifr'
import sharp from 'sharp'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ServiceFs } from '../../../src/main/services/fs/serviceFs'
import { createImageService, sortByCaptureTime } from '../../../src/main/services/images/imageService'
import { rgbaTiff } from '../../../src/main/services/images/heicCore'
import type { ImagePreviewResult, ImageProgress } from '../../../src/shared/model/image'
import { createFaultyFs } from '../../support/faultyFs'
import { cameraJpeg, QUADRANTS, quadrantColours, quadrantJpeg, sha256File } from '../../support/images/fixtures'

let work: string
let photos: string
let outputDir: string

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'newsroom-image-service-'))
  photos = join(work, 'photos')
  outputDir = join(work, 'article-assets')
  await mkdir(photos)
})

afterEach(async () => {
  await rm(work, { recursive: true, force: true })
})

const service = (fs?: ServiceFs, concurrency = 2) => createImageService({ cacheDir: join(work, 'cache'), concurrency, ...(fs ? { fs } : {}) })

let landscape: Buffer
beforeAll(async () => {
  landscape = await quadrantJpeg(1200, 800)
})

async function photo(name: string, bytes: Uint8Array | string): Promise<string> {
  const path = join(photos, name)
  await writeFile(path, bytes)
  return path
}

/** A distinct photo per seed, so content hashes differ. */
async function distinctPhoto(name: string, seed: number, size = 600): Promise<string> {
  const bytes = await sharp({ create: { width: size, height: Math.round(size * 0.66), channels: 3, background: { r: seed * 40, g: 120, b: 200 - seed * 20 } } })
    .jpeg()
    .toBuffer()
  return photo(name, bytes)
}

describe('bad input never stops the batch', () => {
  it('gives each bad file its own code and imports the rest', async () => {
    const good = await distinctPhoto('good.jpg', 1)
    const empty = await photo('empty.jpg', '')
    const text = await photo('说明.jpg', '这不是照片，是一段说明文字。\n')
    const folder = join(photos, 'a-folder.jpg')
    await mkdir(folder)
    const vanished = await distinctPhoto('vanished.jpg', 2)
    const good2 = await distinctPhoto('good2.png', 3)
    await rm(vanished) // listed by the picker, gone by the time it is compressed

    const progress: ImageProgress[] = []
    const results = await service().compressMany([good, empty, text, folder, vanished, good2], undefined, {
      outputDir,
      onProgress: (p) => progress.push(p)
    })
    expect(results.map((r) => (r.status === 'imported' ? 'imported' : r.code))).toEqual([
      'imported',
      'empty',
      'not-an-image',
      'not-an-image',
      'vanished',
      'imported'
    ])
    for (const r of results) if (r.status === 'failed') expect(r.detail.length).toBeGreaterThan(0)
    // Every file reports working, then exactly one final state; the count reaches the total.
    for (let i = 0; i < 6; i++) expect(progress.filter((p) => p.index === i).map((p) => p.state)[0]).toBe('working')
    expect(progress.filter((p) => p.state !== 'working')).toHaveLength(6)
    expect(progress.at(-1)).toMatchObject({ finished: 6, total: 6 })
    expect(progress.find((p) => p.index === 4 && p.state === 'failed')).toMatchObject({ code: 'vanished' })
  })

  it('previews bad files with the same codes', async () => {
    const empty = await photo('empty.jpg', '')
    const text = await photo('notes.txt', 'hello')
    const gone = join(photos, 'gone.jpg')
    const results = await service().previewMany([empty, text, gone])
    expect(results.map((r) => (r.status === 'failed' ? r.code : 'ready'))).toEqual(['empty', 'not-an-image', 'vanished'])
  })

  it('refuses a file over the size limit without reading it', async () => {
    const big = await distinctPhoto('huge.jpg', 1)
    const images = createImageService({ cacheDir: join(work, 'cache'), maxFileBytes: 1000 })
    await expect(images.compress(big, undefined, { outputDir })).rejects.toMatchObject({ code: 'too-large' })
  })

  it('refuses an SVG by its content, whatever its name', async () => {
    const svg = await photo('photo.jpg', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    await expect(service().compress(svg, undefined, { outputDir })).rejects.toMatchObject({ code: 'unsupported', message: expect.stringMatching(/SVG/) })
  })
})

describe('output folder faults', () => {
  it('reports a full disk for the file that hit it and imports the others', async () => {
    const a = await distinctPhoto('a.jpg', 1)
    const b = await distinctPhoto('b.jpg', 2)
    // Output is deterministic: compressing elsewhere first tells us which asset name the fault must hit.
    const { contentHash } = await service().compress(a, undefined, { outputDir: join(work, 'probe') })
    const fs = createFaultyFs()
    fs.fail('disk-full', { only: (path) => path.includes(contentHash) })
    const results = await service(fs).compressMany([a, b], undefined, { outputDir })
    expect(results[0]).toMatchObject({ status: 'failed', code: 'disk-full' })
    expect(results[1]).toMatchObject({ status: 'imported' })
    expect(fs.refused).toBeGreaterThan(0)
    // Nothing half-written is left behind.
    expect(await readdir(outputDir)).toEqual([results[1]!.status === 'imported' ? results[1]!.asset.fileName : ''])
  })

  it('reports a read-only folder for every file and writes nothing', async () => {
    const a = await distinctPhoto('a.jpg', 1)
    const b = await distinctPhoto('b.jpg', 2)
    await mkdir(outputDir)
    const fs = createFaultyFs()
    fs.fail('read-only', { only: (path) => path.startsWith(outputDir) })
    const results = await service(fs).compressMany([a, b], undefined, { outputDir })
    expect(results.map((r) => r.status === 'failed' && r.code)).toEqual(['read-only', 'read-only'])
    expect(await readdir(outputDir)).toEqual([])
  })
})

describe('deduplication by content', () => {
  it('stores one asset when the same photo is imported twice, under two names, in one batch or later', async () => {
    const a = await distinctPhoto('IMG_0001.jpg', 1)
    const copy = join(photos, 'IMG_0001 (1).jpg')
    await copyFile(a, copy)
    const images = service()
    const batch = await images.compressMany([a, copy, a], undefined, { outputDir, photographer: '王芳' })
    const files = new Set(batch.map((r) => (r.status === 'imported' ? r.asset.assetFile : r.code)))
    expect(files.size).toBe(1)
    const later = await images.compress(copy, undefined, { outputDir, photographer: '王芳' })
    expect(later.reused).toBe(true)
    expect(await readdir(outputDir)).toHaveLength(1)
    expect(later.contentHash).toBe(await sha256File(later.assetFile))
    // A different credit is a different published file.
    const other = await images.compress(copy, undefined, { outputDir, photographer: '李明' })
    expect(other.contentHash).not.toBe(later.contentHash)
  })
})

describe('camera JPEGs with an EXIF thumbnail, GPS and every orientation', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('orientation %i: preview from the thumbnail and asset are upright', async (orientation) => {
    // Stored pixels are the quadrant picture; libvips' own auto-orientation of the full image is the truth.
    const stored = orientation >= 5 ? await quadrantJpeg(800, 1200) : landscape
    const path = await photo(
      `o${orientation}.jpg`,
      await cameraJpeg(stored, {
        make: 'Canon',
        model: 'Canon EOS R6',
        orientation,
        dateTimeOriginal: `2025:10:18 09:3${orientation}:00`,
        gps: { latitude: 31.2304, longitude: 121.4737 }
      })
    )
    const truth = await quadrantColours(path)
    const images = service()
    const preview = await images.preview(path)
    expect(preview).toMatchObject({ source: 'embedded', orientation, camera: 'Canon EOS R6', capturedAt: `2025-10-18T09:3${orientation}:00` })
    const near = (a: number[][], b: number[][]) => a.every((rgb, i) => rgb.every((v, c) => Math.abs(v - b[i]![c]!) < 40))
    expect(near(await quadrantColours(preview.previewFile), truth)).toBe(true)
    // Stored portrait under orientations 5–8, so upright every one is the same landscape.
    expect(preview.width).toBeGreaterThan(preview.height)

    const asset = await images.compress(path, undefined, { outputDir })
    expect(near(await quadrantColours(asset.assetFile), truth)).toBe(true)
    expect(await exifr.gps(asset.assetFile)).toBeUndefined()
    await expect(exifr.gps(path)).resolves.toMatchObject({ latitude: expect.closeTo(31.23, 2) })
  })

  it('sanity: the quadrant fixture really distinguishes mirrors', async () => {
    const colours = await quadrantColours(landscape)
    expect(colours[0]![0]).toBeGreaterThan(150) // red top-left
    expect(colours.map((rgb) => rgb.join())).toEqual(
      [QUADRANTS.topLeft, QUADRANTS.topRight, QUADRANTS.bottomLeft, QUADRANTS.bottomRight].map((rgb) => colours.find((c) => c.every((v, i) => Math.abs(v - rgb[i]!) < 30))!.join())
    )
  })
})

describe('compression profile', () => {
  it('fits the long edge, never enlarges, and writes WebP with alpha and the creator when asked', async () => {
    const big = await photo('big.jpg', await quadrantJpeg(3000, 2000))
    const images = service()
    expect(await images.compress(big, undefined, { outputDir })).toMatchObject({ width: 1920, height: 1280, format: 'jpeg' })
    expect(await images.compress(big, { longEdge: 1000 }, { outputDir })).toMatchObject({ width: 1000, height: 667 })
    const small = await photo('small.jpg', await quadrantJpeg(300, 200))
    expect(await images.compress(small, undefined, { outputDir })).toMatchObject({ width: 300, height: 200 })

    const logo = await photo(
      'logo.png',
      await sharp({ create: { width: 200, height: 100, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
        .composite([{ input: await sharp({ create: { width: 100, height: 50, channels: 4, background: '#c00' } }).png().toBuffer(), left: 50, top: 25 }])
        .png()
        .toBuffer()
    )
    const webp = await images.compress(logo, { format: 'webp', quality: 80 }, { outputDir, photographer: 'Zhang Wei' })
    expect(webp).toMatchObject({ format: 'webp', fileName: expect.stringMatching(/\.webp$/), notices: [] })
    const meta = await sharp(webp.assetFile).metadata()
    expect(meta).toMatchObject({ format: 'webp', hasAlpha: true })
    expect(meta.xmp?.toString()).toContain('<rdf:li>Zhang Wei</rdf:li>')

    const jpeg = await images.compress(logo, undefined, { outputDir })
    expect(jpeg.notices.map((n) => n.code)).toEqual(['alpha-flattened'])
    const { data } = await sharp(jpeg.assetFile).raw().toBuffer({ resolveWithObject: true })
    expect([...data.subarray(0, 3)].every((v) => v > 245)).toBe(true) // transparent corner → white
  })
})

describe('cancelling', () => {
  it('stops starting new files once aborted and says which were cancelled', async () => {
    const paths = await Promise.all([1, 2, 3, 4, 5].map((i) => distinctPhoto(`p${i}.jpg`, i)))
    const controller = new AbortController()
    const states: ImageProgress[] = []
    const results = await service(undefined, 1).compressMany(paths, undefined, {
      outputDir,
      signal: controller.signal,
      onProgress: (p) => {
        states.push(p)
        if (p.state === 'done') controller.abort()
      }
    })
    expect(results[0]).toMatchObject({ status: 'imported' })
    expect(results.slice(1).map((r) => r.status === 'failed' && r.code)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled'])
    expect(states.filter((s) => s.state === 'cancelled')).toHaveLength(4)
    expect(await readdir(outputDir)).toHaveLength(1)
  })
})

describe('preview cache', () => {
  it('serves a cached preview without reading the photo again, and remakes it when the photo changes', async () => {
    const path = await photo('cam.jpg', await cameraJpeg(landscape, { make: 'NIKON', model: 'NIKON Z 6', dateTimeOriginal: '2025:09:01 08:00:00' }))
    const reads: string[] = []
    const counting: ServiceFs = {
      ...nodeFs,
      readFile: ((p: Parameters<ServiceFs['readFile']>[0], ...rest: unknown[]) => {
        reads.push(String(p))
        return (nodeFs.readFile as (...a: unknown[]) => Promise<Buffer>)(p, ...rest)
      }) as ServiceFs['readFile'],
      open: ((p: Parameters<ServiceFs['open']>[0], ...rest: unknown[]) => {
        reads.push(String(p))
        return (nodeFs.open as (...a: unknown[]) => Promise<nodeFs.FileHandle>)(p, ...rest)
      }) as ServiceFs['open']
    }
    const first = await service(counting).preview(path)
    expect(first).toMatchObject({ source: 'embedded', camera: 'NIKON Z 6', capturedAt: '2025-09-01T08:00:00' })
    reads.length = 0
    const second = await service(counting).preview(path)
    expect(second).toEqual(first)
    expect(reads.filter((p) => p === path)).toEqual([])

    await writeFile(path, await cameraJpeg(landscape, { make: 'NIKON', model: 'NIKON Z 6', dateTimeOriginal: '2025:09:02 08:00:00' }))
    await utimes(path, new Date(), new Date(Date.now() + 5000))
    const third = await service(counting).preview(path)
    expect(third.capturedAt).toBe('2025-09-02T08:00:00')
    expect(third.previewFile).not.toBe(first.previewFile)
  })

  it('decodes a preview when there is no thumbnail, within the preview edge', async () => {
    const path = await photo('plain.jpg', await quadrantJpeg(3000, 2000))
    expect(await service().preview(path)).toMatchObject({ source: 'decoded', width: 400, height: 267, capturedAt: null, camera: null })
  })
})

describe('culling order', () => {
  it('sorts by camera time, undated after dated, failures last, ties in picking order', () => {
    const ready = (path: string, capturedAt: string | null): ImagePreviewResult => ({
      status: 'ready',
      originalPath: path,
      preview: { originalPath: path, previewFile: `${path}.jpg`, width: 4, height: 3, capturedAt, camera: null, orientation: null, source: 'decoded' }
    })
    const failed: ImagePreviewResult = { status: 'failed', originalPath: 'bad', code: 'corrupt', detail: 'x' }
    const sorted = sortByCaptureTime([
      failed,
      ready('undated', null),
      ready('late', '2025-10-18T10:00:00+08:00'),
      ready('early', '2025-10-18T09:00:00'),
      ready('early-too', '2025-10-18T09:00:00')
    ])
    expect(sorted.map((r) => r.originalPath)).toEqual(['early', 'early-too', 'late', 'undated', 'bad'])
  })
})

describe('HEIC pixels into sharp', () => {
  it('wraps RGBA and an ICC profile in a TIFF that sharp reads and colour-manages', async () => {
    const rgba = new Uint8Array(4 * 3 * 4)
    for (let i = 0; i < 12; i++) rgba.set([180, 120, 60, 255], i * 4)
    const p3 = (await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).withIccProfile('p3').jpeg().toBuffer()) as Buffer
    const icc = (await sharp(p3).metadata()).icc!
    const tiff = rgbaTiff(4, 3, rgba, icc)
    const meta = await sharp(tiff).metadata()
    expect(meta).toMatchObject({ format: 'tiff', width: 4, height: 3, channels: 4 })
    expect(meta.icc?.equals(icc)).toBe(true)
    // The same numbers mean a more saturated orange in P3 than in sRGB: conversion must change them.
    const plain = await sharp(rgbaTiff(4, 3, rgba)).removeAlpha().raw().toBuffer()
    expect([...plain.subarray(0, 3)]).toEqual([180, 120, 60])
    const converted = await sharp(tiff).toColourspace('srgb').removeAlpha().raw().toBuffer()
    expect(converted[0]! - plain[0]!).toBeGreaterThan(5)
  })
})
