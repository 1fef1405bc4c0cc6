import { useCallback, useEffect, useId, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import type { LexicalEditor } from 'lexical'
import { COLUMN_MAX, TITLE_MAX, type ArticleBody, type Draft, type DraftContent } from '@shared/model/draft'
import type { SaveState } from '../drafts/autosave'
import { ArticleBodyEditor } from './ArticleBodyEditor'
import { PhotoAssetsProvider } from './plugins/images/PhotoAssetsProvider'
import { SaveStatus } from './SaveStatus'
import { PreviewButton } from '../preview/PreviewButton'
import { loadArticleBody } from './body'

export type DraftEditorHandle = {
  /** Changes the title as if typed (used by 重命名 on the open draft, so the rename goes through autosave). */
  setTitle(title: string): void
}

type Props = {
  draft: Draft
  saveState: SaveState
  onChange(content: DraftContent): void
  onRetry(): void
  autoFocusTitle: boolean
  ref?: Ref<DraftEditorHandle>
}

/** Title, column and body of one draft. Keyed by draft id: a new draft gets fresh state and a fresh editor. */
export function DraftEditor({ draft, saveState, onChange, onRetry, autoFocusTitle, ref }: Props) {
  const { t } = useTranslation()
  const [title, setTitle] = useState(draft.title)
  const [column, setColumn] = useState(draft.column)
  const content = useRef<DraftContent>({ title: draft.title, column: draft.column, body: draft.body })
  const editorRef = useRef<LexicalEditor | null>(null)
  const titleInput = useRef<HTMLInputElement>(null)
  const loaded = useMemo(() => loadArticleBody(draft.body), [draft.body])
  const ids = useId()

  const report = useCallback(
    (patch: Partial<DraftContent>) => {
      content.current = { ...content.current, ...patch }
      onChange(content.current)
    },
    [onChange]
  )
  const onBodyChange = useCallback((body: ArticleBody) => report({ body }), [report])

  useImperativeHandle(ref, () => ({
    setTitle(next: string) {
      setTitle(next)
      report({ title: next })
    }
  }))

  useEffect(() => {
    if (autoFocusTitle) titleInput.current?.focus()
  }, [autoFocusTitle])

  const readOnly = !loaded.ok
  return (
    <section className="draft-editor" aria-label={t('editor.region')}>
      <div className="draft-editor-head">
        <input
          ref={titleInput}
          className="draft-title-input"
          type="text"
          aria-label={t('editor.title')}
          placeholder={t('editor.titlePlaceholder')}
          value={title}
          maxLength={TITLE_MAX}
          readOnly={readOnly}
          onChange={(event) => {
            setTitle(event.target.value)
            report({ title: event.target.value })
          }}
          onKeyDown={(event) => {
            // Enter ends the headline: carry on in the body, as in a word processor.
            if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
              event.preventDefault()
              editorRef.current?.focus()
            }
          }}
        />
        <SaveStatus state={saveState} onRetry={onRetry} />
        <PreviewButton draftId={draft.id} getSource={() => content.current} saveFailed={saveState.kind === 'failed'} />
      </div>
      <div className="draft-meta-row">
        <label className="field-inline" htmlFor={`${ids}-column`}>
          {t('editor.column')}
        </label>
        <input
          id={`${ids}-column`}
          className="draft-column-input"
          type="text"
          placeholder={t('editor.columnPlaceholder')}
          value={column}
          maxLength={COLUMN_MAX}
          readOnly={readOnly}
          onChange={(event) => {
            setColumn(event.target.value)
            report({ column: event.target.value })
          }}
        />
      </div>
      {loaded.ok ? (
        <PhotoAssetsProvider draftId={draft.id}>
          <ArticleBodyEditor initialState={loaded.initialState} onChange={onBodyChange} editorRef={editorRef} />
        </PhotoAssetsProvider>
      ) : (
        <p role="alert" className="banner banner-error">
          {t('editor.bodyUnreadable', { detail: loaded.detail })}
        </p>
      )}
    </section>
  )
}
