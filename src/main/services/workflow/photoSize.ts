import sharp from 'sharp'
import { assetFileFor } from '../assets/assetUrl'
import type { DraftStore } from '../drafts/draftStore'

/** A stored photo's size as a reader sees it (EXIF rotation applied), for the gate's photo-size check; null when unreadable. */
export async function storedPhotoSize(store: DraftStore, draftId: string, assetId: string): Promise<{ width: number; height: number } | null> {
  const file = assetFileFor(store, `${encodeURIComponent(draftId)}/${encodeURIComponent(assetId)}`)
  if (file === null) return null
  const meta = await sharp(file).metadata()
  const width = meta.autoOrient?.width ?? meta.width ?? 0
  const height = meta.autoOrient?.height ?? meta.height ?? 0
  return width > 0 ? { width, height } : null
}
