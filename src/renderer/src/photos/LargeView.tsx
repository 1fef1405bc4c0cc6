import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { markForKey, type CullPhoto, type PhotoMark } from './culling'
import { shortCaptureTime } from './PhotoGrid'

type Props = {
  photo: CullPhoto
  position: { index: number; count: number }
  /** The full-size rendering from main; the preview is shown until it arrives. */
  loadLarge(id: number): Promise<{ url: string; width: number; height: number } | null>
  onMove(step: -1 | 1): void
  onMark(id: number, mark: PhotoMark): void
  onClose(): void
}

/** One photo large: fitted to the window, or at 100% (Z) to judge focus; arrows step through, P/X/U mark. */
export function LargeView({ photo, position, loadLarge, onMove, onMark, onClose }: Props) {
  const { t } = useTranslation()
  const root = useRef<HTMLDivElement>(null)
  const [actualSize, setActualSize] = useState(false)
  const [large, setLarge] = useState<{ id: number; url: string; width: number; height: number } | null>(null)

  useEffect(() => root.current?.focus(), [])

  useEffect(() => {
    let live = true
    if (photo.load !== 'done') return
    loadLarge(photo.id).then(
      (answer) => {
        if (live && answer) setLarge({ id: photo.id, ...answer })
      },
      () => undefined // the preview stays; a photo that cannot be decoded already says so in its tile
    )
    return () => {
      live = false
    }
  }, [photo.id, photo.load, loadLarge])

  const shown = large?.id === photo.id ? large : null
  const url = shown?.url ?? photo.preview?.url ?? null

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return
    const key = event.key
    if (key === 'Escape' || key === 'Enter' || key === ' ') {
      // Escape closes this view, not the whole culling dialog behind it.
      event.preventDefault()
      event.stopPropagation()
      onClose()
    } else if (key === 'ArrowLeft' || key === 'ArrowRight') {
      event.preventDefault()
      onMove(key === 'ArrowLeft' ? -1 : 1)
    } else if (key.toLowerCase() === 'z') {
      event.preventDefault()
      setActualSize((on) => !on)
    } else {
      const mark = markForKey(key)
      if (mark !== undefined) {
        event.preventDefault()
        onMark(photo.id, mark)
      }
    }
  }

  return (
    <div ref={root} className="photo-large" role="group" aria-label={t('photos.large.label', { name: photo.name })} tabIndex={-1} onKeyDown={onKeyDown}>
      <div className="photo-large-bar">
        <span className="photo-large-name">{photo.name}</span>
        <span>{shortCaptureTime(photo.preview?.capturedAt ?? null)}</span>
        <span>{photo.preview?.camera ?? ''}</span>
        <span>{t('photos.large.position', { number: position.index + 1, count: position.count })}</span>
        {photo.mark && <span className={`photo-tile-mark photo-tile-mark-${photo.mark}`}>{t(`photos.marks.${photo.mark}`)}</span>}
        <span className="photo-large-spacer" />
        <button type="button" className="button" aria-pressed={actualSize} onClick={() => setActualSize((on) => !on)}>
          {actualSize ? t('photos.large.fit') : t('photos.large.actual')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('photos.large.close')}
        </button>
      </div>
      <div className={`photo-large-stage${actualSize ? ' photo-large-actual' : ''}`}>
        {url && (
          <img
            className="photo-large-image"
            src={url}
            alt={photo.name}
            data-full={shown ? 'true' : 'false'}
            style={actualSize && shown ? { width: shown.width, height: shown.height } : undefined}
          />
        )}
      </div>
      <p className="photo-large-hint">{t('photos.large.hint')}</p>
    </div>
  )
}
