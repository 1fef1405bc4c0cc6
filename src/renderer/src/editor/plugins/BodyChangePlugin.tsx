import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin'
import type { EditorState } from 'lexical'
import type { ArticleBody } from '@shared/model/draft'
import { storedBodyOf } from '../storedBody'

/** The body of one editor state, serialized the first time someone asks (an editor state never changes). */
export type ReadBody = () => ArticleBody

export function lazyBodyOf(editorState: EditorState): ReadBody {
  let body: ArticleBody | null = null
  return () => (body ??= storedBodyOf(editorState.toJSON()))
}

/**
 * Reports every edit with a reader of the body as the stored document. Serializing a long article takes
 * milliseconds, so it happens when the body is read (the autosave, the preview), not on every keystroke.
 * Selection-only updates (moving the caret) and the initial load are not edits and do not report.
 */
export function BodyChangePlugin({ onChange }: { onChange(readBody: ReadBody): void }) {
  return <OnChangePlugin ignoreSelectionChange ignoreHistoryMergeTagChange onChange={(editorState: EditorState) => onChange(lazyBodyOf(editorState))} />
}
