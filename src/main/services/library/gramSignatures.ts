/**
 * Which drafts may contain a run of two or three adjacent characters: per draft, a signature of 131,072 bits
 * in which each run of its texts sets one hashed bit (16 KB per draft, in typed-array blocks of 256 drafts). A term
 * may be in a draft when every run of the term has its bit set; searchCore confirms those on the text.
 *
 * Why not a search library's posting lists: they keep a JavaScript posting per (run, draft), about 8,000 per
 * long article; measured with FlexSearch on 1,000 drafts of 2,000–20,000 characters, 68 s to build and 515 MB.
 * Why per draft and not per run (bit-sliced columns): filling a draft's 16 KB stays in the processor's cache,
 * where columns spread each draft's bits over the whole table, one cache miss per character (seconds per
 * thousand drafts). A keystroke tests a few bits of each draft still matching, a few thousand reads.
 */
const SIGNATURE_BITS = 17
const WORDS = (1 << SIGNATURE_BITS) >>> 5

export type GramSignatures = {
  /** Sets the bits of every run of `folded` for `slot` (once per text of the draft; they accumulate). */
  add(slot: number, folded: string): void
  clear(slot: number): void
  /** The bit positions a draft holding `folded` has set; empty for a single character. */
  bitsOf(folded: string): Uint32Array
  /** Whether `slot` has every one of `bits` set. */
  mayHold(slot: number, bits: Uint32Array): boolean
  readonly bytes: number
}

function pair(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b)
  return (h ^ (h >>> 13)) >>> (32 - SIGNATURE_BITS)
}

function triple(a: number, b: number, c: number): number {
  let h = Math.imul(Math.imul(a, 0x9e3779b1) ^ b, 0x27d4eb2f) ^ c
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> (32 - SIGNATURE_BITS)
}

/** Drafts per block of the table: blocks are added as drafts come, never copied (4 MB each). */
const BLOCK_SLOTS = 256

export function createGramSignatures(): GramSignatures {
  const blocks: Uint32Array[] = []
  const blockOf = (slot: number): Uint32Array | undefined => blocks[Math.floor(slot / BLOCK_SLOTS)]
  const baseOf = (slot: number) => (slot % BLOCK_SLOTS) * WORDS

  return {
    add(slot, folded) {
      while (blocks.length <= Math.floor(slot / BLOCK_SLOTS)) blocks.push(new Uint32Array(BLOCK_SLOTS * WORDS))
      const bits = blockOf(slot) as Uint32Array
      const base = baseOf(slot)
      let a = folded.charCodeAt(0)
      let b = folded.charCodeAt(1)
      for (let i = 2; i <= folded.length; i++) {
        const p = pair(a, b)
        bits[base + (p >>> 5)] = (bits[base + (p >>> 5)] as number) | (1 << (p & 31))
        if (i === folded.length) break
        const c = folded.charCodeAt(i)
        const t = triple(a, b, c)
        bits[base + (t >>> 5)] = (bits[base + (t >>> 5)] as number) | (1 << (t & 31))
        a = b
        b = c
      }
    },
    clear(slot) {
      blockOf(slot)?.fill(0, baseOf(slot), baseOf(slot) + WORDS)
    },
    bitsOf(folded) {
      const out = new Set<number>()
      for (let i = 0; i + 1 < folded.length; i++) {
        out.add(pair(folded.charCodeAt(i), folded.charCodeAt(i + 1)))
        if (i + 2 < folded.length) out.add(triple(folded.charCodeAt(i), folded.charCodeAt(i + 1), folded.charCodeAt(i + 2)))
      }
      return Uint32Array.from(out)
    },
    mayHold(slot, wanted) {
      const bits = blockOf(slot)
      if (!bits) return false
      const base = baseOf(slot)
      for (let i = 0; i < wanted.length; i++) {
        const p = wanted[i] as number
        if (((bits[base + (p >>> 5)] as number) & (1 << (p & 31))) === 0) return false
      }
      return true
    },
    get bytes() {
      return blocks.length * BLOCK_SLOTS * WORDS * 4
    }
  }
}
