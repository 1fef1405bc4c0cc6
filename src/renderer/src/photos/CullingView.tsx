import { useId, useMemo, useState, type ClipboardEvent, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { InsertedPhoto } from '@shared/ipc/channels/photos'
import type { DraftId } from '@shared/model/draft'
import { Modal } from '../components/Modal'
import type { OpenPhotosPayload } from '../editor/plugins/images/commands'
import { filterPhotos, sortPhotos, type CullFilter, type CullSort } from './culling'
import { failureText } from './failureText'
import { LargeView } from './LargeView'
import { PhotoGrid } from './PhotoGrid'
import { usePhotoImport } from './usePhotoImport'

type Props = {
  draftId: DraftId
  /** The import to start with (photos dropped on the editor); a new, empty one when absent. */
  initial?: OpenPhotosPayload
  /** The credit field's first value: the draft's photographer when its metadata names exactly one. */
  defaultCredit?: string
  onInsert(photos: InsertedPhoto[], credit: string, asGallery: boolean): void
  onClose(): void
}

const FILTERS: CullFilter[] = ['all', 'picked', 'unmarked']

/**
 * The culling view: a photographer's folder in a grid of previews sorted by capture time, picked with the
 * keyboard, and the picks compressed into the article at the caret (or as galleries) with the credit.
 */
export function CullingView({ draftId, initial, defaultCredit = '', onInsert, onClose }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const photoImport = usePhotoImport(initial)
  const { photos, progress, error, refused } = photoImport
  const [credit, setCredit] = useState(defaultCredit)
  const [sort, setSort] = useState<CullSort>('captured')
  const [filter, setFilter] = useState<CullFilter>('all')
  const [focus, setFocus] = useState(0)
  const [openIndex, setOpenIndex] = useState<number | null>(null)
  const [dragging, setDragging] = useState(false)
  const [inserting, setInserting] = useState(false)
  const [insertFailed, setInsertFailed] = useState(0)

  const sorted = useMemo(() => sortPhotos(photos, sort), [photos, sort])
  const shown = useMemo(() => filterPhotos(sorted, filter), [sorted, filter])
  const picked = sorted.filter((p) => p.mark === 'picked')
  const failedCount = photos.filter((p) => p.load === 'failed').length
  const focusIndex = Math.min(focus, Math.max(0, shown.length - 1))
  const opened = openIndex === null ? null : shown[openIndex]
  const tileId = (id: number) => `${ids}-photo-${id}`

  async function insert(asGallery: boolean) {
    setInserting(true)
    try {
      const result = await photoImport.insert(
        draftId,
        picked.map((p) => p.id),
        credit.trim()
      )
      if (!result) return
      setInsertFailed(result.failures.filter((f) => f.code !== 'cancelled').length)
      if (result.photos.length > 0) onInsert(result.photos, credit.trim(), asGallery)
      // Failures stay on screen, in their tiles; a clean insert is done with the view.
      if (result.failures.length === 0) onClose()
    } finally {
      setInserting(false)
    }
  }

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    setDragging(false)
    if (!event.dataTransfer.types.includes('Files')) return
    event.preventDefault()
    void photoImport.addFiles(Array.from(event.dataTransfer.files))
  }
  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLInputElement) return
    const files = Array.from(event.clipboardData.files)
    if (files.length === 0) return
    event.preventDefault()
    void photoImport.addFiles(files)
  }

  const busy = progress !== null
  return (
    <Modal labelledBy={`${ids}-title`} onClose={onClose} className="photos-modal">
      <div
        className={`photos-body${dragging ? ' photos-dragging' : ''}`}
        onDragOver={(event) => {
          if (!event.dataTransfer.types.includes('Files')) return
          event.preventDefault()
          event.dataTransfer.dropEffect = 'copy'
          setDragging(true)
        }}
        onDragLeave={(event) => {
          if (event.currentTarget === event.target) setDragging(false)
        }}
        onDrop={onDrop}
        onPaste={onPaste}
      >
        <div className="photos-header">
          <h2 id={`${ids}-title`} className="modal-title">
            {t('photos.title')}
          </h2>
          <button type="button" className="button" onClick={() => void photoImport.choose('files')}>
            {t('photos.addFiles')}
          </button>
          <button type="button" className="button" onClick={() => void photoImport.choose('folder')}>
            {t('photos.addFolder')}
          </button>
          <label className="photos-credit">
            <span>{t('photos.credit')}</span>
            <input type="text" value={credit} maxLength={200} placeholder={t('photos.creditPlaceholder')} onChange={(e) => setCredit(e.target.value)} />
          </label>
          <label className="photos-sort">
            <span>{t('photos.sort.label')}</span>
            <select value={sort} onChange={(e) => setSort(e.target.value as CullSort)}>
              <option value="captured">{t('photos.sort.captured')}</option>
              <option value="name">{t('photos.sort.name')}</option>
            </select>
          </label>
          <div className="photos-filter" role="radiogroup" aria-label={t('photos.filter.label')}>
            {FILTERS.map((f) => (
              <button key={f} type="button" role="radio" aria-checked={filter === f} className="button" onClick={() => setFilter(f)}>
                {t(`photos.filter.${f}`)}
              </button>
            ))}
          </div>
        </div>

        {progress && (
          <div className="photos-progress" role="status">
            <progress max={progress.total} value={progress.finished} aria-label={t(`photos.progress.${progress.phase}`)} />
            <span>{t(`photos.progress.${progress.phase}`)}</span>
            <span className="photos-progress-count">{t('photos.progress.count', { finished: progress.finished, total: progress.total })}</span>
            <button type="button" className="button" onClick={photoImport.cancel}>
              {t('photos.cancel')}
            </button>
          </div>
        )}
        {error && (
          <p className="photos-error" role="alert">
            {t(`errors.${error}`)}
          </p>
        )}
        {refused.length > 0 && (
          <ul className="photos-error photos-refused" role="alert">
            {refused.map((file, index) => (
              <li key={index}>
                {file.name === ''
                  ? t('photos.refusedUnnamed', { reason: failureText(t, file.code) })
                  : t('photos.refused', { name: file.name, reason: failureText(t, file.code) })}
              </li>
            ))}
          </ul>
        )}

        {photos.length === 0 ? (
          <div className="photos-dropzone">{t('photos.dropHint')}</div>
        ) : (
          <div className="photos-stage">
            <PhotoGrid
              photos={shown}
              focus={focusIndex}
              onFocus={setFocus}
              onMark={photoImport.mark}
              onOpen={(index) => setOpenIndex(index)}
              tileId={tileId}
            />
            {opened && openIndex !== null && (
              <LargeView
                photo={opened}
                position={{ index: openIndex, count: shown.length }}
                loadLarge={photoImport.large}
                onMove={(step) => {
                  const next = Math.min(Math.max(openIndex + step, 0), shown.length - 1)
                  setOpenIndex(next)
                  setFocus(next)
                }}
                onMark={photoImport.mark}
                onClose={() => {
                  setOpenIndex(null)
                  document.querySelector<HTMLElement>('.photo-grid')?.focus()
                }}
              />
            )}
          </div>
        )}

        <div className="photos-footer">
          <span className="photos-summary">
            {t('photos.summary', { count: photos.length, picked: picked.length })}
            {failedCount > 0 && ` ${t('photos.failedCount', { count: failedCount })}`}
            {insertFailed > 0 && ` ${t('photos.insertFailed', { count: insertFailed })}`}
          </span>
          {!busy && photos.some((p) => p.load === 'cancelled') && (
            <button type="button" className="button" onClick={photoImport.retryCancelled}>
              {t('photos.resume')}
            </button>
          )}
          <span className="photo-large-spacer" />
          <button type="button" className="button" onClick={onClose}>
            {t('photos.close')}
          </button>
          <button type="button" className="button" disabled={inserting || picked.length < 2} onClick={() => void insert(true)}>
            {t('photos.insertGallery')}
          </button>
          <button type="button" className="button button-primary" disabled={inserting || picked.length === 0} onClick={() => void insert(false)}>
            {t('photos.insertPicked', { count: picked.length })}
          </button>
        </div>
        <p className="photos-keys">{t('photos.keys')}</p>
        {/* Words for the failure codes are also read out for the tile in focus. */}
        <span className="visually-hidden" aria-live="polite">
          {shown[focusIndex]?.failure ? failureText(t, shown[focusIndex].failure) : ''}
        </span>
      </div>
    </Modal>
  )
}
