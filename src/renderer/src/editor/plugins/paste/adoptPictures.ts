import type { ArticleBlock, ArticlePhoto } from '../../../../../shared/article/schema'
import { problemOf, type PictureOutcome, type PictureWords } from './pictures'

/**
 * Our editor's copy names the draft it came from (SOURCE_DRAFT_MIME beside Lexical's JSON). Its photos name
 * assets of that draft: pasted into another draft they must be copied over first, or the photo would
 * show a file that only the other draft has.
 */
export const SOURCE_DRAFT_MIME = 'application/x-newsroom-source-draft'

export type AdoptService = (assetId: string) => Promise<unknown>

export type AdoptedAssets = ReadonlyMap<string, { ok: true } | { error: unknown }>

/** Every asset the blocks show, each once. */
export function pictureAssetIds(blocks: readonly ArticleBlock[]): string[] {
  const ids = new Set<string>()
  for (const block of blocks) {
    if (block.type === 'image') ids.add(block.assetId)
    if (block.type === 'gallery') for (const photo of block.images) ids.add(photo.assetId)
  }
  return [...ids]
}

export async function adoptAssets(assetIds: readonly string[], adopt: AdoptService): Promise<AdoptedAssets> {
  const results = await Promise.all(
    assetIds.map(async (assetId): Promise<[string, { ok: true } | { error: unknown }]> => {
      try {
        await adopt(assetId)
        return [assetId, { ok: true }]
      } catch (error) {
        return [assetId, { error }]
      }
    })
  )
  return new Map(results)
}

function placeholder(text: string): ArticleBlock {
  return { type: 'paragraph', version: 1, direction: null, format: '', indent: 0, children: [{ type: 'text', version: 1, text, format: 0 }] }
}

/**
 * The blocks with each photo whose asset could not be copied replaced by a placeholder paragraph saying so
 * (a gallery keeps its other photos; the schema check after this turns a gallery of one into an image).
 */
export function placeAdopted(blocks: readonly ArticleBlock[], adopted: AdoptedAssets, words: PictureWords): { blocks: ArticleBlock[]; problems: PictureOutcome[] } {
  const problems: PictureOutcome[] = []
  const failed = (photo: ArticlePhoto): ArticleBlock | null => {
    const result = adopted.get(photo.assetId)
    if (!result || 'ok' in result) return null
    const name = photo.alt || photo.caption || words.unnamed
    const gone = (result.error as { code?: unknown } | null)?.code === 'not-found'
    const problem = gone ? 'draft-gone' : problemOf(result.error)
    problems.push({ name, problem })
    return placeholder(words.placeholder(name, problem))
  }
  const out = blocks.flatMap((block): ArticleBlock[] => {
    if (block.type === 'image') return [failed(block) ?? block]
    if (block.type !== 'gallery') return [block]
    const kept: ArticlePhoto[] = []
    const lost: ArticleBlock[] = []
    for (const photo of block.images) {
      const stand = failed(photo)
      if (stand) lost.push(stand)
      else kept.push(photo)
    }
    return [...(kept.length > 0 ? [{ ...block, images: kept }] : []), ...lost]
  })
  return { blocks: out, problems }
}
