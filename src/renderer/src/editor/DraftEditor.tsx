import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import type { LexicalEditor } from 'lexical'
import { TITLE_MAX, type ArticleBody, type Draft, type DraftContent } from '@shared/model/draft'
import type { ArticleMetadata } from '@shared/model/metadata'
import type { Settings } from '@shared/settings'
import type { SaveState } from '../drafts/autosave'
import { ArticleBodyEditor } from './ArticleBodyEditor'
import { PhotoAssetsProvider } from './plugins/images/PhotoAssetsProvider'
import { SaveStatus } from './SaveStatus'
import { PreviewButton } from '../preview/PreviewButton'
import { loadArticleBody } from './body'
import { MetadataPanel } from '../metadata/MetadataPanel'

export type DraftEditorHandle = {
  /** Changes the title as if typed (used by 重命名 on the open draft, so the rename goes through autosave). */
  setTitle(title: string): void
  /**
   * Takes the metadata of a draft main has just written (a sign-off fills 校对/审核): the panel shows it and
   * the next autosave carries it, so a pending save cannot write the old names back.
   */
  adoptDraft(draft: Pick<Draft, 'metadata'>): void
}

type Props = {
  draft: Draft
  saveState: SaveState
  onChange(content: DraftContent): void
  onRetry(): void
  autoFocusTitle: boolean
  /** Required metadata and the credit line's template and script. */
  settings: Pick<Settings, 'requiredMetadata' | 'creditTemplate' | 'creditScript'>
  ref?: Ref<DraftEditorHandle>
}

/** Title, column and body of one draft. Keyed by draft id: a new draft gets fresh state and a fresh editor. */
export function DraftEditor({ draft, saveState, onChange, onRetry, autoFocusTitle, settings, ref }: Props) {
  const { t } = useTranslation()
  const [title, setTitle] = useState(draft.title)
  const [column, setColumn] = useState(draft.column)
  const [metadata, setMetadata] = useState<ArticleMetadata>(draft.metadata)
  /** Bumped when metadata is adopted from main: the panel starts over from the new values. */
  const [metadataGeneration, setMetadataGeneration] = useState(0)
  const content = useRef<DraftContent>({ title: draft.title, column: draft.column, body: draft.body, metadata: draft.metadata })
  const { requiredMetadata, creditTemplate, creditScript } = settings
  const output = useMemo(() => ({ creditTemplate, creditScript }), [creditTemplate, creditScript])
  const editorRef = useRef<LexicalEditor | null>(null)
  const titleInput = useRef<HTMLInputElement>(null)
  const loaded = useMemo(() => loadArticleBody(draft.body), [draft.body])

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
    },
    adoptDraft(next) {
      setMetadata(next.metadata)
      setMetadataGeneration((n) => n + 1)
      content.current = { ...content.current, metadata: next.metadata }
      // Only edits still waiting to be written need the adopted names; a clean draft needs no save.
      if (saveState.kind !== 'saved') onChange(content.current)
    }
  }))

  useEffect(() => {
    if (autoFocusTitle) titleInput.current?.focus()
  }, [autoFocusTitle])

  const readOnly = !loaded.ok
  return (
    <div className="draft-workbench">
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
          <PreviewButton draftId={draft.id} getSource={() => content.current} output={output} saveFailed={saveState.kind === 'failed'} />
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
      <MetadataPanel
        key={metadataGeneration}
        draftId={draft.id}
        column={column}
        metadata={metadata}
        required={requiredMetadata}
        output={output}
        readOnly={readOnly}
        getBody={() => content.current.body}
        onColumnChange={(next) => {
          setColumn(next)
          report({ column: next })
        }}
        onChange={(patch) => {
          const next = { ...(content.current.metadata ?? metadata), ...patch }
          setMetadata(next)
          report({ metadata: next })
        }}
      />
    </div>
  )
}
