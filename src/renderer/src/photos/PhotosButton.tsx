import { useEffect, useRef, useState } from 'react'
import { COMMAND_PRIORITY_EDITOR } from 'lexical'
import { useTranslation } from 'react-i18next'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { useLexicalEditable } from '@lexical/react/useLexicalEditable'
import type { InsertedPhoto } from '@shared/ipc/channels/photos'
import { newArticlePhoto } from '../editor/nodes/ImageNode'
import { useOptionalAssets } from '../editor/plugins/images/AssetContext'
import { INSERT_GALLERY_COMMAND, INSERT_IMAGE_COMMAND, OPEN_PHOTOS_COMMAND, type OpenPhotosPayload } from '../editor/plugins/images/commands'
import { CullingView } from './CullingView'

/**
 * 照片 in the editor's toolbar: opens the culling view (also for a folder dropped on the editor), and puts
 * what it inserts at the caret.
 */
export function PhotosButton() {
  const { t } = useTranslation()
  const [editor] = useLexicalComposerContext()
  const editable = useLexicalEditable()
  const assets = useOptionalAssets()
  /** The view is open; `initial` is the import it was opened with (a drop), if any. */
  const [open, setOpen] = useState<{ initial?: OpenPhotosPayload } | null>(null)
  const backToBody = useRef(false)
  // After the view closes the writing carries on in the body. An effect, so it runs after the dialog has let go
  // of focus (while it is open the editor is inert and cannot take it).
  useEffect(() => {
    if (open || !backToBody.current) return
    backToBody.current = false
    editor.focus()
  }, [open, editor])

  useEffect(
    () =>
      editor.registerCommand(
        OPEN_PHOTOS_COMMAND,
        (payload) => {
          if (!assets || !editor.isEditable() || open) return false
          setOpen({ initial: payload })
          return true
        },
        COMMAND_PRIORITY_EDITOR
      ),
    [editor, assets, open]
  )
  if (!assets) return null

  const insert = (inserted: InsertedPhoto[], credit: string, asGallery: boolean) => {
    const photos = inserted.map((photo) => ({ ...newArticlePhoto(photo.assetId), credit }))
    editor.dispatchCommand(asGallery ? INSERT_GALLERY_COMMAND : INSERT_IMAGE_COMMAND, { photos })
  }

  return (
    <>
      <button
        type="button"
        className="toolbar-button toolbar-button-photos"
        disabled={!editable}
        tabIndex={-1}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => setOpen({})}
      >
        <svg className="toolbar-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <g fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round">
            <rect x="1.5" y="4" width="13" height="9.5" rx="1.2" />
            <path d="M5.5 4 6.5 2.5h3L10.5 4" />
            <circle cx="8" cy="8.7" r="2.4" />
          </g>
        </svg>
        <span className="toolbar-text">{t('photos.button')}</span>
      </button>
      {open && (
        <CullingView
          draftId={assets.draftId}
          {...(open.initial ? { initial: open.initial } : {})}
          defaultCredit={assets.photoCredit}
          onInsert={insert}
          onClose={() => {
            setOpen(null)
            backToBody.current = true
          }}
        />
      )}
    </>
  )
}
