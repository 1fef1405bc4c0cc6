import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin'
import type { EditorState } from 'lexical'
import { lazyBodyOf, type ReadBody } from '../lazyBody'

export type { ReadBody }

/**
 * Reports every edit with a reader of the body as the stored document. Serializing a long article takes
 * milliseconds, so it happens when the body is read (the autosave, the preview), not on every keystroke.
 * Selection-only updates (moving the caret) and the initial load are not edits and do not report.
 */
export function BodyChangePlugin({ onChange }: { onChange(readBody: ReadBody): void }) {
  return <OnChangePlugin ignoreSelectionChange ignoreHistoryMergeTagChange onChange={(editorState: EditorState) => onChange(lazyBodyOf(editorState))} />
}
