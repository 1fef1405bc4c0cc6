import { join } from 'node:path'
import { AssetIdSchema } from '../../../shared/article/schema'
import { DraftIdSchema } from '../../../shared/model/draft'
import type { DraftStore } from '../drafts/draftStore'

/**
 * Where a stored asset's bytes are, from the `<draftId>/<assetId>` tail of its address
 * (newsroom-asset://<draftId>/<assetId> in the app, /__assets/<draftId>/<assetId> in the E2E harness).
 * Both parts must be well-formed ids, so no address can reach outside the draft's assets folder.
 */
export function assetFileFor(store: DraftStore, tail: string): string | null {
  const parts = tail.replace(/^\/+/, '').split('/')
  if (parts.length !== 2) return null
  const [draftId, assetId] = parts.map((p) => {
    try {
      return decodeURIComponent(p)
    } catch {
      return ''
    }
  }) as [string, string]
  if (!DraftIdSchema.safeParse(draftId).success || !AssetIdSchema.safeParse(assetId).success) return null
  return join(store.assetsFolder(draftId), assetId)
}

export const ASSET_MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif'
}

export function assetMime(assetId: string): string {
  return ASSET_MIME[assetId.slice(assetId.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream'
}
