import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getRoot, $getSelection, $isRangeSelection, type EditorState } from 'lexical'
import { countWords } from '@shared/article/wordCount'

type Counts = { body: number; selection: number }

function countsOf(editorState: EditorState, body: number | null): Counts {
  return editorState.read(() => {
    const selection = $getSelection()
    const selected = $isRangeSelection(selection) && !selection.isCollapsed() ? countWords(selection.getTextContent()) : 0
    return { body: body ?? countWords($getRoot().getTextContent()), selection: selected }
  })
}

/** 字数 under the body, counted as Chinese word processors count, with the selection's count beside it. */
export function WordCountPlugin() {
  const [editor] = useLexicalComposerContext()
  const { t, i18n } = useTranslation()
  const [counts, setCounts] = useState<Counts>(() => countsOf(editor.getEditorState(), null))

  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState, dirtyElements, dirtyLeaves }) => {
        // Moving the caret changes only the selection count: the body is recounted only after an edit.
        const edited = dirtyElements.size > 0 || dirtyLeaves.size > 0
        setCounts((previous) => {
          const next = countsOf(editorState, edited ? null : previous.body)
          return next.body === previous.body && next.selection === previous.selection ? previous : next
        })
      }),
    [editor]
  )

  const format = new Intl.NumberFormat(i18n.language)
  return (
    <div className="word-count">
      <span className="word-count-body">{t('wordCount.body', { value: format.format(counts.body) })}</span>
      {counts.selection > 0 && (
        <span className="word-count-selection">
          {' · '}
          {t('wordCount.selection', { value: format.format(counts.selection) })}
        </span>
      )}
    </div>
  )
}
