/**
 * Which drafts' bodies contain a pair of adjacent characters, for every pair at once: one bit per draft in
 * each of 65,536 hashed columns (bit-sliced signatures). A query ANDs the columns of its pairs and only the
 * drafts left are read. It stands beside the search library because the library's posting lists cannot
 * hold every bigram of thousands of long Chinese articles: measured with FlexSearch on 1,000 drafts of
 * 2,000–20,000 characters, 68 s to build and 515 MB; these columns are 40 MB for 5,000 drafts
 * (a pair of a long article's body sets about one column in six, so a two-character query reads few bodies).
 */
const COLUMN_BITS = 16
const COLUMNS = 1 << COLUMN_BITS

export type BodyGrams = {
  set(slot: number, folded: string): void
  clear(slot: number): void
  /** Slots whose body may contain `folded` (every pair present); null for texts shorter than two units. */
  candidates(folded: string, occupied: (slot: number) => boolean): number[] | null
  readonly bytes: number
}

function column(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b)
  return (h ^ (h >>> 13)) >>> (32 - COLUMN_BITS)
}

export function createBodyGrams(initialSlots = 1024): BodyGrams {
  let words = Math.max(1, Math.ceil(initialSlots / 32))
  let bits = new Uint32Array(COLUMNS * words)

  function grow(slot: number) {
    if (slot < words * 32) return
    let next = words
    while (slot >= next * 32) next *= 2
    const wider = new Uint32Array(COLUMNS * next)
    for (let c = 0; c < COLUMNS; c++) wider.set(bits.subarray(c * words, (c + 1) * words), c * next)
    bits = wider
    words = next
  }

  return {
    set(slot, folded) {
      grow(slot)
      const word = slot >>> 5
      const mask = 1 << (slot & 31)
      for (let i = 0; i + 1 < folded.length; i++) {
        const at = column(folded.charCodeAt(i), folded.charCodeAt(i + 1)) * words + word
        bits[at] = (bits[at] ?? 0) | mask
      }
    },
    clear(slot) {
      if (slot >= words * 32) return
      const word = slot >>> 5
      const keep = ~(1 << (slot & 31))
      for (let c = 0; c < COLUMNS; c++) bits[c * words + word] = (bits[c * words + word] ?? 0) & keep
    },
    candidates(folded, occupied) {
      if (folded.length < 2) return null
      const columns = new Set<number>()
      for (let i = 0; i + 1 < folded.length; i++) columns.add(column(folded.charCodeAt(i), folded.charCodeAt(i + 1)))
      const acc = new Uint32Array(words).fill(0xffffffff)
      for (const c of columns) {
        const base = c * words
        for (let w = 0; w < words; w++) acc[w] = (acc[w] ?? 0) & (bits[base + w] ?? 0)
      }
      const out: number[] = []
      for (let w = 0; w < words; w++) {
        let value = acc[w] ?? 0
        while (value !== 0) {
          const low = value & -value
          const slot = w * 32 + (31 - Math.clz32(low))
          if (occupied(slot)) out.push(slot)
          value ^= low
        }
      }
      return out
    },
    get bytes() {
      return bits.byteLength
    }
  }
}
