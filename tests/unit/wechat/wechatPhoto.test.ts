import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { encodeWechatPhoto } from '../../../src/main/services/wechat/wechatPhoto'
import { WECHAT_LIMITS } from '../../../src/shared/article/wechatLimits'

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const corpus = resolve(projectRoot, '../shared/corpus/images')
const haveCorpus = existsSync(corpus)
if (!haveCorpus) console.warn(`公众号 photo tests on real photos skipped: ${corpus} is missing (CI checks out ../shared beside the clone)`)
const withCorpus = haveCorpus ? describe : describe.skip

/** The photo as 12×8 RGB pixels: enough to tell upright from turned or mirrored, and a colour shift. */
async function thumb(input: Uint8Array): Promise<Buffer> {
  return sharp(input, { autoOrient: true }).resize(12, 8, { fit: 'fill' }).toColourspace('srgb').removeAlpha().raw().toBuffer()
}

const meanDifference = (a: Buffer, b: Buffer): number => a.reduce((sum, value, i) => sum + Math.abs(value - (b[i] ?? 0)), 0) / a.length

withCorpus('encodeWechatPhoto on real photos (../shared/corpus)', () => {
  it('turns every EXIF orientation upright and drops the tag, so nothing turns it twice', async () => {
    const upright = await thumb(await readFile(join(corpus, 'exif-orientation/Landscape_1.jpg')))
    for (const n of [3, 6, 8]) {
      const source = await readFile(join(corpus, `exif-orientation/Landscape_${String(n)}.jpg`))
      const photo = await encodeWechatPhoto(source)
      const meta = await sharp(photo.data).metadata()
      expect([photo.extension, photo.width, photo.height], `orientation ${String(n)}`).toEqual(['jpg', 1800, 1200])
      expect(meta.orientation ?? 1).toBe(1)
      // The encoded pixels, read without any orientation, match the upright original.
      expect(meanDifference(await thumb(photo.data), upright), `orientation ${String(n)}`).toBeLessThan(8)
      // And a photo left turned would not: the check can fail.
      const turned = await sharp(source).resize(12, 8, { fit: 'fill' }).removeAlpha().raw().toBuffer()
      if (n !== 1) expect(meanDifference(turned, upright)).toBeGreaterThan(8)
    }
  })

  it('keeps colour: a CMYK photo with its profile and a phone photo with ICC come out sRGB, looking the same', async () => {
    for (const file of ['cmyk/Channel_digital_image_CMYK_color.jpg', 'gps/IMG_20180725_163423-tiny.jpg']) {
      const source = await readFile(join(corpus, file))
      const photo = await encodeWechatPhoto(source)
      const meta = await sharp(photo.data).metadata()
      expect(meta.space, file).toBe('srgb')
      expect(meta.channels, file).toBe(3)
      expect(meta.hasProfile, file).toBe(true)
      expect(meanDifference(await thumb(photo.data), await thumb(source)), file).toBeLessThan(6)
      expect(photo.data.length).toBeLessThan(WECHAT_LIMITS.photoBytes)
    }
  })
})

describe('encodeWechatPhoto', () => {
  it('brings a large, detailed photo under the 1 MB limit as JPEG', async () => {
    const width = 4000
    const height = 3000
    const noise = Buffer.alloc(width * height * 3)
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24
    const source = await sharp(noise, { raw: { width, height, channels: 3 } }).jpeg({ quality: 98 }).toBuffer()
    expect(source.length).toBeGreaterThan(WECHAT_LIMITS.photoBytes)
    const photo = await encodeWechatPhoto(source)
    expect(photo.extension).toBe('jpg')
    expect(photo.data.length).toBeLessThan(WECHAT_LIMITS.photoBytes)
    expect(Math.max(photo.width, photo.height)).toBeLessThanOrEqual(1920)
  })

  it('keeps transparency as PNG when it fits, and flattens onto white when it must be JPEG', async () => {
    const logo = await sharp({ create: { width: 400, height: 200, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0.5 } } }).png().toBuffer()
    const png = await encodeWechatPhoto(logo)
    expect(png.extension).toBe('png')
    expect((await sharp(png.data).metadata()).hasAlpha).toBe(true)
    const jpeg = await encodeWechatPhoto(logo, { maxBytes: 50 })
    expect(jpeg.extension).toBe('jpg')
    const [r, g, b] = await sharp(jpeg.data).extract({ left: 10, top: 10, width: 1, height: 1 }).raw().toBuffer()
    // Half-transparent red on white is pink, not dark red on black.
    expect(r).toBeGreaterThan(220)
    expect(g).toBeGreaterThan(100)
    expect(b).toBeGreaterThan(100)
  })

  it('rejects bytes that are no photo', async () => {
    await expect(encodeWechatPhoto(Buffer.from('not a photo'))).rejects.toThrow()
  })
})
