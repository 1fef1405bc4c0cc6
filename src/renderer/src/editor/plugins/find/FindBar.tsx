import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { IS_APPLE } from 'lexical'
import { actionForKey } from '../../commands/shortcuts'
import { findSpans } from './findText'
import { $findInDocument, replaceMatches } from './documentSearch'
import { clearMatchPaint, paintMatches } from './paintMatches'

export type FindRequest = {
  mode: 'find' | 'replace'
  /** Selected text to search for, when the writer had some selected. */
  query: string | null
  /** Increases with every Ctrl+F / Ctrl+H, so asking again focuses the box again. */
  seq: number
}

type Props = { request: FindRequest; onClose(): void }

/** 查找替换: a bar under the toolbar. Matches are painted over the text, never written into it. */
export function FindBar({ request, onClose }: Props) {
  const { t } = useTranslation()
  const [editor] = useLexicalComposerContext()
  const [query, setQuery] = useState(request.query ?? '')
  const [replacement, setReplacement] = useState('')
  const [replaceMode, setReplaceMode] = useState(request.mode === 'replace')
  const [current, setCurrent] = useState(0)
  const [documentState, setDocumentState] = useState(() => editor.getEditorState())
  const [notice, setNotice] = useState<string | null>(null)
  const [seenRequest, setSeenRequest] = useState(request)
  const findInput = useRef<HTMLInputElement>(null)
  const replaceInput = useRef<HTMLInputElement>(null)
  const scrollToCurrent = useRef(true)

  if (seenRequest !== request) {
    // A new Ctrl+F / Ctrl+H while open: take the new selection and mode, keep what was typed otherwise.
    setSeenRequest(request)
    if (request.query) {
      setQuery(request.query)
      setCurrent(0)
    }
    if (request.mode === 'replace') setReplaceMode(true)
  }

  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState, dirtyElements, dirtyLeaves }) => {
        if (dirtyElements.size > 0 || dirtyLeaves.size > 0) setDocumentState(editorState)
      }),
    [editor]
  )

  const matches = useMemo(() => (query === '' ? [] : documentState.read(() => $findInDocument(query))), [documentState, query])
  // Past the last match (after replacing it) comes the first again, as in a word processor.
  const active = matches.length === 0 ? -1 : current % matches.length

  useEffect(() => {
    const range = paintMatches(editor, matches, active)
    if (range && scrollToCurrent.current) {
      scrollToCurrent.current = false
      range.startContainer.parentElement?.scrollIntoView({ block: 'nearest' })
    }
  }, [editor, matches, active])
  useEffect(() => clearMatchPaint, [])

  useEffect(() => {
    const target = request.mode === 'replace' && request.query ? replaceInput.current : findInput.current
    target?.focus()
    target?.select()
  }, [request])

  const go = (step: 1 | -1) => {
    if (matches.length === 0) return
    scrollToCurrent.current = true
    setNotice(null)
    setCurrent((active + step + matches.length) % matches.length)
  }

  const replaceOne = () => {
    const match = matches[active]
    if (!match) return
    replaceMatches(editor, [match], replacement)
    // A replacement that itself contains the query is not searched again at once.
    setCurrent(active + findSpans(replacement, query).length)
    scrollToCurrent.current = true
    setNotice(null)
  }

  const replaceAll = () => {
    const count = matches.length
    if (count === 0) return
    replaceMatches(editor, matches, replacement)
    setCurrent(0)
    setNotice(t('find.replacedAll', { value: count }))
  }

  const close = () => {
    clearMatchPaint()
    onClose()
    editor.focus()
  }

  const status =
    notice ?? (query === '' ? '' : matches.length === 0 ? t('find.noMatches') : t('find.position', { current: active + 1, total: matches.length }))

  return (
    <div
      className="find-bar"
      role="search"
      aria-label={t('find.label')}
      onKeyDown={(event) => {
        const action = actionForKey(event.nativeEvent, IS_APPLE)
        if (event.key === 'Escape') {
          event.preventDefault()
          close()
        } else if (action === 'find') {
          event.preventDefault()
          findInput.current?.focus()
          findInput.current?.select()
        } else if (action === 'replace') {
          event.preventDefault()
          setReplaceMode(true)
          requestAnimationFrame(() => replaceInput.current?.focus())
        }
      }}
    >
      <div className="find-row">
        <input
          ref={findInput}
          className="find-input"
          type="text"
          spellCheck={false}
          aria-label={t('find.query')}
          placeholder={t('find.query')}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value)
            setCurrent(0)
            setNotice(null)
            scrollToCurrent.current = true
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
              event.preventDefault()
              go(event.shiftKey ? -1 : 1)
            }
          }}
        />
        <span className="find-status" role="status">
          {status}
        </span>
        <button type="button" className="button button-small" onClick={() => go(-1)} disabled={matches.length === 0} title={t('find.previousHint')}>
          {t('find.previous')}
        </button>
        <button type="button" className="button button-small" onClick={() => go(1)} disabled={matches.length === 0} title={t('find.nextHint')}>
          {t('find.next')}
        </button>
        {!replaceMode && (
          <button type="button" className="button button-small" onClick={() => setReplaceMode(true)}>
            {t('find.showReplace')}
          </button>
        )}
        <button type="button" className="button button-small find-close" onClick={close} aria-label={t('find.close')} title={t('find.closeHint')}>
          ×
        </button>
      </div>
      {replaceMode && (
        <div className="find-row">
          <input
            ref={replaceInput}
            className="find-input"
            type="text"
            spellCheck={false}
            aria-label={t('find.replacement')}
            placeholder={t('find.replacement')}
            value={replacement}
            onChange={(event) => setReplacement(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
                event.preventDefault()
                replaceOne()
              }
            }}
          />
          <button type="button" className="button button-small" onClick={replaceOne} disabled={active < 0}>
            {t('find.replaceOne')}
          </button>
          <button type="button" className="button button-small" onClick={replaceAll} disabled={matches.length === 0}>
            {t('find.replaceAll')}
          </button>
        </div>
      )}
    </div>
  )
}
