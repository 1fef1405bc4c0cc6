// Container formats for the app icon, built from PNG images. Both formats may hold PNG data directly (Windows
// Vista+ .ico, macOS 10.7+ .icns), so every size is one sharp render of the master SVG, never a rescaled bitmap.

/** Windows .ico: ICONDIR, one ICONDIRENTRY per image, then the PNG bytes. A width or height of 256 is written as 0. */
export function encodeIco(images) {
  const headerSize = 6 + 16 * images.length
  const header = Buffer.alloc(headerSize)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(images.length, 4)
  let offset = headerSize
  images.forEach(({ size, png }, index) => {
    if (size > 256) throw new Error(`an .ico image is at most 256 px, not ${size}`)
    const entry = 6 + 16 * index
    header.writeUInt8(size === 256 ? 0 : size, entry)
    header.writeUInt8(size === 256 ? 0 : size, entry + 1)
    header.writeUInt8(0, entry + 2)
    header.writeUInt8(0, entry + 3)
    header.writeUInt16LE(1, entry + 4)
    header.writeUInt16LE(32, entry + 6)
    header.writeUInt32LE(png.length, entry + 8)
    header.writeUInt32LE(offset, entry + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...images.map((image) => image.png)])
}

/** The PNG icon types of an .icns file and the pixel size each holds. */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512]
]

/** macOS .icns: 'icns' and the total length, then per element a four-letter type, its length and the PNG. */
export function encodeIcns(pngBySize) {
  const elements = ICNS_TYPES.map(([type, size]) => {
    const png = pngBySize.get(size)
    if (!png) throw new Error(`the .icns needs a ${size} px image for ${type}`)
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(8 + png.length, 4)
    return Buffer.concat([head, png])
  })
  const body = Buffer.concat(elements)
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(8 + body.length, 4)
  return Buffer.concat([head, body])
}

/** Reads an .ico back: [{ size, png }] (for tests). */
export function decodeIco(bytes) {
  const count = bytes.readUInt16LE(4)
  return Array.from({ length: count }, (_, index) => {
    const entry = 6 + 16 * index
    const size = bytes.readUInt8(entry) || 256
    const length = bytes.readUInt32LE(entry + 8)
    const offset = bytes.readUInt32LE(entry + 12)
    return { size, png: bytes.subarray(offset, offset + length) }
  })
}

/** Reads an .icns back: [{ type, png }] (for tests). */
export function decodeIcns(bytes) {
  if (bytes.toString('ascii', 0, 4) !== 'icns' || bytes.readUInt32BE(4) !== bytes.length) throw new Error('not an .icns file')
  const elements = []
  for (let offset = 8; offset < bytes.length; ) {
    const type = bytes.toString('ascii', offset, offset + 4)
    const length = bytes.readUInt32BE(offset + 4)
    elements.push({ type, png: bytes.subarray(offset + 8, offset + length) })
    offset += length
  }
  return elements
}
