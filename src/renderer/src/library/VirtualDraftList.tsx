import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { LibraryHit } from '@shared/library/query'
import type { DraftStatus, DraftSummary } from '@shared/model/draft'
import { lastEditedTexts } from './lastEdited'
import { useChain } from '../workflow/ChainContext'
import { statusClass, statusText } from '../workflow/chainText'
import { scrollToShow, visibleRows } from './libraryView'
import { FIRST_ROW_TIMING, markFirstRows } from './startMarks'

/** Two lines of 13 px text: at least twelve drafts show in a maximized window on a 1366×768 screen. */
export const ROW_HEIGHT = 36
const ROW_HEIGHT_WITH_SNIPPET = 52

type Actions = { onOpen(id: string): void; onRename(draft: DraftSummary): void; onDuplicate(id: string): void; onTrash(id: string): void }

type Props = Actions & {
  drafts: DraftSummary[]
  hits: ReadonlyMap<string, LibraryHit>
  selectedId: string | null
  now: Date
  label: string
}

type Menu = { draft: DraftSummary; x: number; y: number }

/**
 * The active drafts as a compact list that draws only the rows in view, so 5,000 drafts scroll like 50.
 * ↑/↓ move between drafts, Enter opens, the ⋯ button, the context-menu key or Shift+F10 open the actions.
 */
export function VirtualDraftList({ drafts, hits, selectedId, now, label, ...actions }: Props) {
  const scroller = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  // The window's height until the scroller's own is observed: enough rows for the first screen, known without
  // asking the browser for a layout before the first paint.
  const [height, setHeight] = useState(() => window.innerHeight)
  const [menu, setMenu] = useState<Menu | null>(null)
  const focusAfterRender = useRef<string | null>(null)
  const rowHeight = hits.size > 0 ? ROW_HEIGHT_WITH_SNIPPET : ROW_HEIGHT

  // Observed, not measured: reading clientHeight here would force the first layout inside React's commit, and the
  // new height a second render before the first paint. The observer reports after layout, the rows follow.
  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    const observer = new ResizeObserver(() => setHeight(element.clientHeight))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  // The open draft (a new one, or one opened from elsewhere) is scrolled into view.
  useEffect(() => {
    const element = scroller.current
    const index = selectedId ? drafts.findIndex((draft) => draft.id === selectedId) : -1
    if (!element || index < 0) return
    const next = scrollToShow(index, element.scrollTop, element.clientHeight, rowHeight)
    if (next !== null) element.scrollTop = next
    // Only when the selection changes: scrolling away from the open draft afterwards is the person's choice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId])

  useEffect(() => {
    const id = focusAfterRender.current
    if (!id) return
    focusAfterRender.current = null
    scroller.current?.querySelector<HTMLElement>(`[data-draft-id="${id}"] .draft-open`)?.focus()
  })

  const lastFocused = useRef<{ id: string; index: number } | null>(null)
  /** The one row Tab stops at (roving tabindex): the last one focused, else the open draft, else the first in view. */
  const [focusedId, setFocusedId] = useState<string | null>(null)

  const moveFocus = (index: number) => {
    const element = scroller.current
    const target = drafts[Math.max(0, Math.min(drafts.length - 1, index))]
    if (!element || !target) return
    const next = scrollToShow(drafts.indexOf(target), element.scrollTop, element.clientHeight, rowHeight)
    if (next !== null) {
      element.scrollTop = next
      setScrollTop(next)
    }
    focusAfterRender.current = target.id
    // Rendered already: focus now; otherwise the effect above does it after the rows for `next` are drawn.
    const row = element.querySelector<HTMLElement>(`[data-draft-id="${target.id}"] .draft-open`)
    if (row) {
      focusAfterRender.current = null
      row.focus()
    }
  }

  // A draft moved to the trash takes its row with it: focus goes to the draft that took its place, not the page.
  useEffect(() => {
    const last = lastFocused.current
    if (!last || drafts.some((draft) => draft.id === last.id)) return
    lastFocused.current = null
    const active = document.activeElement
    if (drafts.length > 0 && (!active || active === document.body || !active.isConnected)) moveFocus(Math.min(last.index, drafts.length - 1))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [drafts])

  const { t, i18n } = useTranslation()
  const chain = useChain()
  // What every row says alike, looked up once for the list rather than once per row.
  const words = useMemo<RowWords>(() => {
    const statuses = new Map<DraftStatus, string>()
    return {
      t,
      language: i18n.language,
      untitled: t('library.untitled'),
      justNow: t('library.justNow'),
      actions: t('library.actions'),
      status: (status) => {
        let text = statuses.get(status)
        if (text === undefined) statuses.set(status, (text = statusText(status, chain, t)))
        return text
      }
    }
  }, [t, i18n.language, chain])

  const { first, last } = visibleRows(scrollTop, height, rowHeight, drafts.length)
  const rows = drafts.slice(first, last + 1)
  const hasRows = rows.length > 0
  useLayoutEffect(() => {
    if (hasRows) markFirstRows()
  }, [hasRows])
  const preferredStop = [focusedId, selectedId].find((id) => id !== null && rows.some((draft) => draft.id === id))
  const tabStopId = preferredStop ?? rows[0]?.id

  return (
    <div
      className="library-scroller"
      ref={scroller}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onFocus={(event) => {
        const id = event.target.closest<HTMLElement>('[data-draft-id]')?.dataset['draftId']
        const index = id ? drafts.findIndex((draft) => draft.id === id) : -1
        if (id && index >= 0) {
          lastFocused.current = { id, index }
          setFocusedId(id)
        }
      }}
    >
      <ul className="draft-rows" aria-label={label} style={{ height: drafts.length * rowHeight }}>
        {rows.map((draft, offset) => {
          const index = first + offset
          return (
            <DraftRow
              key={draft.id}
              draft={draft}
              hit={hits.get(draft.id)}
              index={index}
              count={drafts.length}
              top={index * rowHeight}
              height={rowHeight}
              selected={draft.id === selectedId}
              tabStop={draft.id === tabStopId}
              now={now}
              words={words}
              onOpen={() => actions.onOpen(draft.id)}
              onMenu={(x, y) => setMenu({ draft, x, y })}
              onMove={(delta) => moveFocus(delta === 'first' ? 0 : delta === 'last' ? drafts.length - 1 : index + delta)}
            />
          )
        })}
      </ul>
      {menu && (
        <DraftMenu
          menu={menu}
          onClose={() => {
            const id = menu.draft.id
            setMenu(null)
            scroller.current?.querySelector<HTMLElement>(`[data-draft-id="${id}"] .draft-open`)?.focus()
          }}
          {...actions}
        />
      )}
    </div>
  )
}

type RowWords = {
  t: TFunction
  language: string
  untitled: string
  justNow: string
  actions: string
  status(status: DraftStatus): string
}

type RowProps = {
  draft: DraftSummary
  hit: LibraryHit | undefined
  index: number
  count: number
  top: number
  height: number
  selected: boolean
  tabStop: boolean
  now: Date
  words: RowWords
  onOpen(): void
  onMenu(x: number, y: number): void
  onMove(delta: number | 'first' | 'last'): void
}

function DraftRow({ draft, hit, index, count, top, height, selected, tabStop, now, words, onOpen, onMenu, onMove }: RowProps) {
  const { t } = words
  const ids = useId()
  const untitled = draft.title.trim() === ''
  const title = untitled ? words.untitled : draft.title
  // Dates before yesterday without their clock, which took the 栏目's room at 1024 px; the whole time on hover.
  const edited = lastEditedTexts(draft.updatedAt, now, words.language, words.justNow)
  const titleParts = hit?.matches.find((match) => match.field === 'title')?.parts
  const snippet = hit?.matches.find((match) => match.field !== 'title')

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const keys: Record<string, number | 'first' | 'last'> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: 'first', End: 'last' }
    const move = keys[event.key]
    if (move !== undefined && event.currentTarget.classList.contains('draft-open')) {
      event.preventDefault()
      onMove(move)
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      // The row is one Tab stop; → and ← go between the draft and its ⋯ button.
      event.preventDefault()
      const other = event.currentTarget.parentElement?.querySelector<HTMLElement>(event.key === 'ArrowRight' ? '.draft-more' : '.draft-open')
      other?.focus()
    } else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault()
      const box = event.currentTarget.getBoundingClientRect()
      onMenu(box.left + 24, box.bottom)
    }
  }
  const onContextMenu = (event: MouseEvent) => {
    event.preventDefault()
    onMenu(event.clientX, event.clientY)
  }

  return (
    <li
      className={`draft-item draft-row${selected ? ' draft-item-selected' : ''}`}
      data-draft-id={draft.id}
      style={{ top, height }}
      aria-labelledby={`${ids}-title`}
      aria-setsize={count}
      aria-posinset={index + 1}
      onContextMenu={onContextMenu}
    >
      <button type="button" className="draft-open" aria-current={selected ? 'true' : undefined} tabIndex={tabStop ? 0 : -1} title={title} onClick={onOpen} onKeyDown={onKeyDown}>
        <span id={`${ids}-title`} className={`draft-title${untitled ? ' draft-title-untitled' : ''}`} {...(index === 0 ? { elementtiming: FIRST_ROW_TIMING } : {})}>
          {titleParts ? <Marked parts={titleParts} /> : title}
        </span>
        <span className="draft-meta">
          <span className={`status-chip ${statusClass(draft.status)}`}>{words.status(draft.status)}</span>
          {draft.column && <span className="draft-column-name">{draft.column}</span>}
          <time dateTime={draft.updatedAt} className="draft-time" title={edited.whole === edited.shown ? undefined : edited.whole}>
            {edited.shown}
          </time>
        </span>
        {snippet && (
          <span className="draft-snippet">
            <span className="draft-snippet-field">{t(`library.field.${snippet.field}`)}</span>
            <Marked parts={snippet.parts} />
          </span>
        )}
      </button>
      <button
        type="button"
        className="draft-more"
        aria-label={t('library.actionsFor', { title })}
        aria-haspopup="menu"
        tabIndex={-1}
        title={words.actions}
        onKeyDown={onKeyDown}
        onClick={(event) => {
          const box = event.currentTarget.getBoundingClientRect()
          onMenu(box.left, box.bottom)
        }}
      >
        ⋯
      </button>
    </li>
  )
}

function Marked({ parts }: { parts: LibraryHit['matches'][number]['parts'] }) {
  return (
    <>
      {parts.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </>
  )
}

function DraftMenu({ menu, onClose, onRename, onDuplicate, onTrash }: Actions & { menu: Menu; onClose(): void }) {
  const { t } = useTranslation()
  const list = useRef<HTMLDivElement>(null)
  useEffect(() => {
    list.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
  }, [])
  const run = (action: () => void) => () => {
    onClose()
    action()
  }
  const items = [
    { key: 'rename', label: t('library.rename'), run: run(() => onRename(menu.draft)) },
    { key: 'duplicate', label: t('library.duplicate'), run: run(() => onDuplicate(menu.draft.id)) },
    { key: 'trash', label: t('library.moveToTrash'), run: run(() => onTrash(menu.draft.id)), danger: true }
  ]
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
    const at = buttons.indexOf(document.activeElement as HTMLElement)
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault()
      onClose()
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      buttons[(at + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus()
    }
  }
  return (
    <>
      <div className="draft-menu-backdrop" onClick={onClose} onContextMenu={(event) => (event.preventDefault(), onClose())} />
      <div
        ref={list}
        role="menu"
        aria-label={t('library.actionsFor', { title: menu.draft.title.trim() || t('library.untitled') })}
        className="draft-menu"
        style={{ left: Math.min(menu.x, window.innerWidth - 180), top: Math.min(menu.y, window.innerHeight - 120) }}
        onKeyDown={onKeyDown}
      >
        {items.map((item) => (
          <button key={item.key} type="button" role="menuitem" tabIndex={-1} className={`draft-menu-item${item.danger ? ' draft-menu-item-danger' : ''}`} onClick={item.run}>
            {item.label}
          </button>
        ))}
      </div>
    </>
  )
}
