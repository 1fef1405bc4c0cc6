import {
  $createRangeSelection,
  $getNodeByKey,
  $getRoot,
  $isElementNode,
  $isTextNode,
  $setSelection,
  HISTORY_PUSH_TAG,
  SKIP_DOM_SELECTION_TAG,
  type ElementNode,
  type LexicalEditor,
  type NodeKey
} from 'lexical'
import { findInRuns, type RunMatch, type TextRun } from './findText'

export type DocumentMatch = RunMatch<NodeKey>

/** The body's text, one run per block; line breaks and pictures end a run, so no match reaches across them. */
export function $collectTextRuns(): TextRun<NodeKey>[] {
  const runs: TextRun<NodeKey>[] = []
  const visitBlock = (block: ElementNode) => {
    let pieces: { key: NodeKey; text: string }[] = []
    const close = () => {
      if (pieces.length > 0) runs.push({ pieces })
      pieces = []
    }
    const visitInline = (element: ElementNode) => {
      for (const child of element.getChildren()) {
        if ($isTextNode(child)) pieces.push({ key: child.getKey(), text: child.getTextContent() })
        else if ($isElementNode(child) && child.isInline()) visitInline(child)
        else if ($isElementNode(child)) {
          close()
          visitBlock(child)
        } else close()
      }
    }
    visitInline(block)
    close()
  }
  visitBlock($getRoot())
  return runs
}

export function $findInDocument(query: string): DocumentMatch[] {
  return findInRuns($collectTextRuns(), query)
}

/**
 * Replaces the given matches (found in the current state) in one update, so one undo brings them all back.
 * Last first: a replacement then never moves the offsets of a match still to be done.
 */
export function replaceMatches(editor: LexicalEditor, matches: readonly DocumentMatch[], replacement: string): void {
  if (matches.length === 0) return
  editor.update(
    () => {
      for (const match of [...matches].reverse()) {
        if (!$isTextNode($getNodeByKey(match.start.key)) || !$isTextNode($getNodeByKey(match.end.key))) continue
        const selection = $createRangeSelection()
        selection.anchor.set(match.start.key, match.start.offset, 'text')
        selection.focus.set(match.end.key, match.end.offset, 'text')
        $setSelection(selection)
        selection.insertText(replacement)
      }
    },
    // The find bar keeps the keyboard: moving the DOM selection would pull focus into the body.
    { tag: [HISTORY_PUSH_TAG, SKIP_DOM_SELECTION_TAG] }
  )
}
