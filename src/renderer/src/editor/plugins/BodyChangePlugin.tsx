import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin'
import type { EditorState } from 'lexical'
import type { ArticleBody } from '@shared/model/draft'
import { storedBodyOf } from '../storedBody'

/**
 * Reports the body as the stored document after every edit. Selection-only updates (moving the caret) and
 * the initial load are not edits and do not report.
 */
export function BodyChangePlugin({ onChange }: { onChange(body: ArticleBody): void }) {
  return (
    <OnChangePlugin
      ignoreSelectionChange
      ignoreHistoryMergeTagChange
      onChange={(editorState: EditorState) => onChange(storedBodyOf(editorState.toJSON()))}
    />
  )
}
