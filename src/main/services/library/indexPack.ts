import { z } from 'zod'
import { IndexedDraftSchema, type IndexedDraft } from './indexedDraft'

/**
 * Every indexed draft in one file: a JSON header of the drafts' facts and text lengths, then all their texts as
 * UTF-16. Read at start in one go (5,000 separate entry files took seconds of opens and JSON parsing), and about
 * two bytes per character where JSON of Chinese text took three.
 *
 *   "NRSEARCH" | u32 version | u32 header bytes | header (UTF-8 JSON) | texts (UTF-16LE)
 */
const MAGIC = Buffer.from('NRSEARCH', 'ascii')
const TEXT_FIELDS = ['title', 'subtitle', 'summary', 'captions', 'body'] as const

const PackedEntrySchema = IndexedDraftSchema.omit({ text: true }).extend({
  lengths: z.array(z.number().int().nonnegative()).length(TEXT_FIELDS.length)
})
const HeaderSchema = z.object({ entries: z.array(PackedEntrySchema) })

export function encodePack(version: number, entries: Iterable<IndexedDraft>): Buffer[] {
  const packed: z.infer<typeof PackedEntrySchema>[] = []
  const texts: Buffer[] = []
  for (const entry of entries) {
    const { text, ...facts } = entry
    packed.push({ ...facts, lengths: TEXT_FIELDS.map((field) => text[field].length) })
    for (const field of TEXT_FIELDS) texts.push(Buffer.from(text[field], 'utf16le'))
  }
  const header = Buffer.from(JSON.stringify({ entries: packed }), 'utf8')
  const sizes = Buffer.alloc(8)
  sizes.writeUInt32LE(version, 0)
  sizes.writeUInt32LE(header.length, 4)
  return [MAGIC, sizes, header, ...texts]
}

/** The entries of a pack, or null when it is of another version, torn or damaged (it is then rebuilt). */
export function decodePack(version: number, data: Buffer): IndexedDraft[] | null {
  if (data.length < MAGIC.length + 8 || !data.subarray(0, MAGIC.length).equals(MAGIC)) return null
  if (data.readUInt32LE(MAGIC.length) !== version) return null
  const headerBytes = data.readUInt32LE(MAGIC.length + 4)
  const textsAt = MAGIC.length + 8 + headerBytes
  if (textsAt > data.length) return null
  let header: z.infer<typeof HeaderSchema>
  try {
    const parsed = HeaderSchema.safeParse(JSON.parse(data.toString('utf8', MAGIC.length + 8, textsAt)))
    if (!parsed.success) return null
    header = parsed.data
  } catch {
    return null
  }
  const units = header.entries.reduce((sum, entry) => sum + entry.lengths.reduce((a, b) => a + b, 0), 0)
  if (textsAt + units * 2 !== data.length) return null
  let at = textsAt
  return header.entries.map(({ lengths, ...facts }) => {
    const text = {} as IndexedDraft['text']
    TEXT_FIELDS.forEach((field, i) => {
      const end = at + (lengths[i] as number) * 2
      text[field] = data.toString('utf16le', at, end)
      at = end
    })
    return { ...facts, text }
  })
}
