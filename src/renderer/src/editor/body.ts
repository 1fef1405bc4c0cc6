import { createEditor, type EditorState } from 'lexical'
// Relative, not @shared: unit tests (tsconfig.node.json, Vitest) load this module and have no @shared alias.
import type { ArticleBody } from '../../../shared/model/draft'
import { articleNodes } from './nodes'

export type LoadedBody = { ok: true; initialState: string | undefined } | { ok: false; detail: string }

/**
 * The state the last check parsed, so the editor that opens the body next does not parse a long article a
 * second time (nodes are plain data: a state parsed with the same node list loads into any editor).
 */
let lastParsed: { json: string; state: EditorState } | null = null

/** The parsed form of `json` when loadArticleBody has just checked it; the editor parses it itself otherwise. */
export function takeParsedBody(json: string): EditorState | null {
  const hit = lastParsed?.json === json ? lastParsed.state : null
  lastParsed = null
  return hit
}

/**
 * Checks that a saved body can be loaded before the real editor sees it. A body Lexical cannot parse
 * (a node type this version does not know) must not turn into an empty editor: the next autosave would
 * then overwrite the article on disk.
 */
export function loadArticleBody(body: ArticleBody | null): LoadedBody {
  // An empty root is what Lexical refuses to set; a fresh editor starts with an empty paragraph anyway.
  if (!body || body.root.children.length === 0) return { ok: true, initialState: undefined }
  const json = JSON.stringify(body)
  try {
    const probe = createEditor({
      namespace: 'article-body-probe',
      nodes: [...articleNodes],
      onError: (error) => {
        throw error
      }
    })
    lastParsed = { json, state: probe.parseEditorState(json) }
    return { ok: true, initialState: json }
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) }
  }
}
