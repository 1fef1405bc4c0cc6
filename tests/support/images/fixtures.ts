import { createHash } from 'node:crypto'
import { readFile, readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import sharp from 'sharp'
import { withCameraExif, type CameraExif } from './exifJpeg'

/**
 * Self-made test photos. Nothing here copies a corpus file: these are generated pixels with EXIF built
 * by hand, so the tests can cover what the corpus lacks (an IFD1 thumbnail together with an orientation).
 */

/** Four coloured quadrants: which corner ends up where tells the orientation apart from any mirror. */
export const QUADRANTS = { topLeft: [220, 30, 30], topRight: [30, 200, 40], bottomLeft: [30, 40, 220], bottomRight: [245, 245, 245] } as const

export async function quadrantJpeg(width: number, height: number): Promise<Buffer> {
  const w = Math.floor(width / 2)
  const h = Math.floor(height / 2)
  const tile = (rgb: readonly number[], tw: number, th: number) =>
    sharp({ create: { width: tw, height: th, channels: 3, background: { r: rgb[0]!, g: rgb[1]!, b: rgb[2]! } } }).png().toBuffer()
  return sharp({ create: { width, height, channels: 3, background: '#000' } })
    .composite([
      { input: await tile(QUADRANTS.topLeft, w, h), left: 0, top: 0 },
      { input: await tile(QUADRANTS.topRight, width - w, h), left: w, top: 0 },
      { input: await tile(QUADRANTS.bottomLeft, w, height - h), left: 0, top: h },
      { input: await tile(QUADRANTS.bottomRight, width - w, height - h), left: w, top: h }
    ])
    .jpeg({ quality: 90 })
    .toBuffer()
}

/** A camera JPEG: the given pixels, EXIF as written, and (by default) an IFD1 thumbnail of the stored pixels. */
export async function cameraJpeg(pixels: Buffer, exif: Omit<CameraExif, 'thumbnail'>, options: { thumbnail?: boolean } = {}): Promise<Buffer> {
  const thumbnail = options.thumbnail === false ? undefined : await sharp(pixels).resize(160, 160, { fit: 'inside' }).jpeg({ quality: 75 }).toBuffer()
  return withCameraExif(pixels, { ...exif, ...(thumbnail ? { thumbnail } : {}) })
}

/** Colour at the centre of each quadrant of an image, after scaling it to 40x40 (raw RGB). */
export async function quadrantColours(image: Uint8Array | string): Promise<number[][]> {
  const { data } = await sharp(image, { autoOrient: true }).resize(40, 40, { fit: 'fill' }).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  return [
    [10, 10],
    [30, 10],
    [10, 30],
    [30, 30]
  ].map(([x, y]) => {
    const at = (y! * 40 + x!) * 3
    return [data[at]!, data[at + 1]!, data[at + 2]!]
  })
}

export async function sha256File(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex')
}

/** Every file under `root`, as paths relative to it with forward slashes. */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort()
}
