/**
 * Which drafts contain a run of `n` adjacent characters, for every run at once: one bit per draft in each of
 * 65,536 hashed columns (bit-sliced signatures), the columns kept as one typed array. A query ANDs the columns of
 * its runs; the drafts left are candidates that searchCore confirms on the text. A search library keeps a
 * JavaScript posting per (run, draft), about 8,000 per long article: measured with FlexSearch on 1,000 drafts of
 * 2,000–20,000 characters, 68 s to build and 515 MB. These columns take 8 KB per draft and are filled in well
 * under a second, so they are rebuilt from the stored texts rather than stored.
 */
const COLUMN_BITS = 16
const COLUMNS = 1 << COLUMN_BITS

export type GramSlices = {
  /** Sets the bits of every run of `text` for `slot` (call once per text of the draft; they accumulate). */
  add(slot: number, folded: string): void
  clear(slot: number): void
  /**
   * Narrows `acc` (one bit per slot, all set at first) to the slots holding every run of `folded`. False when
   * `folded` is shorter than n, leaving `acc` as it was.
   */
  narrow(acc: Uint32Array, folded: string): boolean
  /** Words of 32 slots each, the length `narrow` expects. */
  readonly words: number
  readonly bytes: number
}

function column2(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b)
  return (h ^ (h >>> 13)) >>> (32 - COLUMN_BITS)
}

function column3(a: number, b: number, c: number): number {
  let h = Math.imul(Math.imul(a, 0x9e3779b1) ^ b, 0x27d4eb2f) ^ c
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> (32 - COLUMN_BITS)
}

export function createGramSlices(n: 2 | 3, initialSlots = 1024): GramSlices {
  let words = Math.max(1, Math.ceil(initialSlots / 32))
  let bits = new Uint32Array(COLUMNS * words)
  const columnAt = (text: string, i: number) =>
    n === 2 ? column2(text.charCodeAt(i), text.charCodeAt(i + 1)) : column3(text.charCodeAt(i), text.charCodeAt(i + 1), text.charCodeAt(i + 2))

  function grow(slot: number) {
    if (slot < words * 32) return
    // A quarter more at a time: doubling would leave up to half of a large table unused.
    const next = Math.max(words + 1, Math.ceil(((slot + 1) * 1.25) / 32))
    const wider = new Uint32Array(COLUMNS * next)
    for (let c = 0; c < COLUMNS; c++) wider.set(bits.subarray(c * words, (c + 1) * words), c * next)
    bits = wider
    words = next
  }

  return {
    add(slot, folded) {
      grow(slot)
      const word = slot >>> 5
      const mask = 1 << (slot & 31)
      for (let i = 0; i + n <= folded.length; i++) {
        const at = columnAt(folded, i) * words + word
        bits[at] = (bits[at] as number) | mask
      }
    },
    clear(slot) {
      if (slot >= words * 32) return
      const word = slot >>> 5
      const keep = ~(1 << (slot & 31))
      for (let c = 0; c < COLUMNS; c++) bits[c * words + word] = (bits[c * words + word] as number) & keep
    },
    narrow(acc, folded) {
      if (folded.length < n) return false
      const seen = new Set<number>()
      for (let i = 0; i + n <= folded.length; i++) {
        const c = columnAt(folded, i)
        if (seen.has(c)) continue
        seen.add(c)
        const base = c * words
        const upTo = Math.min(words, acc.length)
        for (let w = 0; w < upTo; w++) acc[w] = (acc[w] as number) & (bits[base + w] as number)
        for (let w = upTo; w < acc.length; w++) acc[w] = 0
      }
      return true
    },
    get words() {
      return words
    },
    get bytes() {
      return bits.byteLength
    }
  }
}
