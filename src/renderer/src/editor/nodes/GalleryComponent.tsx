import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLexicalEditable } from '@lexical/react/useLexicalEditable'
import { GALLERY_MAX, type ArticlePhoto } from '@shared/article/schema'
import { useAssets } from '../plugins/images/AssetContext'
import { pickPhotos } from '../plugins/images/importPhotos'
import { $isGalleryNode, type GalleryNode, type GalleryViewProps } from './GalleryNode'
import { DeletePhotoBlockButton, PhotoField, PhotoImage, useNodeUpdate, usePhotoBlockSelection, useReleaseBlockSelection } from './ImageComponent'

function GalleryItem({ photo, index, nodeKey, editable }: { photo: ArticlePhoto; index: number; nodeKey: string; editable: boolean }) {
  const { t } = useTranslation()
  const { assetUrl, labels } = useAssets()
  const release = useReleaseBlockSelection()
  const update = useNodeUpdate<GalleryNode>(nodeKey, $isGalleryNode)
  const [broken, setBroken] = useState(false)
  const src = assetUrl(photo.assetId)
  const number = index + 1
  return (
    <li className="gallery-item">
      <div className="photo-frame">
        {src !== null && !broken ? (
          <PhotoImage src={src} alt={photo.alt} editable={editable} labels={labels} onError={() => setBroken(true)} />
        ) : (
          <div className="photo-missing">{src === null ? labels.loading : labels.missing}</div>
        )}
        {editable && (
          <button
            type="button"
            className="gallery-remove"
            aria-label={t('images.removePhoto', { number })}
            title={t('images.removePhoto', { number })}
            onClick={() => update((node) => void node.removePhoto(index))}
          >
            ×
          </button>
        )}
      </div>
      <PhotoField
        className="photo-caption"
        label={t('images.galleryCaption', { number })}
        placeholder={t('images.captionPlaceholder')}
        value={photo.caption}
        readOnly={!editable}
        onFocus={release}
        onCommit={(caption) => update((node) => node.setPhoto(index, { caption }))}
      />
      {editable && (
        <div className="photo-tools gallery-item-tools">
          <PhotoField
            className="photo-credit"
            label={t('images.galleryCredit', { number })}
            placeholder={t('images.creditPlaceholder')}
            value={photo.credit}
            readOnly={false}
            onFocus={release}
            onCommit={(credit) => update((node) => node.setPhoto(index, { credit }))}
          />
          <PhotoField
            className="photo-alt"
            label={t('images.galleryAlt', { number })}
            placeholder={t('images.altPlaceholder')}
            value={photo.alt}
            readOnly={false}
            onFocus={release}
            onCommit={(alt) => update((node) => node.setPhoto(index, { alt }))}
          />
        </div>
      )}
    </li>
  )
}

/** Two to four photos side by side, each with its own caption; photos can be added and removed. */
export function GalleryComponent({ nodeKey, gallery }: GalleryViewProps) {
  const { t } = useTranslation()
  const editable = useLexicalEditable()
  const { draftId, photoCredit, reportFailures } = useAssets()
  const frame = useRef<HTMLElement>(null)
  const isSelected = usePhotoBlockSelection(nodeKey, frame)
  const update = useNodeUpdate<GalleryNode>(nodeKey, $isGalleryNode)
  const [adding, setAdding] = useState(false)
  const count = gallery.images.length

  async function addPhotos() {
    setAdding(true)
    try {
      const { photos, failures } = await pickPhotos(draftId, photoCredit)
      reportFailures(failures)
      if (photos.length > 0) update((node) => void node.addPhotos(photos))
    } finally {
      setAdding(false)
    }
  }

  return (
    <figure
      ref={frame}
      className={`photo gallery gallery-count-${count}${isSelected ? ' is-selected' : ''}`}
      aria-label={t('images.galleryName', { count })}
    >
      <ul className="gallery-grid">
        {gallery.images.map((photo, index) => (
          <GalleryItem key={`${index}-${photo.assetId}`} photo={photo} index={index} nodeKey={nodeKey} editable={editable} />
        ))}
      </ul>
      {editable && (
        <div className="photo-tools gallery-tools" role="group" aria-label={t('images.tools')}>
          {count < GALLERY_MAX && (
            <button type="button" className="photo-tool" disabled={adding} onClick={() => void addPhotos()}>
              {t('images.addPhoto')}
            </button>
          )}
          <DeletePhotoBlockButton nodeKey={nodeKey} label={t('images.deleteGallery')} />
        </div>
      )}
    </figure>
  )
}
