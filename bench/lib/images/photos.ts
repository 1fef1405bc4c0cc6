import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { withCameraExif, type CameraExif } from '../../../tests/support/images/exifJpeg'
import { seededRandom } from '../random'

/**
 * Camera-like 24-MP JPEGs made on the spot (no downloads): smooth colour fields plus sensor-like grain,
 * which compress to about the size and decode cost of a real photo, with EXIF as a camera writes it
 * (make, model, capture time, orientation, GPS and an IFD1 thumbnail).
 */
export type PhotoBase = { jpeg: Buffer; thumbnail: Buffer; width: number; height: number }

export async function makePhotoBases(count: number, width = 6000, height = 4000): Promise<PhotoBase[]> {
  // One grain layer for all: generating Gaussian noise at 24 MP takes seconds.
  const grain = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 28 } } })
    .raw()
    .toBuffer()
  const bases: PhotoBase[] = []
  for (let i = 0; i < count; i++) {
    const random = seededRandom(1000 + i)
    const cells = Buffer.alloc(48 * 32 * 3)
    for (let k = 0; k < cells.length; k++) cells[k] = Math.floor(random() * 256)
    const field = await sharp(cells, { raw: { width: 48, height: 32, channels: 3 } }).resize(width, height, { kernel: 'cubic' }).raw().toBuffer()
    const jpeg = await sharp(field, { raw: { width, height, channels: 3 } })
      .composite([{ input: grain, raw: { width, height, channels: 3 }, blend: 'soft-light' }])
      .jpeg({ quality: 90 })
      .toBuffer()
    const thumbnail = await sharp(jpeg).resize(160, 160, { fit: 'inside' }).jpeg({ quality: 75 }).toBuffer()
    bases.push({ jpeg, thumbnail, width, height })
  }
  return bases
}

const ORIENTATIONS = [1, 6, 8, 3, 2] as const

/** Photo `n` of a shoot: base n mod bases, a capture time a minute apart, orientations cycling. */
export function shootExif(n: number, base: PhotoBase): CameraExif {
  const start = Date.UTC(2025, 9, 18, 9, 0, 0)
  const at = new Date(start + n * 61_000)
  const two = (v: number) => String(v).padStart(2, '0')
  return {
    make: 'Canon',
    model: 'Canon EOS R6',
    orientation: ORIENTATIONS[Math.floor(n / 10) % ORIENTATIONS.length] ?? 1,
    dateTimeOriginal: `${at.getUTCFullYear()}:${two(at.getUTCMonth() + 1)}:${two(at.getUTCDate())} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}`,
    offsetTimeOriginal: '+08:00',
    gps: { latitude: 31.2304 + n * 1e-5, longitude: 121.4737 },
    thumbnail: base.thumbnail
  }
}

export async function writeShoot(folder: string, bases: PhotoBase[], count: number, offset = 0): Promise<string[]> {
  const paths: string[] = []
  for (let i = 0; i < count; i++) {
    const n = offset + i
    const base = bases[n % bases.length]
    if (!base) throw new Error('no photo bases')
    const path = join(folder, `IMG_${String(n + 1).padStart(4, '0')}.JPG`)
    await writeFile(path, withCameraExif(base.jpeg, shootExif(n, base)))
    paths.push(path)
  }
  return paths
}
