/**
 * Builds the EXIF (APP1) segment of a camera JPEG by hand: sharp can write EXIF tags but not an IFD1
 * thumbnail, and culling previews depend on that thumbnail. Used by the image tests and bench/images.ts.
 */
export type CameraExif = {
  make?: string
  model?: string
  /** EXIF Orientation 1–8. */
  orientation?: number
  /** EXIF form: `2025:10:18 09:30:00`. */
  dateTimeOriginal?: string
  offsetTimeOriginal?: string
  gps?: { latitude: number; longitude: number }
  /** A small JPEG stored as the IFD1 thumbnail. */
  thumbnail?: Uint8Array
}

type Entry = { tag: number; type: 1 | 2 | 3 | 4 | 5; values: number[] | string }

const TYPE_SIZE: Record<Entry['type'], number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8 }

/** RATIONAL values are given as flattened [numerator, denominator] pairs. */
function countOf(entry: Entry): number {
  if (typeof entry.values === 'string') return entry.values.length + 1
  return entry.type === 5 ? entry.values.length / 2 : entry.values.length
}

function valueBytes(entry: Entry): number {
  return countOf(entry) * TYPE_SIZE[entry.type]
}

function ifdBytes(entries: Entry[]): number {
  const data = entries.reduce((sum, e) => sum + (valueBytes(e) > 4 ? valueBytes(e) + (valueBytes(e) % 2) : 0), 0)
  return 2 + entries.length * 12 + 4 + data
}

function writeIfd(view: DataView, at: number, entries: Entry[], next: number): void {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag)
  view.setUint16(at, sorted.length, true)
  let data = at + 2 + sorted.length * 12 + 4
  sorted.forEach((entry, i) => {
    const slot = at + 2 + i * 12
    const size = valueBytes(entry)
    const count = countOf(entry)
    view.setUint16(slot, entry.tag, true)
    view.setUint16(slot + 2, entry.type, true)
    view.setUint32(slot + 4, count, true)
    const target = size > 4 ? data : slot + 8
    if (size > 4) {
      view.setUint32(slot + 8, data, true)
      data += size + (size % 2)
    }
    writeValues(view, target, entry)
  })
  view.setUint32(at + 2 + sorted.length * 12, next, true)
}

function writeValues(view: DataView, at: number, entry: Entry): void {
  if (typeof entry.values === 'string') {
    for (let i = 0; i < entry.values.length; i++) view.setUint8(at + i, entry.values.charCodeAt(i) & 0x7f)
    view.setUint8(at + entry.values.length, 0)
    return
  }
  entry.values.forEach((value, i) => {
    if (entry.type === 1) view.setUint8(at + i, value)
    else if (entry.type === 3) view.setUint16(at + i * 2, value, true)
    else if (entry.type === 4) view.setUint32(at + i * 4, value, true)
  })
  if (entry.type === 5) {
    for (let i = 0; i < entry.values.length; i++) view.setUint32(at + i * 4, entry.values[i]!, true)
  }
}

function rational(values: number[]): number[] {
  return values.flatMap((v) => [Math.round(v * 10_000), 10_000])
}

function degreesMinutesSeconds(value: number): number[] {
  const abs = Math.abs(value)
  const degrees = Math.floor(abs)
  const minutes = Math.floor((abs - degrees) * 60)
  const seconds = (abs - degrees - minutes / 60) * 3600
  return [degrees, minutes, seconds]
}

/** The TIFF structure inside APP1 (little endian), without the `Exif\0\0` prefix. */
export function exifTiff(exif: CameraExif): Uint8Array {
  const ifd0: Entry[] = []
  if (exif.make) ifd0.push({ tag: 0x010f, type: 2, values: exif.make })
  if (exif.model) ifd0.push({ tag: 0x0110, type: 2, values: exif.model })
  if (exif.orientation) ifd0.push({ tag: 0x0112, type: 3, values: [exif.orientation] })
  const exifIfd: Entry[] = []
  if (exif.dateTimeOriginal) exifIfd.push({ tag: 0x9003, type: 2, values: exif.dateTimeOriginal })
  if (exif.offsetTimeOriginal) exifIfd.push({ tag: 0x9011, type: 2, values: exif.offsetTimeOriginal })
  const gpsIfd: Entry[] = []
  if (exif.gps) {
    const { latitude, longitude } = exif.gps
    gpsIfd.push(
      { tag: 0x0000, type: 1, values: [2, 3, 0, 0] },
      { tag: 0x0001, type: 2, values: latitude >= 0 ? 'N' : 'S' },
      { tag: 0x0002, type: 5, values: rational(degreesMinutesSeconds(latitude)) },
      { tag: 0x0003, type: 2, values: longitude >= 0 ? 'E' : 'W' },
      { tag: 0x0004, type: 5, values: rational(degreesMinutesSeconds(longitude)) }
    )
  }
  // Pointers get placeholder values first: sizes do not depend on them.
  if (exifIfd.length) ifd0.push({ tag: 0x8769, type: 4, values: [0] })
  if (gpsIfd.length) ifd0.push({ tag: 0x8825, type: 4, values: [0] })
  const ifd1: Entry[] = exif.thumbnail
    ? [
        { tag: 0x0103, type: 3, values: [6] },
        { tag: 0x0201, type: 4, values: [0] },
        { tag: 0x0202, type: 4, values: [exif.thumbnail.byteLength] }
      ]
    : []

  const ifd0At = 8
  const exifAt = ifd0At + ifdBytes(ifd0)
  const gpsAt = exifAt + (exifIfd.length ? ifdBytes(exifIfd) : 0)
  const ifd1At = gpsAt + (gpsIfd.length ? ifdBytes(gpsIfd) : 0)
  const thumbAt = ifd1At + (ifd1.length ? ifdBytes(ifd1) : 0)
  const total = thumbAt + (exif.thumbnail?.byteLength ?? 0)

  for (const entry of ifd0) {
    if (entry.tag === 0x8769) entry.values = [exifAt]
    if (entry.tag === 0x8825) entry.values = [gpsAt]
  }
  for (const entry of ifd1) if (entry.tag === 0x0201) entry.values = [thumbAt]

  const out = new Uint8Array(total)
  const view = new DataView(out.buffer)
  out.set([0x49, 0x49, 42, 0])
  view.setUint32(4, ifd0At, true)
  writeIfd(view, ifd0At, ifd0, ifd1.length ? ifd1At : 0)
  if (exifIfd.length) writeIfd(view, exifAt, exifIfd, 0)
  if (gpsIfd.length) writeIfd(view, gpsAt, gpsIfd, 0)
  if (ifd1.length) writeIfd(view, ifd1At, ifd1, 0)
  if (exif.thumbnail) out.set(exif.thumbnail, thumbAt)
  return out
}

/** An APP1 segment: marker, length, `Exif\0\0`, TIFF. APP1 holds at most 65,533 bytes of payload. */
export function exifSegment(exif: CameraExif): Buffer {
  const tiff = exifTiff(exif)
  const length = 2 + 6 + tiff.byteLength
  if (length > 0xffff) throw new Error(`EXIF segment too large (${length} bytes): use a smaller thumbnail`)
  const header = Buffer.from([0xff, 0xe1, length >> 8, length & 0xff])
  return Buffer.concat([header, Buffer.from('Exif\0\0', 'latin1'), tiff])
}

/** Replaces the JPEG's APP0/APP1 segments with one EXIF APP1 right after SOI. */
export function withCameraExif(jpeg: Uint8Array, exif: CameraExif): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG')
  let at = 2
  while (at + 4 <= jpeg.byteLength && jpeg[at] === 0xff && (jpeg[at + 1] === 0xe0 || jpeg[at + 1] === 0xe1)) {
    at += 2 + ((jpeg[at + 2]! << 8) | jpeg[at + 3]!)
  }
  return Buffer.concat([Buffer.from([0xff, 0xd8]), exifSegment(exif), Buffer.from(jpeg.subarray(at))])
}
