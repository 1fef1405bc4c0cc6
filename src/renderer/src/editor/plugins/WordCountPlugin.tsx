import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getRoot, $getSelection, $isRangeSelection, type EditorState, type NodeKey } from 'lexical'
import { countWords } from '@shared/article/wordCount'
import { useAfterFirstPaint } from '../useAfterFirstPaint'

type Counts = { body: number; selection: number }

/**
 * Counts of the body's blocks by key, kept from one edit to the next: typing recounts only the block that
 * changed, not a 20,000-character article on every key. Tokens never span blocks (getTextContent puts blank
 * lines between them), so the body's count is the sum of its blocks' counts.
 */
type BlockCounts = Map<NodeKey, { text: string; count: number }>

function $bodyCount(cache: BlockCounts): number {
  let total = 0
  const seen = new Set<NodeKey>()
  for (const block of $getRoot().getChildren()) {
    const key = block.getKey()
    const text = block.getTextContent()
    const cached = cache.get(key)
    const count = cached && cached.text === text ? cached.count : countWords(text)
    if (cached?.text !== text) cache.set(key, { text, count })
    seen.add(key)
    total += count
  }
  for (const key of cache.keys()) if (!seen.has(key)) cache.delete(key)
  return total
}

function countsOf(editorState: EditorState, cache: BlockCounts, body: number | null): Counts {
  return editorState.read(() => {
    const selection = $getSelection()
    const selected = $isRangeSelection(selection) && !selection.isCollapsed() ? countWords(selection.getTextContent()) : 0
    return { body: body ?? $bodyCount(cache), selection: selected }
  })
}

/** 字数 under the body, counted as Chinese word processors count, with the selection's count beside it. */
export function WordCountPlugin() {
  const [editor] = useLexicalComposerContext()
  const { t, i18n } = useTranslation()
  // One editor per mount (the composer is keyed by draft), so the cache lives as long as the component.
  const [cache] = useState<BlockCounts>(() => new Map())
  // Counted after the article is first painted (a long one takes milliseconds to count), not while it opens.
  const [counts, setCounts] = useState<Counts | null>(null)
  const shown = useRef<Counts | null>(null)
  const painted = useAfterFirstPaint()

  useEffect(() => {
    if (!painted) return
    const show = (next: Counts) => {
      if (next.body === shown.current?.body && next.selection === shown.current.selection) return
      shown.current = next
      setCounts(next)
    }
    show(countsOf(editor.getEditorState(), cache, null))
    return editor.registerUpdateListener(({ editorState, dirtyElements, dirtyLeaves }) => {
      // Moving the caret changes only the selection count: the body is recounted only after an edit.
      const edited = dirtyElements.size > 0 || dirtyLeaves.size > 0
      // Counted here rather than in a state updater, which React may run twice or long after the key press.
      show(countsOf(editorState, cache, edited ? null : (shown.current?.body ?? null)))
    })
  }, [editor, cache, painted])

  const format = new Intl.NumberFormat(i18n.language)
  return (
    <div className="word-count">
      <span className="word-count-body">{counts && t('wordCount.body', { value: format.format(counts.body) })}</span>
      {counts && counts.selection > 0 && (
        <span className="word-count-selection">
          {' · '}
          {t('wordCount.selection', { value: format.format(counts.selection) })}
        </span>
      )}
    </div>
  )
}
