import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { LibraryView as LibraryQueryView } from '@shared/library/query'
import type { DraftSummary } from '@shared/model/draft'
import { TrashListItem } from './DraftListItem'
import { ImportDocxButton } from '../import/ImportDocxButton'
import { ImportPackageButton } from '../packages/ImportPackageButton'
import { LibraryControls } from './LibraryControls'
import { isPlainView as isPlain, loadLibraryView, saveLibraryView } from './libraryView'
import { useLibraryQuery } from './useLibraryQuery'
import { VirtualDraftList } from './VirtualDraftList'
import './library.css'

export type LibraryView = 'active' | 'trash'

type Props = {
  view: LibraryView
  onViewChange(view: LibraryView): void
  drafts: DraftSummary[]
  trash: DraftSummary[]
  loaded: boolean
  selectedId: string | null
  now: Date
  onCreate(): void
  onOpen(id: string): void
  onRename(draft: DraftSummary): void
  onDuplicate(id: string): void
  onTrash(id: string): void
  onRestore(id: string): void
  onEmptyTrash(): void
  onOpenSettings(): void
  /** A draft made by 导入 Word 文档: list it and open it. */
  onImported(id: string): Promise<void>
  /** Closes the draft in the editor if it is open (before a package replaces it); false when it cannot be saved. */
  closeIfOpen(id: string): Promise<boolean>
}

const VIEWS: LibraryView[] = ['active', 'trash']

/** The left column: new draft, the drafts with search, filters and sort, and the trash. */
export function DraftLibrary(props: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const tabs = useRef<Record<LibraryView, HTMLButtonElement | null>>({ active: null, trash: null })
  const tabId = (view: LibraryView) => `${ids}-tab-${view}`
  const panelId = (view: LibraryView) => `${ids}-panel-${view}`

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return
    event.preventDefault()
    const next = props.view === 'active' ? 'trash' : 'active'
    props.onViewChange(next)
    tabs.current[next]?.focus()
  }

  return (
    <aside className="library" aria-label={t('library.label')}>
      <header className="library-head">
        <h1 className="app-name">{t('app.name')}</h1>
        <button type="button" className="button button-quiet" onClick={props.onOpenSettings}>
          {t('app.settings')}
        </button>
      </header>
      <div className="library-create">
        <button type="button" className="button button-primary new-draft" onClick={props.onCreate}>
          {t('library.newDraft')}
        </button>
        <ImportDocxButton onImported={props.onImported} />
        <ImportPackageButton onImported={props.onImported} closeIfOpen={props.closeIfOpen} />
      </div>
      <div role="tablist" aria-label={t('library.views')} className="library-tabs">
        {VIEWS.map((view) => (
          <button
            key={view}
            ref={(element) => {
              tabs.current[view] = element
            }}
            type="button"
            role="tab"
            id={tabId(view)}
            aria-selected={props.view === view}
            aria-controls={panelId(view)}
            tabIndex={props.view === view ? 0 : -1}
            className="library-tab"
            onClick={() => props.onViewChange(view)}
            onKeyDown={onTabKey}
          >
            {view === 'active' ? t('library.tabActive') : t('library.tabTrash')}
            {/* The count stays out of the tab's name so "回收站" names it whatever it holds. */}
            {view === 'trash' && props.trash.length > 0 && (
              <span className="tab-count" aria-hidden="true">
                {' '}
                {props.trash.length}
              </span>
            )}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId(props.view)} aria-labelledby={tabId(props.view)} className="library-panel">
        {props.view === 'active' ? <ActiveList {...props} /> : <TrashList {...props} />}
      </div>
    </aside>
  )
}

function ActiveList({ drafts, loaded, selectedId, now, onOpen, onRename, onDuplicate, onTrash }: Props) {
  const { t } = useTranslation()
  const [view, setView] = useState<LibraryQueryView>(() => loadLibraryView(window.localStorage))
  useEffect(() => saveLibraryView(window.localStorage, view), [view])
  const found = useLibraryQuery(view, drafts, loaded)
  if (!loaded) return <p className="library-empty">{t('app.loading')}</p>
  if (drafts.length === 0) return <p className="library-empty">{t('library.empty')}</p>
  const searching = found.rows !== drafts
  return (
    <>
      <LibraryControls view={view} onChange={setView} choices={found.choices} noUserName={found.noUserName} />
      <p className="library-count" aria-live="polite">
        {found.failed
          ? t('library.searchFailed')
          : !found.ready && !isPlain(view)
            ? t('library.indexing')
            : searching
              ? t('library.found', { count: found.rows.length })
              : t('library.total', { count: drafts.length })}
      </p>
      {searching && found.rows.length === 0 ? (
        <p className="library-empty">{t('library.noMatch')}</p>
      ) : (
        <VirtualDraftList
          drafts={found.rows}
          hits={found.hits}
          selectedId={selectedId}
          now={now}
          label={t('library.listLabel')}
          onOpen={onOpen}
          onRename={onRename}
          onDuplicate={onDuplicate}
          onTrash={onTrash}
        />
      )}
    </>
  )
}

function TrashList({ trash, now, onRestore, onEmptyTrash }: Props) {
  const { t } = useTranslation()
  if (trash.length === 0) return <p className="library-empty">{t('library.trashEmpty')}</p>
  return (
    <>
      <div className="trash-head">
        <p className="trash-hint">{t('library.trashHint')}</p>
        <button type="button" className="button button-danger button-small" onClick={onEmptyTrash}>
          {t('library.emptyTrash')}
        </button>
      </div>
      <ul className="draft-list" aria-label={t('library.trashListLabel')}>
        {trash.map((draft) => (
          <TrashListItem key={draft.id} draft={draft} now={now} onRestore={() => onRestore(draft.id)} />
        ))}
      </ul>
    </>
  )
}
