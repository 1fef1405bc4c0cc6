import type { RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { LexicalEditor } from 'lexical'
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer'
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin'
import { ContentEditable } from '@lexical/react/LexicalContentEditable'
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin'
import { EditorRefPlugin } from '@lexical/react/LexicalEditorRefPlugin'
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary'
import type { ArticleBody } from '@shared/model/draft'
import { articleNodes } from './nodes'
import { articleTheme } from './theme/articleTheme'
import { BodyChangePlugin } from './plugins/BodyChangePlugin'

type Props = {
  /** Serialized editor state checked by loadArticleBody; undefined starts with an empty paragraph. Read once. */
  initialState: string | undefined
  onChange(body: ArticleBody): void
  editorRef: RefObject<LexicalEditor | null>
}

/** The article body: a Lexical rich-text editor. Mount it with a key per draft so each draft gets a fresh editor. */
export function ArticleBodyEditor({ initialState, onChange, editorRef }: Props) {
  const { t } = useTranslation()
  const initialConfig: InitialConfigType = {
    namespace: 'campus-newsroom-article',
    nodes: [...articleNodes],
    theme: articleTheme,
    editorState: initialState,
    onError: (error) => {
      // Lexical recovers from most update errors; log so the E2E harness and developers see them.
      console.error('editor error', error)
    }
  }
  const placeholder = t('editor.bodyPlaceholder')
  return (
    <LexicalComposer initialConfig={initialConfig}>
      <div className="article-body">
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              className="article-body-input"
              aria-label={t('editor.body')}
              aria-multiline
              spellCheck={false}
              aria-placeholder={placeholder}
              placeholder={<div className="article-body-placeholder">{placeholder}</div>}
            />
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
        <HistoryPlugin />
        <EditorRefPlugin editorRef={editorRef} />
        <BodyChangePlugin onChange={onChange} />
      </div>
    </LexicalComposer>
  )
}
