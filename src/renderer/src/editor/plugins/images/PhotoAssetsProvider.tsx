import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { DraftId } from '@shared/model/draft'
import { newsroom } from '../../../newsroom'
import { ImageViewContext } from '../../nodes/ImageNode'
import { GalleryViewContext } from '../../nodes/GalleryNode'
import { ImageComponent } from '../../nodes/ImageComponent'
import { GalleryComponent } from '../../nodes/GalleryComponent'
import { AssetContext, type AssetContextValue, type PhotoLabels } from './AssetContext'
import { PhotoFailureNotice } from './PhotoFailureNotice'
import type { PhotoFailure } from './photoFiles'

// The base never changes while the app runs, so every draft shares one answer. Kept as a value too: a draft
// opened once it is known renders its photos in the first pass instead of placeholders swapped a render later.
let assetUrlBase: Promise<string> | null = null
let knownAssetUrlBase: string | null = null
function loadAssetUrlBase(): Promise<string> {
  assetUrlBase ??= newsroom()
    .app.info({})
    .then((info) => (knownAssetUrlBase = info.assetUrlBase))
    .catch((error: unknown) => {
      assetUrlBase = null
      throw error
    })
  return assetUrlBase
}

/**
 * Around the editor of one draft: gives photo views the draft's asset addresses, supplies the views the
 * photo nodes render, and shows what went wrong with pictures that could not be inserted.
 */
export function PhotoAssetsProvider({
  draftId,
  photographers = [],
  children
}: {
  draftId: DraftId
  /** The draft's metadata photographers (摄影). */
  photographers?: readonly string[]
  children: ReactNode
}) {
  const { t } = useTranslation()
  const [base, setBase] = useState<string | null>(knownAssetUrlBase)
  const [failures, setFailures] = useState<PhotoFailure[]>([])

  useEffect(() => {
    if (knownAssetUrlBase !== null) return
    let live = true
    loadAssetUrlBase().then(
      (value) => live && setBase(value),
      (error: unknown) => console.error('asset addresses unavailable', error)
    )
    return () => {
      live = false
    }
  }, [])

  const reportFailures = useCallback((next: readonly PhotoFailure[]) => {
    if (next.length > 0) setFailures((current) => [...current, ...next])
  }, [])
  const named = photographers.map((name) => name.trim()).filter((name) => name !== '')
  // Several photographers: which one took which photo is for the person to say in the photo's own field.
  const photoCredit = named.length === 1 ? (named[0] ?? '') : ''
  const labels = useMemo<PhotoLabels>(
    () => ({
      photo: t('images.photo'),
      loading: t('images.loading'),
      missing: t('images.missing'),
      dragHint: t('images.dragHint'),
      caption: t('images.caption'),
      captionPlaceholder: t('images.captionPlaceholder'),
      credit: t('images.credit'),
      creditPlaceholder: t('images.creditPlaceholder')
    }),
    [t]
  )
  const value = useMemo<AssetContextValue>(
    () => ({
      draftId,
      assetUrl: (assetId) => (base === null ? null : `${base}${draftId}/${assetId}`),
      photoCredit,
      reportFailures,
      labels
    }),
    [base, draftId, photoCredit, reportFailures, labels]
  )

  return (
    <AssetContext.Provider value={value}>
      <ImageViewContext.Provider value={ImageComponent}>
        <GalleryViewContext.Provider value={GalleryComponent}>
          {failures.length > 0 && <PhotoFailureNotice failures={failures} onDismiss={() => setFailures([])} />}
          {children}
        </GalleryViewContext.Provider>
      </ImageViewContext.Provider>
    </AssetContext.Provider>
  )
}
