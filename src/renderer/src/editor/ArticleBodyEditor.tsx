import type { RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { LexicalEditor } from 'lexical'
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer'
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin'
import { ContentEditable } from '@lexical/react/LexicalContentEditable'
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin'
import { EditorRefPlugin } from '@lexical/react/LexicalEditorRefPlugin'
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary'
import { articleNodes } from './nodes'
import { articleTheme } from './theme/articleTheme'
import { BodyChangePlugin, type ReadBody } from './plugins/BodyChangePlugin'
import { ListPlugin } from '@lexical/react/LexicalListPlugin'
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin'
import { HorizontalRulePlugin } from '@lexical/react/LexicalHorizontalRulePlugin'
import { safeLinkHref } from '@shared/article/schema'
import { FormatToolbar } from './plugins/toolbar/FormatToolbar'
import { EditorShortcutsPlugin } from './plugins/EditorShortcutsPlugin'
import { LinkOpenPlugin } from './plugins/LinkOpenPlugin'
import { ImagesPlugin } from './plugins/images/ImagesPlugin'
import { PastePlugin } from './plugins/paste/PastePlugin'
import { WordCountPlugin } from './plugins/WordCountPlugin'
import { useFirstLineIndent } from './firstLineIndent'
import { takeParsedBody } from './body'
import { ARTICLE_LANG } from '../a11y/articleLang'
import { CheckPlugin } from '../checks/CheckPlugin'

type Props = {
  /** Serialized editor state checked by loadArticleBody; undefined starts with an empty paragraph. Read once. */
  initialState: string | undefined
  /** Called on every edit with a reader of the body (serialized when read). */
  onChange(readBody: ReadBody): void
  editorRef: RefObject<LexicalEditor | null>
}

/** The article body: a Lexical rich-text editor. Mount it with a key per draft so each draft gets a fresh editor. */
export function ArticleBodyEditor({ initialState, onChange, editorRef }: Props) {
  const { t } = useTranslation()
  const initialConfig: InitialConfigType = {
    namespace: 'campus-newsroom-article',
    nodes: [...articleNodes],
    theme: articleTheme,
    editorState: initialState === undefined ? undefined : (takeParsedBody(initialState) ?? initialState),
    onError: (error) => {
      // Lexical recovers from most update errors; log so the E2E harness and developers see them.
      console.error('editor error', error)
    }
  }
  const placeholder = t('editor.bodyPlaceholder')
  const firstLineIndent = useFirstLineIndent()
  return (
    <LexicalComposer initialConfig={initialConfig}>
      <FormatToolbar />
      <div className="article-body">
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              className={firstLineIndent ? 'article-body-input first-line-indent' : 'article-body-input'}
              aria-label={t('editor.body')}
              lang={ARTICLE_LANG}
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
        <ListPlugin />
        <LinkPlugin validateUrl={(url) => safeLinkHref(url) !== null} />
        <HorizontalRulePlugin />
        <EditorShortcutsPlugin />
        <LinkOpenPlugin />
        <ImagesPlugin />
        <PastePlugin />
        <CheckPlugin />
      </div>
      <WordCountPlugin />
    </LexicalComposer>
  )
}
