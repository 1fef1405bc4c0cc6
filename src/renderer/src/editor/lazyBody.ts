import type { EditorState } from 'lexical'
// Relative, not @shared: unit tests (tsconfig.node.json, Vitest) load this module and have no @shared alias.
import type { ArticleBody } from '../../../shared/model/draft'
import { storedBodyOf } from './storedBody'

/** The body of one editor state, serialized the first time someone asks (an editor state never changes). */
export type ReadBody = () => ArticleBody

export function lazyBodyOf(editorState: EditorState): ReadBody {
  let body: ArticleBody | null = null
  return () => (body ??= storedBodyOf(editorState.toJSON()))
}
