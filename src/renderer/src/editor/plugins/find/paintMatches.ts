import type { LexicalEditor, NodeKey } from 'lexical'
import type { DocumentMatch } from './documentSearch'

/** The DOM text node and offset of a point in a Lexical text block (find and 发布前检查 mark over these). */
export function domPoint(editor: LexicalEditor, key: NodeKey, offset: number): [Node, number] | null {
  const element = editor.getElementByKey(key)
  if (!element) return null
  const text = document.createTreeWalker(element, NodeFilter.SHOW_TEXT).nextNode()
  if (!text) return null
  return [text, Math.min(offset, text.textContent?.length ?? 0)]
}

export function domRangeOf(editor: LexicalEditor, match: DocumentMatch): Range | null {
  const start = domPoint(editor, match.start.key, match.start.offset)
  const end = domPoint(editor, match.end.key, match.end.offset)
  if (!start || !end) return null
  const range = document.createRange()
  range.setStart(start[0], start[1])
  range.setEnd(end[0], end[1])
  return range
}

const ALL_MATCHES = 'newsroom-find'
const CURRENT_MATCH = 'newsroom-find-current'

/**
 * Paints the matches with the CSS Custom Highlight API: ranges over the rendered text, nothing added to
 * the document or even to the DOM, so nothing can be saved by mistake.
 */
export function paintMatches(editor: LexicalEditor, matches: readonly DocumentMatch[], current: number): Range | null {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return null
  const all: Range[] = []
  let currentRange: Range | null = null
  for (const [index, match] of matches.entries()) {
    const range = domRangeOf(editor, match)
    if (!range) continue
    if (index === current) currentRange = range
    else all.push(range)
  }
  CSS.highlights.set(ALL_MATCHES, new Highlight(...all))
  if (currentRange) CSS.highlights.set(CURRENT_MATCH, new Highlight(currentRange))
  else CSS.highlights.delete(CURRENT_MATCH)
  return currentRange
}

export function clearMatchPaint(): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return
  CSS.highlights.delete(ALL_MATCHES)
  CSS.highlights.delete(CURRENT_MATCH)
}
