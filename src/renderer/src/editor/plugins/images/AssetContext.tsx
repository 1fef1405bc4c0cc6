import { createContext, useContext } from 'react'
import type { DraftId } from '@shared/model/draft'
import type { PhotoFailure } from './photoFiles'

/** The words every photo in the body shows, looked up once per draft rather than once per photo. */
export type PhotoLabels = {
  photo: string
  loading: string
  missing: string
  dragHint: string
  caption: string
  captionPlaceholder: string
  credit: string
  creditPlaceholder: string
}

export type AssetContextValue = {
  draftId: DraftId
  /** Where a stored picture of this draft is shown from; null until the app has answered. */
  assetUrl(assetId: string): string | null
  /** The credit photos get when inserted: the draft's photographer when its metadata names exactly one, else ''. */
  photoCredit: string
  /** Tells the person which pictures were not inserted and why. */
  reportFailures(failures: readonly PhotoFailure[]): void
  labels: PhotoLabels
}

export const AssetContext = createContext<AssetContextValue | null>(null)

export function useAssets(): AssetContextValue {
  const value = useContext(AssetContext)
  if (!value) throw new Error('useAssets outside PhotoAssetsProvider')
  return value
}

/** For pieces that may be mounted without pictures (an editor rendered on its own, in a test): null there. */
export function useOptionalAssets(): AssetContextValue | null {
  return useContext(AssetContext)
}
