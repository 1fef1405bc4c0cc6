import { constants, crc32, deflateRawSync } from 'node:zlib'

/**
 * Builds zip files byte by byte, including ones no honest zip writer makes: lying sizes, symlink modes,
 * names a local header disagrees with. Good enough for what the package reader checks; nothing more.
 */
export type CraftEntry = {
  name: string | Uint8Array
  /** The bytes the entry stands for (what an honest reader would get). */
  data?: Uint8Array
  /** Compressed bytes to store instead of deflating `data` (for bombs built by hand). */
  raw?: Uint8Array
  method?: 0 | 8
  /** Overrides the uncompressed size written in the headers. */
  declaredSize?: number
  crc?: number
  /** Upper 16 bits: Unix mode (0o120777 for a symlink). */
  externalAttributes?: number
  /** 3 = Unix. */
  host?: number
  /** A different name in the local header than in the central directory. */
  localName?: string
}

const encoder = new TextEncoder()

export function craftZip(entries: readonly CraftEntry[]): Uint8Array {
  const locals: Uint8Array[] = []
  const centrals: Uint8Array[] = []
  let offset = 0
  for (const entry of entries) {
    const name = typeof entry.name === 'string' ? encoder.encode(entry.name) : entry.name
    const localName = entry.localName === undefined ? name : encoder.encode(entry.localName)
    const data = entry.data ?? new Uint8Array()
    const method = entry.method ?? (entry.raw ? 8 : 0)
    const body = entry.raw ?? (method === 8 ? deflateRawSync(data) : data)
    const size = entry.declaredSize ?? data.length
    const crc = entry.crc ?? crc32(data) >>> 0

    const local = new DataView(new ArrayBuffer(30))
    local.setUint32(0, 0x04034b50, true)
    local.setUint16(4, 20, true)
    local.setUint16(6, 0x0800, true)
    local.setUint16(8, method, true)
    local.setUint32(14, crc, true)
    local.setUint32(18, body.length, true)
    local.setUint32(22, size, true)
    local.setUint16(26, localName.length, true)
    locals.push(new Uint8Array(local.buffer), localName, body)

    const central = new DataView(new ArrayBuffer(46))
    central.setUint32(0, 0x02014b50, true)
    central.setUint16(4, ((entry.host ?? 3) << 8) | 20, true)
    central.setUint16(6, 20, true)
    central.setUint16(8, 0x0800, true)
    central.setUint16(10, method, true)
    central.setUint32(16, crc, true)
    central.setUint32(20, body.length, true)
    central.setUint32(24, size, true)
    central.setUint16(28, name.length, true)
    central.setUint32(38, entry.externalAttributes ?? (0o100644 << 16) >>> 0, true)
    central.setUint32(42, offset, true)
    centrals.push(new Uint8Array(central.buffer), name)
    offset += 30 + localName.length + body.length
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0)
  const end = new DataView(new ArrayBuffer(22))
  end.setUint32(0, 0x06054b50, true)
  end.setUint16(8, entries.length, true)
  end.setUint16(10, entries.length, true)
  end.setUint32(12, centralSize, true)
  end.setUint32(16, offset, true)
  return concat([...locals, ...centrals, new Uint8Array(end.buffer)])
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/**
 * A raw deflate stream of `megabytes` MB of zeros, built in milliseconds: one sync-flushed 16 MB segment
 * (byte-aligned, not final) repeated, then an empty final block.
 */
export function zerosBomb(megabytes: number): Uint8Array {
  const segment = deflateRawSync(Buffer.alloc(16 * 1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH })
  const parts: Uint8Array[] = []
  for (let i = 0; i < Math.ceil(megabytes / 16); i += 1) parts.push(segment)
  parts.push(Uint8Array.of(0x01, 0x00, 0x00, 0xff, 0xff))
  return concat(parts)
}
