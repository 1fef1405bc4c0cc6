import { createHash } from 'node:crypto'
import { sanitizeArticleBody, type ArticlePhoto, type AssetId } from '../../../shared/article/schema'
import type { Article } from '../../../shared/article/toHtml'
import type { DraftId } from '../../../shared/model/draft'
import type { ArticleMetadata } from '../../../shared/model/metadata'

/** One picture as it goes to a site: the stored bytes plus what the article says about it. */
export type PreparedImage = {
  assetId: AssetId
  bytes: Uint8Array<ArrayBuffer>
  mime: string
  /** sha256 of the bytes: an image is uploaded again only when this changes. */
  contentHash: string
  /** ASCII only: HTTP headers refuse anything else. */
  fileName: string
  caption: string
  alt: string
  credit: string
}

export type PreparedArticle = {
  draftId: DraftId
  article: Article & { metadata: ArticleMetadata }
  /** Each stored picture once, in reading order. */
  images: PreparedImage[]
  /** The cover: the metadata's choice, else the first picture. */
  coverAssetId: AssetId | null
}

const MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif'
}

export function photosOf(body: unknown): ArticlePhoto[] {
  const clean = sanitizeArticleBody(body).body
  return clean.root.children.flatMap((block) => (block.type === 'image' ? [block] : block.type === 'gallery' ? block.images : []))
}

export function contentHashOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export async function prepareArticle(
  draftId: DraftId,
  article: Article & { metadata: ArticleMetadata },
  readAsset: (draftId: DraftId, assetId: AssetId) => Promise<Uint8Array>
): Promise<PreparedArticle> {
  const seen = new Set<AssetId>()
  const images: PreparedImage[] = []
  for (const photo of photosOf(article.body)) {
    if (seen.has(photo.assetId)) continue
    seen.add(photo.assetId)
    const bytes = new Uint8Array(await readAsset(draftId, photo.assetId))
    const extension = photo.assetId.slice(photo.assetId.lastIndexOf('.') + 1).toLowerCase()
    const contentHash = contentHashOf(bytes)
    images.push({
      assetId: photo.assetId,
      bytes,
      mime: MIME[extension] ?? 'application/octet-stream',
      contentHash,
      fileName: `newsroom-${contentHash.slice(0, 16)}.${extension}`,
      caption: photo.caption,
      alt: photo.alt,
      credit: photo.credit
    })
  }
  const cover = article.metadata.coverAssetId
  return { draftId, article, images, coverAssetId: cover !== null && seen.has(cover) ? cover : (images[0]?.assetId ?? null) }
}
