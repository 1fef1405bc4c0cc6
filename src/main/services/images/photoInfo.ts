import exifr from 'exifr'
import type { Sharp } from 'sharp'
import type { CaptureTime } from '../../../shared/model/image'

/** What culling shows about a photo, read from its EXIF. */
export type PhotoInfo = {
  capturedAt: CaptureTime | null
  camera: string | null
  orientation: number | null
}

const NO_INFO: PhotoInfo = { capturedAt: null, camera: null, orientation: null }

const PICK = ['Make', 'Model', 'Orientation', 'DateTimeOriginal', 'CreateDate', 'OffsetTimeOriginal']

type RawExif = Partial<Record<'Make' | 'Model' | 'DateTimeOriginal' | 'CreateDate' | 'OffsetTimeOriginal', unknown>> & {
  Orientation?: unknown
}

/** Never throws: a photo with broken EXIF is still a photo. */
export async function readPhotoInfo(bytes: Uint8Array): Promise<PhotoInfo> {
  let exif: RawExif | undefined
  try {
    exif = (await exifr.parse(bytes, { pick: PICK, reviveValues: false, translateValues: false })) as RawExif | undefined
  } catch {
    return NO_INFO
  }
  if (!exif) return NO_INFO
  const capturedAt = captureTime(exif.DateTimeOriginal, exif.OffsetTimeOriginal) ?? captureTime(exif.CreateDate, undefined)
  const orientation = typeof exif.Orientation === 'number' && exif.Orientation >= 1 && exif.Orientation <= 8 ? exif.Orientation : null
  return { capturedAt, camera: cameraName(exif.Make, exif.Model), orientation }
}

/** EXIF `2021:04:11 15:47:53` (+ `-05:00`) → `2021-04-11T15:47:53-05:00`; zeroed or malformed dates → null. */
export function captureTime(value: unknown, offset: unknown): CaptureTime | null {
  if (typeof value !== 'string') return null
  const match = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim())
  if (!match) return null
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number]
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : ''
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${zone}`
}

/** "Canon" + "Canon EOS 300D DIGITAL" → "Canon EOS 300D DIGITAL"; "NIKON" + "COOLPIX P6000" → "NIKON COOLPIX P6000". */
function cameraName(make: unknown, model: unknown): string | null {
  const clean = (v: unknown) => (typeof v === 'string' ? v.replace(/\0/g, '').trim() : '')
  const m = clean(make)
  const mo = clean(model)
  if (!m && !mo) return null
  if (!m) return mo
  if (!mo) return m
  const firstWord = (m.split(/\s+/)[0] ?? m).toLowerCase()
  return mo.toLowerCase().startsWith(firstWord) ? mo : `${m} ${mo}`
}

/** The JPEG's own EXIF (IFD1) thumbnail, if it has one. */
export async function embeddedThumbnail(head: Uint8Array): Promise<Uint8Array | undefined> {
  try {
    return (await exifr.thumbnail(head)) ?? undefined
  } catch {
    return undefined
  }
}

/**
 * Makes pixels stored in EXIF orientation `orientation` upright. sharp applies flip/flop before rotating,
 * whatever the call order, hence 5 and 7 look swapped against the EXIF wording.
 */
export function uprightByOrientation(image: Sharp, orientation: number | null): Sharp {
  switch (orientation) {
    case 2: return image.flop()
    case 3: return image.rotate(180)
    case 4: return image.flip()
    case 5: return image.rotate(90).flip()
    case 6: return image.rotate(90)
    case 7: return image.rotate(90).flop()
    case 8: return image.rotate(270)
    default: return image
  }
}

/** The profile's own name (ICC `desc`, v2 text or v4 multi-language), to say what a photo was converted from. */
export function iccDescription(icc: Uint8Array | undefined): string | null {
  if (!icc || icc.byteLength < 132) return null
  const view = new DataView(icc.buffer, icc.byteOffset, icc.byteLength)
  const count = view.getUint32(128)
  for (let i = 0; i < count && 132 + i * 12 + 12 <= icc.byteLength; i++) {
    const at = 132 + i * 12
    if (String.fromCharCode(...icc.subarray(at, at + 4)) !== 'desc') continue
    const offset = view.getUint32(at + 4)
    const size = view.getUint32(at + 8)
    if (offset + size > icc.byteLength || size < 12) return null
    const type = String.fromCharCode(...icc.subarray(offset, offset + 4))
    if (type === 'desc') {
      const length = view.getUint32(offset + 8)
      return new TextDecoder('latin1').decode(icc.subarray(offset + 12, offset + 12 + Math.min(length, size - 12))).replace(/\0+$/, '').trim() || null
    }
    if (type === 'mluc' && size >= 28) {
      const length = view.getUint32(offset + 20)
      const start = offset + view.getUint32(offset + 24)
      if (start + length > icc.byteLength) return null
      return new TextDecoder('utf-16be').decode(icc.subarray(start, start + length)).replace(/\0+$/, '').trim() || null
    }
    return null
  }
  return null
}
