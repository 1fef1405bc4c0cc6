/** What the first bytes of a file say it is. Decisions are made on content, never on the file name. */
export type SniffedKind =
  | { kind: 'image'; format: 'jpeg' | 'png' | 'gif' | 'webp' | 'tiff' | 'avif' | 'heic' }
  | { kind: 'unsupported'; format: string }
  | { kind: 'not-an-image' }

const ascii = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end))

const HEVC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis'])
const AV1_BRANDS = new Set(['avif', 'avis'])

export function sniffImage(head: Uint8Array): SniffedKind {
  const b = head
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return image('jpeg')
  if (b.length >= 8 && ascii(b, 1, 4) === 'PNG' && b[0] === 0x89) return image('png')
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return image('gif')
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return image('webp')
  if (b.length >= 4 && (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*')) return image('tiff')
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') return sniffIsoBmff(b)
  if (b.length >= 2 && ascii(b, 0, 2) === 'BM') return { kind: 'unsupported', format: 'bmp' }
  if (b.length >= 4 && ascii(b, 0, 4) === '8BPS') return { kind: 'unsupported', format: 'psd' }
  if (b.length >= 4 && ascii(b, 0, 4) === '%PDF') return { kind: 'unsupported', format: 'pdf' }
  if (looksLikeSvg(b)) return { kind: 'unsupported', format: 'svg' }
  return { kind: 'not-an-image' }
}

function image(format: Extract<SniffedKind, { kind: 'image' }>['format']): SniffedKind {
  return { kind: 'image', format }
}

/** HEIF and AVIF share the container; the brands in the ftyp box say which codec is inside. */
function sniffIsoBmff(b: Uint8Array): SniffedKind {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const boxSize = Math.min(view.getUint32(0), b.length)
  const brands = [ascii(b, 8, 12)]
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(b, at, at + 4))
  if (brands.some((brand) => AV1_BRANDS.has(brand))) return image('avif')
  if (brands.some((brand) => HEVC_BRANDS.has(brand))) return image('heic')
  return { kind: 'unsupported', format: `isobmff:${brands[0]?.trim() ?? '?'}` }
}

function looksLikeSvg(b: Uint8Array): boolean {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart()
  return text.startsWith('<') && /<svg[\s>]/i.test(text)
}

/**
 * A HEIF/AVIF file cut short: a top-level box (usually `mdat`) claims more bytes than the file has.
 * libheif decodes such files without complaint and fills the missing tiles with grey.
 */
export function isoBmffTruncation(bytes: Uint8Array): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let at = 0
  while (at + 8 <= bytes.byteLength) {
    let size = view.getUint32(at)
    const type = ascii(bytes, at + 4, at + 8)
    if (size === 1) {
      if (at + 16 > bytes.byteLength) return `box '${type}' header cut short`
      size = Number(view.getBigUint64(at + 8))
    } else if (size === 0) {
      return null // runs to the end of the file
    }
    if (size < 8) return `box '${type}' has an impossible size ${size}`
    if (at + size > bytes.byteLength) return `box '${type}' needs ${at + size} bytes, the file has ${bytes.byteLength}`
    at += size
  }
  return null
}
