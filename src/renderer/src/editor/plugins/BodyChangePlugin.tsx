import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin'
import type { EditorState } from 'lexical'
import type { ArticleBody } from '@shared/model/draft'

/**
 * Reports the body as the serialized editor state after every edit. Selection-only updates (moving the
 * caret) and the initial load are not edits and do not report.
 */
export function BodyChangePlugin({ onChange }: { onChange(body: ArticleBody): void }) {
  return (
    <OnChangePlugin
      ignoreSelectionChange
      ignoreHistoryMergeTagChange
      onChange={(editorState: EditorState) => onChange(editorState.toJSON() as unknown as ArticleBody)}
    />
  )
}
