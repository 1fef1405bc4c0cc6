import decode from 'heic-decode'

/**
 * Decodes the primary HEIC image with libheif compiled to WASM (sharp's prebuilt libvips has no HEVC
 * decoder) and wraps the pixels in an uncompressed TIFF carrying the photo's ICC profile, so sharp can
 * convert iPhone Display P3 to sRGB as it does for any other input. libheif already applies the
 * container's rotation (irot/imir), so the result is upright and must not be auto-oriented again.
 *
 * Synchronous WASM work: production runs this in a worker thread (heicWorker.ts).
 */
export async function decodeHeicToTiff(bytes: Uint8Array, icc?: Uint8Array): Promise<Uint8Array> {
  const { width, height, data } = await decode({ buffer: bytes })
  return rgbaTiff(width, height, new Uint8Array(data.buffer, data.byteOffset, data.byteLength), icc)
}

const SHORT = 3
const LONG = 4
const UNDEFINED = 7

/** A baseline little-endian TIFF: one strip of 8-bit RGBA, unassociated alpha, optional ICC profile. */
export function rgbaTiff(width: number, height: number, rgba: Uint8Array, icc?: Uint8Array): Uint8Array {
  if (rgba.byteLength !== width * height * 4) throw new Error(`pixel buffer is ${rgba.byteLength} bytes, expected ${width * height * 4}`)
  const entries: [tag: number, type: number, count: number, value: number][] = []
  const ifdOffset = 8
  const entryCount = icc ? 12 : 11
  const ifdBytes = 2 + entryCount * 12 + 4
  const bitsOffset = ifdOffset + ifdBytes
  const iccOffset = bitsOffset + 8
  const pixelOffset = iccOffset + (icc ? icc.byteLength + (icc.byteLength % 2) : 0)

  entries.push([256, LONG, 1, width], [257, LONG, 1, height], [258, SHORT, 4, bitsOffset], [259, SHORT, 1, 1])
  entries.push([262, SHORT, 1, 2], [273, LONG, 1, pixelOffset], [277, SHORT, 1, 4], [278, LONG, 1, height])
  entries.push([279, LONG, 1, rgba.byteLength], [284, SHORT, 1, 1], [338, SHORT, 1, 2])
  if (icc) entries.push([34675, UNDEFINED, icc.byteLength, iccOffset])

  const out = new Uint8Array(pixelOffset + rgba.byteLength)
  const view = new DataView(out.buffer)
  out.set([0x49, 0x49, 42, 0])
  view.setUint32(4, ifdOffset, true)
  view.setUint16(ifdOffset, entries.length, true)
  entries.forEach(([tag, type, count, value], i) => {
    const at = ifdOffset + 2 + i * 12
    view.setUint16(at, tag, true)
    view.setUint16(at + 2, type, true)
    view.setUint32(at + 4, count, true)
    // A single SHORT sits in the first two bytes of the value field.
    if (type === SHORT && count === 1) view.setUint16(at + 8, value, true)
    else view.setUint32(at + 8, value, true)
  })
  view.setUint32(ifdOffset + 2 + entries.length * 12, 0, true)
  for (let i = 0; i < 4; i++) view.setUint16(bitsOffset + i * 2, 8, true)
  if (icc) out.set(icc, iccOffset)
  out.set(rgba, pixelOffset)
  return out
}
