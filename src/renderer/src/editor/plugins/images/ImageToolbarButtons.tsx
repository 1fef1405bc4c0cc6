import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { useLexicalEditable } from '@lexical/react/useLexicalEditable'
import { useOptionalAssets } from './AssetContext'
import { INSERT_GALLERY_COMMAND, INSERT_IMAGE_COMMAND } from './commands'
import { pickPhotos } from './importPhotos'

/** A 16 px line icon in the toolbar's style: one picture, or three side by side. */
function PhotoIcon({ gallery }: { gallery: boolean }) {
  return (
    <svg className="toolbar-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <g fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round">
        {gallery ? (
          <>
            <rect x="1.5" y="4" width="4" height="8" rx="0.8" />
            <rect x="6" y="4" width="4" height="8" rx="0.8" />
            <rect x="10.5" y="4" width="4" height="8" rx="0.8" />
          </>
        ) : (
          <>
            <rect x="1.5" y="2.5" width="13" height="11" rx="1.2" />
            <circle cx="10.5" cy="6" r="1.2" />
            <path d="m2 12 4-4 3 3 2-2 3.5 3.5" />
          </>
        )}
      </g>
    </svg>
  )
}

/**
 * 插入图片 and 插入组图 for the toolbar: the system's file dialog (in main), the chosen pictures compressed
 * through the photo pipeline, then inserted at the caret, each as an image or together as galleries of up to four.
 */
export function ImageToolbarButtons() {
  const { t } = useTranslation()
  const [editor] = useLexicalComposerContext()
  const editable = useLexicalEditable()
  const assets = useOptionalAssets()
  const [busy, setBusy] = useState(false)

  if (!assets) return null
  const { draftId, photoCredit, reportFailures } = assets

  async function insert(asGallery: boolean) {
    setBusy(true)
    try {
      const { photos, failures } = await pickPhotos(draftId, photoCredit)
      reportFailures(failures)
      if (photos.length > 0) {
        editor.dispatchCommand(asGallery ? INSERT_GALLERY_COMMAND : INSERT_IMAGE_COMMAND, { photos })
        editor.focus()
      }
    } finally {
      setBusy(false)
    }
  }

  const button = (asGallery: boolean, label: string) => (
    <button
      type="button"
      className={`toolbar-button toolbar-button-${asGallery ? 'gallery' : 'image'}`}
      disabled={!editable || busy}
      // The toolbar is one tab stop (arrow keys move inside it); keep the caret in the body while clicking.
      tabIndex={-1}
      aria-label={label}
      title={label}
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => void insert(asGallery)}
    >
      <PhotoIcon gallery={asGallery} />
    </button>
  )

  return (
    <div className="toolbar-group toolbar-group-photos">
      {button(false, t('images.insertImage'))}
      {button(true, t('images.insertGallery'))}
    </div>
  )
}
