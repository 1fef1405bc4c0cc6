import type { SerializedEditorState } from 'lexical'
// Relative, not @shared: unit tests (tsconfig.node.json, Vitest) load this module and have no @shared alias.
import type { ArticleBody } from '../../../shared/model/draft'
import { sanitizeArticleBody } from '../../../shared/article/schema'

/**
 * What a body costs to lose: the sanitizer keeps the text of a node it does not know, but not the node
 * (an image, say). When it would drop one, the editor's own JSON is saved instead; nothing typed is lost,
 * and publishing sanitizes again anyway.
 */
function losesContent(dropped: readonly string[]): boolean {
  return dropped.some((what) => what === 'body' || what.startsWith('node:') || what.startsWith('image:'))
}

/**
 * The editor state as it is saved: inside the closed article schema (no styles, no fields Lexical fills in
 * by default), so draft.json holds exactly what will be published.
 */
export function storedBodyOf(state: SerializedEditorState): ArticleBody {
  const { body, dropped } = sanitizeArticleBody(state)
  if (losesContent(dropped)) {
    console.warn('article body kept as edited: the schema would drop', dropped)
    return state as unknown as ArticleBody
  }
  return body as unknown as ArticleBody
}
