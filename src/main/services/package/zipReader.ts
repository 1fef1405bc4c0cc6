import { crc32, inflateRawSync } from 'node:zlib'
import { AppError } from '../../../shared/errors'

/**
 * A reader for zip files that come from someone else's computer: it trusts nothing in them. It reads the
 * central directory, checks every entry's name, type and sizes before any byte is inflated, and inflates
 * with a hard limit, so a lying size header or a zip bomb costs at most `limit` bytes of memory.
 *
 * Only what our own packages use is accepted: stored or deflated entries, no encryption, no ZIP64, one disk.
 */

export type ZipEntry = {
  /** The name as written in the central directory (checked for being printable ASCII by `checkEntryName`). */
  name: string
  /** What the name's bytes hold besides printable ASCII (shown escaped in `name`). */
  nameBytes: 'ascii' | 'nul' | 'other'
  isDirectory: boolean
  method: number
  flags: number
  crc32: number
  compressedSize: number
  declaredSize: number
  localHeaderOffset: number
  /** Unix mode in the upper 16 bits when the writer set one. */
  externalAttributes: number
  versionMadeBy: number
}

const EOCD_SIGNATURE = 0x06054b50
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50
const CENTRAL_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50
const EOCD_SIZE = 22
const MAX_COMMENT = 0xffff

const S_IFMT = 0o170000
const S_IFREG = 0o100000
const S_IFDIR = 0o040000
const S_IFLNK = 0o120000

export function refuse(detail: string): never {
  throw new AppError('package-invalid', detail)
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function findEndOfCentralDirectory(zip: Uint8Array): number {
  const data = view(zip)
  const lowest = Math.max(0, zip.length - EOCD_SIZE - MAX_COMMENT)
  for (let at = zip.length - EOCD_SIZE; at >= lowest; at -= 1) {
    if (data.getUint32(at, true) === EOCD_SIGNATURE) return at
  }
  return refuse('this is not a zip file (no end-of-archive record)')
}

/** Printable ASCII, as every name our packages use is. */
function describeName(raw: Uint8Array): string {
  let out = ''
  for (const byte of raw) out += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : byte === 0 ? '\\0' : `\\x${byte.toString(16).padStart(2, '0')}`
  return out
}

/**
 * Every entry of the central directory, refused as a whole when the archive's structure is off: more than
 * `maxEntries`, ZIP64, several disks, encryption, methods other than stored/deflate, ranges outside the
 * file, local headers that disagree with the central directory, or entries whose data overlap.
 */
export function readCentralDirectory(zip: Uint8Array, maxEntries: number): ZipEntry[] {
  if (zip.length < EOCD_SIZE) refuse('this is not a zip file (too short)')
  const data = view(zip)
  const eocd = findEndOfCentralDirectory(zip)
  if (eocd >= 20 && data.getUint32(eocd - 20, true) === ZIP64_LOCATOR_SIGNATURE) refuse('ZIP64 archives are not used by draft packages')
  const disk = data.getUint16(eocd + 4, true)
  const centralDisk = data.getUint16(eocd + 6, true)
  const onDisk = data.getUint16(eocd + 8, true)
  const total = data.getUint16(eocd + 10, true)
  const centralSize = data.getUint32(eocd + 12, true)
  const centralOffset = data.getUint32(eocd + 16, true)
  if (disk !== 0 || centralDisk !== 0 || onDisk !== total) refuse('archives split over several files are not used by draft packages')
  if (total === 0xffff || centralOffset === 0xffffffff || centralSize === 0xffffffff) refuse('ZIP64 archives are not used by draft packages')
  if (total > maxEntries) refuse(`the package has ${total} entries; at most ${maxEntries} are allowed`)
  if (centralOffset + centralSize > eocd) refuse('the archive directory lies outside the file')

  const entries: ZipEntry[] = []
  let at = centralOffset
  for (let i = 0; i < total; i += 1) {
    if (at + 46 > centralOffset + centralSize || data.getUint32(at, true) !== CENTRAL_SIGNATURE) refuse(`the archive directory is damaged at entry ${i + 1}`)
    const nameLength = data.getUint16(at + 28, true)
    const extraLength = data.getUint16(at + 30, true)
    const commentLength = data.getUint16(at + 32, true)
    const nameEnd = at + 46 + nameLength
    if (nameEnd > centralOffset + centralSize) refuse(`the archive directory is damaged at entry ${i + 1}`)
    const rawName = zip.subarray(at + 46, nameEnd)
    const name = describeName(rawName)
    const entry: ZipEntry = {
      name,
      nameBytes: rawName.includes(0) ? 'nul' : rawName.every((b) => b >= 0x20 && b < 0x7f) ? 'ascii' : 'other',
      isDirectory: name.endsWith('/'),
      versionMadeBy: data.getUint16(at + 4, true),
      flags: data.getUint16(at + 8, true),
      method: data.getUint16(at + 10, true),
      crc32: data.getUint32(at + 16, true),
      compressedSize: data.getUint32(at + 20, true),
      declaredSize: data.getUint32(at + 24, true),
      externalAttributes: data.getUint32(at + 38, true),
      localHeaderOffset: data.getUint32(at + 42, true)
    }
    if (entry.compressedSize === 0xffffffff || entry.declaredSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) {
      refuse(`entry ${name} uses ZIP64 sizes, which draft packages never need`)
    }
    entries.push(entry)
    at = nameEnd + extraLength + commentLength
  }
  return entries
}

/** Refuses names that could land outside the folder they are unpacked into, and links and device files. */
export function checkEntryName(entry: ZipEntry): void {
  const { name } = entry
  if (entry.nameBytes === 'nul') refuse(`entry ${name} has a NUL character in its name`)
  if (name.includes('\\')) refuse(`entry ${name} uses backslashes in its path`)
  if (name.startsWith('/')) refuse(`entry ${name} is an absolute path`)
  if (/^[A-Za-z]:/.test(name)) refuse(`entry ${name} names a drive`)
  const segments = (entry.isDirectory ? name.slice(0, -1) : name).split('/')
  if (segments.includes('..')) refuse(`entry ${name} leaves the package folder`)
  if (segments.some((segment) => segment === '' || segment === '.')) refuse(`entry ${name} has an empty or "." part in its path`)
  if (entry.nameBytes !== 'ascii') refuse(`entry ${name} has characters draft packages never use in names`)
  const type = (entry.externalAttributes >>> 16) & S_IFMT
  if (type === S_IFLNK) refuse(`entry ${name} is a symbolic link`)
  if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) refuse(`entry ${name} is a device or special file`)
  if (type === S_IFDIR && !entry.isDirectory) refuse(`entry ${name} is a folder without a folder name`)
  if (entry.flags & 0x1) refuse(`entry ${name} is encrypted`)
  if (entry.method !== 0 && entry.method !== 8) refuse(`entry ${name} uses compression method ${entry.method}; only stored and deflate are allowed`)
}

/**
 * The compressed bytes of each entry, after checking its local header against the central directory and
 * that no two entries share bytes (overlapping entries are how the densest zip bombs are built).
 */
export function locateEntryData(zip: Uint8Array, entries: readonly ZipEntry[], centralOffset = centralDirectoryOffset(zip)): Map<ZipEntry, Uint8Array> {
  const data = view(zip)
  const spans: { entry: ZipEntry; start: number; end: number }[] = []
  for (const entry of entries) {
    const at = entry.localHeaderOffset
    if (at + 30 > centralOffset || data.getUint32(at, true) !== LOCAL_SIGNATURE) refuse(`entry ${entry.name} has no local header where the directory says`)
    const nameLength = data.getUint16(at + 26, true)
    const extraLength = data.getUint16(at + 28, true)
    const localName = describeName(zip.subarray(at + 30, at + 30 + nameLength))
    if (localName !== entry.name) refuse(`entry ${entry.name} is called ${localName} in its local header`)
    if (data.getUint16(at + 8, true) !== entry.method) refuse(`entry ${entry.name} has two different compression methods`)
    const start = at + 30 + nameLength + extraLength
    const end = start + entry.compressedSize
    if (end > centralOffset) refuse(`entry ${entry.name} runs past the end of the data`)
    spans.push({ entry, start: at, end })
  }
  spans.sort((a, b) => a.start - b.start)
  for (let i = 1; i < spans.length; i += 1) {
    const previous = spans[i - 1]
    const current = spans[i]
    if (previous && current && current.start < previous.end) refuse(`entries ${previous.entry.name} and ${current.entry.name} overlap`)
  }
  const out = new Map<ZipEntry, Uint8Array>()
  for (const { entry, end } of spans) out.set(entry, zip.subarray(end - entry.compressedSize, end))
  return out
}

function centralDirectoryOffset(zip: Uint8Array): number {
  return view(zip).getUint32(findEndOfCentralDirectory(zip) + 16, true)
}

/**
 * The entry's bytes, never more than it declares: inflation stops as soon as the output passes the declared
 * size. The CRC must match too.
 */
export function extractEntry(entry: ZipEntry, compressed: Uint8Array): Uint8Array {
  let bytes: Uint8Array
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.declaredSize) refuse(`entry ${entry.name} is stored with ${entry.compressedSize} bytes but declares ${entry.declaredSize}`)
    bytes = compressed
  } else {
    try {
      bytes = inflateRawSync(compressed, { maxOutputLength: Math.max(1, entry.declaredSize + 1) })
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') refuse(`entry ${entry.name} inflates to more than the ${entry.declaredSize} bytes it declares`)
      return refuse(`entry ${entry.name} cannot be decompressed: ${(error as Error).message}`)
    }
    if (bytes.length > entry.declaredSize) refuse(`entry ${entry.name} inflates to more than the ${entry.declaredSize} bytes it declares`)
    if (bytes.length < entry.declaredSize) refuse(`entry ${entry.name} has ${bytes.length} bytes but declares ${entry.declaredSize}`)
  }
  if (crc32(bytes) >>> 0 !== entry.crc32 >>> 0) refuse(`entry ${entry.name} is damaged (checksum mismatch)`)
  return bytes
}
