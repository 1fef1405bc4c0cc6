import { memo, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type ReactNode, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import type { LexicalEditor } from 'lexical'
import { TITLE_MAX, type Draft, type DraftContent } from '@shared/model/draft'
import type { ArticleMetadata } from '@shared/model/metadata'
import type { Settings } from '@shared/settings'
import { ArticleBodyEditor } from './ArticleBodyEditor'
import { PhotoAssetsProvider } from './plugins/images/PhotoAssetsProvider'
import { SaveStatus, useSaveState, type SaveStateSource } from './SaveStatus'
import { PreviewButton } from '../preview/PreviewButton'
import { loadArticleBody } from './body'
import { MetadataPanel, MetadataPanelPlaceholder } from '../metadata/MetadataPanel'
import { ARTICLE_LANG } from '../a11y/articleLang'
import { useAfterFirstPaint } from './useAfterFirstPaint'
import { articleOf } from '@shared/article/articleOf'
import { formatCreditLine } from '@shared/article/creditLine'
import { ChecksProvider, type FixableField } from '../checks/ChecksContext'
import { ChecksPanel } from '../checks/ChecksPanel'
import { useCheckOptions } from '../checks/checkOptions'

/** Reads the body as of one edit (null for a draft whose body was never written). */
type ReadBody = () => DraftContent['body']

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
  /** The draft's autosave, as far as its state goes: only the pieces showing that state follow it. */
  saves: SaveStateSource
  onChange(content: DraftContent): void
  onRetry(): void
  autoFocusTitle: boolean
  /** Required metadata and the credit line's template and script. */
  settings: Pick<Settings, 'requiredMetadata' | 'creditTemplate' | 'creditScript' | 'checks'> & Partial<Pick<Settings, 'wechatTemplate'>>
  /** Shown above the article and aligned with it, staying in view while the article scrolls (the workflow bar). */
  header?: ReactNode
  ref?: Ref<DraftEditorHandle>
}

/**
 * Title, column and body of one draft. Keyed by draft id: a new draft gets fresh state and a fresh editor.
 * Memoized: the app re-renders for the library (a save moves the draft to the top of the list), the editor
 * only when its own props change.
 */
export const DraftEditor = memo(function DraftEditor({ draft, saves, onChange, onRetry, autoFocusTitle, settings, header, ref }: Props) {
  const { t } = useTranslation()
  const [title, setTitle] = useState(draft.title)
  const [column, setColumn] = useState(draft.column)
  const [metadata, setMetadata] = useState<ArticleMetadata>(draft.metadata)
  /** Bumped when metadata is adopted from main: the panel starts over from the new values. */
  const [metadataGeneration, setMetadataGeneration] = useState(0)
  // What the autosave and the preview read. The body is read through `readBody`, so a keystroke never pays for
  // serializing the whole article; the content object made for each change keeps that change's body.
  const opened = { title: draft.title, column: draft.column, metadata: draft.metadata, readBody: () => draft.body }
  const parts = useRef<Omit<DraftContent, 'body'> & { readBody: ReadBody }>(opened)
  const content = useRef<DraftContent>(contentOf(opened))
  const { requiredMetadata, creditTemplate, creditScript, wechatTemplate } = settings
  const output = useMemo(() => ({ creditTemplate, creditScript }), [creditTemplate, creditScript])
  const editorRef = useRef<LexicalEditor | null>(null)
  const titleInput = useRef<HTMLTextAreaElement>(null)
  const loaded = useMemo(() => loadArticleBody(draft.body), [draft.body])
  const checkOptions = useCheckOptions(settings.checks, metadata.publishAt, settings.creditScript)
  const checkFields = useMemo(() => {
    let creditLine = ''
    try {
      const article = articleOf({ title, column, body: null, metadata }, output)
      creditLine = formatCreditLine(article.metadata, article.creditLine)
    } catch {
      // A broken template is reported in the settings; there is no line to check then.
    }
    return { title, subtitle: metadata.subtitle, summary: metadata.summary, creditLine, photographers: metadata.photographers }
  }, [title, column, metadata, output])

  const report = useCallback(
    (patch: Partial<Omit<DraftContent, 'body'> & { readBody: ReadBody }>) => {
      parts.current = { ...parts.current, ...patch }
      content.current = contentOf(parts.current)
      onChange(content.current)
    },
    [onChange]
  )
  const onBodyChange = useCallback((readBody: ReadBody) => report({ readBody }), [report])

  useImperativeHandle(ref, () => ({
    setTitle(next: string) {
      setTitle(next)
      report({ title: next })
    },
    adoptDraft(next) {
      setMetadata(next.metadata)
      setMetadataGeneration((n) => n + 1)
      parts.current = { ...parts.current, metadata: next.metadata }
      content.current = contentOf(parts.current)
      // Only edits still waiting to be written need the adopted names; a clean draft needs no save.
      if (saves.state.kind !== 'saved') onChange(content.current)
    }
  }))

  useEffect(() => {
    if (autoFocusTitle) titleInput.current?.focus()
  }, [autoFocusTitle])

  // The article first: 稿件信息 and the workflow bar come a frame later, so opening a draft paints its text
  // without waiting for the panels' fields, suggestions and requests.
  const panelsReady = useAfterFirstPaint()
  const fixField = useCallback(
    (field: FixableField, text: string) => {
      if (field === 'title') {
        setTitle(text)
        report({ title: text })
        return
      }
      const next = { ...(parts.current.metadata ?? metadata), [field]: text }
      setMetadata(next)
      report({ metadata: next })
    },
    [metadata, report]
  )

  const readOnly = !loaded.ok
  return (
    <ChecksProvider draftId={draft.id} fields={checkFields} options={checkOptions} editorRef={editorRef} onFixField={fixField}>
    <div className="draft-workbench">
      <div className="draft-column">
        {panelsReady && header}
        <div className="draft-scroll">
          <section className="draft-editor" aria-label={t('editor.region')}>
            <div className="draft-editor-head">
              {/* A one-line field that wraps a long headline instead of clipping it. */}
              <textarea
                ref={titleInput}
                className="draft-title-input"
                lang={ARTICLE_LANG}
                data-check-field="title"
                rows={1}
                aria-label={t('editor.title')}
                placeholder={t('editor.titlePlaceholder')}
                value={title}
                maxLength={TITLE_MAX}
                readOnly={readOnly}
                onChange={(event) => {
                  // A headline is one line: line breaks pasted into it become spaces.
                  const next = event.target.value.replace(/[\r\n]+/g, ' ')
                  setTitle(next)
                  report({ title: next })
                }}
                onKeyDown={(event) => {
                  // Enter ends the headline: carry on in the body, as in a word processor.
                  if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
                    event.preventDefault()
                    editorRef.current?.focus()
                  }
                }}
              />
              <SaveStatus source={saves} onRetry={onRetry} />
              <DraftPreviewButton draftId={draft.id} getSource={() => content.current} output={output} wechatTemplate={wechatTemplate} saves={saves} />
            </div>
            {loaded.ok ? (
              <PhotoAssetsProvider draftId={draft.id} photographers={metadata.photographers}>
                <ArticleBodyEditor initialState={loaded.initialState} onChange={onBodyChange} editorRef={editorRef} />
              </PhotoAssetsProvider>
            ) : (
              <p role="alert" className="banner banner-error">
                {t('editor.bodyUnreadable', { detail: loaded.detail })}
              </p>
            )}
          </section>
        </div>
        {loaded.ok && <ChecksPanel />}
      </div>
      {panelsReady ? (
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
          const next = { ...(parts.current.metadata ?? metadata), ...patch }
          setMetadata(next)
          report({ metadata: next })
        }}
      />
      ) : (
        <MetadataPanelPlaceholder />
      )}
    </div>
    </ChecksProvider>
  )
})

/** 预览, told whether the last save failed (the preview then says the file on disk is older). */
function DraftPreviewButton({ saves, ...props }: Omit<Parameters<typeof PreviewButton>[0], 'saveFailed'> & { saves: SaveStateSource }) {
  const failed = useSaveState(saves).kind === 'failed'
  return <PreviewButton {...props} saveFailed={failed} />
}

/** A draft's content whose body is serialized when first read (by the autosave, the preview, the library list). */
function contentOf({ readBody, ...rest }: Omit<DraftContent, 'body'> & { readBody: ReadBody }): DraftContent {
  return {
    ...rest,
    get body() {
      return readBody()
    }
  }
}
