import { Converter } from 'opencc-js/t2cn'

/**
 * Text as the search compares it: lower case, full-width letters and digits as half-width (Ｗｏｒｄ２０２４ →
 * word2024), traditional characters as simplified (學校 → 学校). Every UTF-16 unit maps to exactly one, so a
 * position in the folded text is the same position in the original: snippets are cut from the original.
 */
export type Fold = (text: string) => string

const FULL_WIDTH_OFFSET = 0xff01 - 0x21

/** Builds the fold once (about half a second for the character table: do it in the worker, not in main). */
export function createFold(): Fold {
  const simplified = traditionalToSimplified()
  const table = new Uint16Array(0x10000)
  for (let code = 0; code < 0x10000; code++) table[code] = code
  for (let code = 0x41; code <= 0x5a; code++) table[code] = code + 0x20
  for (let code = 0xff10; code <= 0xff19; code++) table[code] = code - FULL_WIDTH_OFFSET
  for (let code = 0xff21; code <= 0xff3a; code++) table[code] = code - FULL_WIDTH_OFFSET + 0x20
  for (let code = 0xff41; code <= 0xff5a; code++) table[code] = code - FULL_WIDTH_OFFSET
  table[0x3000] = 0x20
  for (const [from, to] of simplified) table[from] = to
  return (text) => {
    let changed = false
    const out = new Uint16Array(text.length)
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      const folded = table[code] ?? code
      if (folded !== code) changed = true
      out[i] = folded
    }
    return changed ? decodeUnits(out) : text
  }
}

const utf16 = new TextDecoder('utf-16le')
function decodeUnits(units: Uint16Array): string {
  return utf16.decode(units)
}

/** Single-character traditional → simplified pairs from OpenCC (Taiwan and Hong Kong forms). */
function traditionalToSimplified(): Map<number, number> {
  const fromTaiwan = Converter({ from: 'tw', to: 'cn' })
  const fromHongKong = Converter({ from: 'hk', to: 'cn' })
  const pairs = new Map<number, number>()
  for (let code = 0x3400; code <= 0x9fff; code++) {
    const ch = String.fromCharCode(code)
    let to = fromTaiwan(ch)
    if (to === ch) to = fromHongKong(ch)
    if (to !== ch && to.length === 1) pairs.set(code, to.charCodeAt(0))
  }
  return pairs
}
