import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { AppErrorCode } from '@shared/errors'
import type { Draft, DraftContent, DraftSummary, QuarantinedDraft } from '@shared/model/draft'
import { TITLE_MAX } from '@shared/model/limits'
import type { Settings, SettingsPatch } from '@shared/settings'
import { DEFAULT_SETTINGS } from '@shared/settingsDefaults'
import { createAutosave, type Autosave } from './drafts/autosave'
import { errorCodeOf, errorDetailOf } from './drafts/errorText'
import type { DraftEditorHandle } from './editor/DraftEditor'
import { DraftLibrary, type LibraryView } from './library/DraftLibrary'
import { QuarantineBanner } from './library/QuarantineBanner'
import { RenameDialog } from './library/RenameDialog'
import { EmptyTrashDialog } from './library/EmptyTrashDialog'
import { withSavedContent, withSummary } from './library/summaries'
import { askFirstScreen, readyEarly, takeEarly, type DraftListAnswer } from './library/earlyStart'
import { firstRowsShown, START_MARKS } from './library/startMarks'
import type { SettingsTab } from './settings/SettingsDialog'
import { loadLaterParts, useLaterParts } from './laterParts'
import { ChainContext } from './workflow/ChainContext'
import { OutboxButton } from './publish/OutboxButton'
import { Notice } from './components/Notice'
import { applyLanguage } from './i18n'
import { useNow } from './useNow'
import { loadRecent, usualDetails } from './metadata/recentValues'
import { newsroom as api } from './newsroom'
import { useWindowTitle } from './useWindowTitle'
import { StatusRegion } from './a11y/announce'
import { usePaneCycling } from './a11y/usePaneCycling'

/**
 * The open draft and the autosave that writes it; replaced as a whole when another draft is opened. `fresh`:
 * made by 新建稿件 in this session, so it is removed when left untouched.
 */
type Session = { draft: Draft; autosave: Autosave<DraftContent>; focusTitle: boolean; fresh: boolean }

type Action = 'list' | 'create' | 'open' | 'rename' | 'duplicate' | 'trash' | 'restore' | 'emptyTrash' | 'acknowledge' | 'showInFolder' | 'settings'

type NoticeState =
  | { kind: 'action'; action: Action; code: AppErrorCode; detail: string }
  | { kind: 'switchBlocked' }
  | { kind: 'damaged'; detail: string }

/**
 * After the next frame is drawn, or after 100 ms when no frame comes (a window started hidden draws none).
 */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 100)
    requestAnimationFrame(() => {
      clearTimeout(fallback)
      setTimeout(resolve, 0)
    })
  })
}

/**
 * Once the first screen is on screen: the frame that drew its first row shown (Element Timing), at most 250 ms
 * after the next frame; with no row to draw (an empty library), the next frame.
 */
function firstScreenShown(hasRows: boolean): Promise<void> {
  if (!hasRows) return afterPaint()
  return Promise.race([firstRowsShown(), afterPaint().then(() => new Promise<void>((resolve) => setTimeout(resolve, 250)))])
}

export function App() {
  const { t, i18n } = useTranslation()
  // The start's answers when they came back while the code loaded: the first render draws the list. Only in the
  // language already set up (zh-CN, the default); another language takes the usual path, which switches it first.
  const [ready] = useState(() => {
    const early = readyEarly()
    if (!early || early.settings.language !== i18n.language) return null
    performance.mark(START_MARKS.readyAtMount)
    return early
  })
  const [settings, setSettings] = useState<Settings>(ready?.settings ?? DEFAULT_SETTINGS)
  const [dataDir, setDataDir] = useState('')
  const [drafts, setDrafts] = useState<DraftSummary[]>(ready?.firstScreen.drafts ?? [])
  const [trash, setTrash] = useState<DraftSummary[]>([])
  const [quarantined, setQuarantined] = useState<QuarantinedDraft[]>([])
  const [loaded, setLoaded] = useState(ready !== null)
  const [view, setView] = useState<LibraryView>('active')
  const [session, setSession] = useState<Session | null>(null)
  const [opening, setOpening] = useState(false)
  const [notice, setNotice] = useState<NoticeState | null>(null)
  const [renaming, setRenaming] = useState<DraftSummary | null>(null)
  const [confirmingEmptyTrash, setConfirmingEmptyTrash] = useState(false)
  // true opens the settings on their first tab; a tab name opens that tab (e.g. 'publish' from a publish error).
  const [settingsOpen, setSettingsOpen] = useState<boolean | SettingsTab>(false)
  useWindowTitle(session ? (drafts.find((d) => d.id === session.draft.id)?.title ?? session.draft.title) : null)
  const now = useNow(30_000)
  usePaneCycling()
  const later = useLaterParts()
  // An open draft or the settings need the later parts now, even before the first screen was drawn.
  const needsLater = session !== null || settingsOpen !== false
  useEffect(() => {
    if (needsLater) void loadLaterParts()
  }, [needsLater])

  // Async flows and window events need the open draft as it is now, not as it was when they started.
  const sessionRef = useRef<Session | null>(null)
  const delayRef = useRef((ready?.settings ?? DEFAULT_SETTINGS).autosaveDelayMs)
  const openSeq = useRef(0)
  /**
   * The start-up sweep of drafts left untouched at the last close. 新建稿件 waits for it: a draft created while
   * the sweep runs also looks untouched (its first words not saved yet) and must never be in its list.
   */
  const startupSweep = useRef<Promise<void>>(Promise.resolve())
  const editorHandle = useRef<DraftEditorHandle>(null)
  /** The open draft's revision on disk: a sign-off names it, so main never signs text the signer has not seen. */
  const revisionRef = useRef(0)

  const fail = (action: Action, error: unknown) =>
    setNotice({ kind: 'action', action, code: errorCodeOf(error), detail: errorDetailOf(error) })

  function applySettings(next: Settings) {
    setSettings(next)
    delayRef.current = next.autosaveDelayMs
    sessionRef.current?.autosave.setDelay(next.autosaveDelayMs)
    void applyLanguage(next.language)
  }

  async function refreshActive() {
    const result = await api().drafts.list({ scope: 'active' })
    setDrafts(result.drafts)
    setQuarantined(result.quarantined)
    return result
  }

  async function refreshTrash() {
    const result = await api().drafts.list({ scope: 'trash' })
    setTrash(result.drafts)
    setQuarantined(result.quarantined)
    return result
  }

  function startSession(draft: Draft, focusTitle: boolean, fresh = false) {
    const autosave: Autosave<DraftContent> = createAutosave<DraftContent>({
      delayMs: delayRef.current,
      save: async (content) => {
        const result = await api().drafts.save({ id: draft.id, content })
        if (sessionRef.current?.autosave === autosave) revisionRef.current = result.revision
        setDrafts((list) => withSavedContent(list, draft.id, content, result.updatedAt))
      }
    })
    const next = { draft, autosave, focusTitle, fresh }
    sessionRef.current = next
    revisionRef.current = draft.revision
    // Synchronously: the body's photos are React portals that Lexical announces while the editor mounts. In a
    // normal render they would be drawn in a pass after the first paint (an extra frame and a paint without
    // them); flushed, the editor and its photos are one commit and one paint.
    flushSync(() => {
      setSession(next)
      setOpening(false)
    })
  }

  /**
   * Writes the open draft and closes it; false (and the draft stays open) when it cannot be saved, 'discarded'
   * when it was a new draft left untouched and is gone.
   */
  async function closeSession(): Promise<'closed' | 'discarded' | false> {
    const current = sessionRef.current
    if (!current) return 'closed'
    if (!(await current.autosave.flush())) {
      setNotice({ kind: 'switchBlocked' })
      return false
    }
    if (sessionRef.current === current) {
      current.autosave.dispose()
      sessionRef.current = null
      setSession(null)
    }
    if (current.fresh && (await discardUntouched([current.draft.id])).size > 0) return 'discarded'
    return 'closed'
  }

  /**
   * New drafts left without anything typed, chosen or added are not kept as "无标题稿件". Main removes only
   * a draft exactly as created; the ids returned are the ones it removed.
   */
  async function discardUntouched(ids: readonly string[]): Promise<Set<string>> {
    const outcomes = await Promise.all(
      ids.map((id) =>
        api()
          .drafts.discardUntouched({ id })
          .then((answer) => (answer.discarded ? id : null))
          .catch(() => null)
      )
    )
    const gone = new Set(outcomes.filter((id): id is string => id !== null))
    if (gone.size > 0) setDrafts((list) => list.filter((item) => !gone.has(item.id)))
    return gone
  }

  /** Before a package replaces a draft: an open editor's late autosave would write over the imported one. */
  async function closeIfOpen(id: string): Promise<boolean> {
    if (sessionRef.current?.draft.id !== id) return true
    openSeq.current++
    setOpening(false)
    return (await closeSession()) !== false
  }

  /** A sign-off wrote the draft: the editor carries on from its revision and names. */
  function adoptDraft(draft: Draft) {
    if (sessionRef.current?.draft.id !== draft.id) return
    revisionRef.current = draft.revision
    editorHandle.current?.adoptDraft(draft)
    showStatus(draft.id, draft.status)
  }

  function showStatus(id: string, status: Draft['status']) {
    setDrafts((list) => (list.some((item) => item.id === id && item.status !== status) ? list.map((item) => (item.id === id ? { ...item, status } : item)) : list))
  }

  /** An earlier version was restored: reopen the editor on it (the old content was saved before). */
  function reloadRestored(draft: Draft) {
    const current = sessionRef.current
    if (current?.draft.id !== draft.id) return
    current.autosave.dispose()
    startSession(draft, false)
    refreshActive().catch(() => undefined)
  }

  async function openDraft(id: string) {
    if (sessionRef.current?.draft.id === id) return
    const seq = ++openSeq.current
    if (!(await closeSession()) || seq !== openSeq.current) return
    setOpening(true)
    try {
      const draft = await api().drafts.open({ id })
      if (seq === openSeq.current) startSession(draft, false)
    } catch (error) {
      if (seq !== openSeq.current) return
      const code = errorCodeOf(error)
      if (code === 'draft-damaged') setNotice({ kind: 'damaged', detail: errorDetailOf(error) })
      else fail('open', error)
      if (code === 'draft-damaged' || code === 'not-found') await refreshActive().catch(() => undefined)
    } finally {
      if (seq === openSeq.current) setOpening(false)
    }
  }

  /** `firstScreen`: the first screen already asked for (at start, beside the settings). */
  async function loadLibrary(firstScreen?: Promise<DraftListAnswer>) {
    let sweepDone = () => {}
    // Only drafts from before this page loaded are swept: one made since (by 新建稿件, an opened file or a
    // photo import, even before this runs) is this session's, never one left untouched at the last close.
    const startedAt = performance.timeOrigin
    startupSweep.current = new Promise<void>((resolve) => (sweepDone = resolve))
    try {
      // The first screen of the stored list paints at once; the checked, whole list follows once it is drawn,
      // so its answer (every draft) is not taken in while the first screen is still to be drawn.
      const stored = await (firstScreen ?? askFirstScreen())
      setDrafts(stored.drafts)
      setLoaded(true)
      // The rest waits until the list is on screen: loading the editor's code on main's thread, or asking for
      // the whole list again, while the compositor is still drawing the first frame held it back (two cores).
      // An empty library draws no row to wait for (新建稿件 waits for this step): the next frame will do.
      await firstScreenShown(stored.drafts.length > 0)
      void loadLaterParts()
      const result = await refreshActive()
      // Left untouched when the app was last closed: only a draft that looks new is asked about.
      const gone = await discardUntouched(
        result.drafts
          .filter((item) => item.title.trim() === '' && item.excerpt === '' && item.createdAt === item.updatedAt && Date.parse(item.createdAt) < startedAt)
          .map((item) => item.id)
      )
      sweepDone()
      setLoaded(true)
      const newest = result.drafts.find((item) => !gone.has(item.id))
      if (newest) await openDraft(newest.id)
    } catch (error) {
      setLoaded(true)
      fail('list', error)
    } finally {
      sweepDone()
    }
  }

  async function createDraft() {
    await startupSweep.current
    const seq = ++openSeq.current
    if (!(await closeSession())) return
    try {
      const usual = usualDetails(loadRecent())
      const draft = await api().drafts.create({ column: usual.column, metadata: { sourceDepartment: usual.sourceDepartment, editor: usual.editor } })
      setView('active')
      setDrafts((list) =>
        withSummary(list, {
          id: draft.id,
          title: draft.title,
          column: draft.column,
          status: draft.status,
          excerpt: '',
          createdAt: draft.createdAt,
          updatedAt: draft.updatedAt,
          trashedAt: null
        })
      )
      if (seq === openSeq.current) startSession(draft, true, true)
    } catch (error) {
      fail('create', error)
    }
  }

  async function renameDraft(target: DraftSummary, title: string) {
    setRenaming(null)
    const current = sessionRef.current
    if (current?.draft.id === target.id) {
      // The open draft is renamed through the editor, so a pending autosave cannot bring the old title back.
      editorHandle.current?.setTitle(title)
      await current.autosave.flush()
      return
    }
    try {
      const summary = await api().drafts.rename({ id: target.id, title })
      setDrafts((list) => withSummary(list, summary))
    } catch (error) {
      fail('rename', error)
    }
  }

  async function duplicateDraft(id: string) {
    const current = sessionRef.current
    // The copy is made from the file, so the latest typing must be on disk first.
    if (current?.draft.id === id && !(await current.autosave.flush())) {
      const state = current.autosave.state
      fail('duplicate', state.kind === 'failed' ? state.error : null)
      return
    }
    try {
      const copy = await api().drafts.duplicate({ id })
      const title = copy.title.trim()
      if (title) await api().drafts.rename({ id: copy.id, title: t('library.copyTitle', { title }).slice(0, TITLE_MAX) })
      await refreshActive()
    } catch (error) {
      fail('duplicate', error)
    }
  }

  async function trashDraft(id: string) {
    if (sessionRef.current?.draft.id === id) {
      openSeq.current++
      setOpening(false)
      const closed = await closeSession()
      // Nothing was in it: it is gone already, not in the trash.
      if (!closed || closed === 'discarded') return
    }
    try {
      await api().drafts.trash({ id })
      await Promise.all([refreshActive(), refreshTrash()])
    } catch (error) {
      fail('trash', error)
    }
  }

  async function restoreDraft(id: string) {
    try {
      await api().drafts.restore({ id })
      await Promise.all([refreshActive(), refreshTrash()])
    } catch (error) {
      fail('restore', error)
    }
  }

  async function emptyTrash() {
    setConfirmingEmptyTrash(false)
    try {
      await api().drafts.emptyTrash({})
      await refreshTrash()
    } catch (error) {
      fail('emptyTrash', error)
    }
  }

  async function acknowledge(ids: string[]) {
    try {
      await api().drafts.acknowledgeQuarantine({ ids })
      setQuarantined((list) => list.map((item) => (ids.includes(item.id) ? { ...item, acknowledged: true } : item)))
    } catch (error) {
      fail('acknowledge', error)
    }
  }

  function showInFolder(folder: string) {
    api()
      .app.showInFolder({ path: folder })
      .catch((error: unknown) => fail('showInFolder', error))
  }

  function changeView(next: LibraryView) {
    setView(next)
    if (next === 'trash') refreshTrash().catch((error: unknown) => fail('list', error))
  }

  async function saveSettings(patch: SettingsPatch) {
    setSettingsOpen(false)
    if (Object.keys(patch).length === 0) return
    try {
      applySettings(await api().settings.set(patch))
    } catch (error) {
      fail('settings', error)
    }
  }

  /** Main's folder dialog and its confirmation; the open draft is saved and closed first, then the library reloads. */
  async function chooseDataDir() {
    setSettingsOpen(false)
    openSeq.current++
    setOpening(false)
    if (!(await closeSession())) return
    try {
      const answer = await api().settings.chooseDataDir({})
      if (answer.outcome === 'changed') applySettings(answer.settings)
    } catch (error) {
      fail('settings', error)
    }
    setTrash([])
    setView('active')
    api()
      .app.info({})
      .then((info) => setDataDir(info.dataDir))
      .catch(() => undefined)
    await loadLibrary()
  }

  const flushOpenDraft = useEffectEvent(async (): Promise<boolean> => {
    const current = sessionRef.current
    return current ? current.autosave.flush() : true
  })
  /** A change main announced wins over any answer asked for before it (the start's early ask). */
  const settingsChanged = useRef(false)
  const onSettingsChanged = useEffectEvent((next: Settings) => {
    settingsChanged.current = true
    applySettings(next)
  })
  const onMenuCommand = useEffectEvent((command: 'new-draft' | 'open-settings') => {
    if (command === 'new-draft') void createDraft()
    else setSettingsOpen(true)
  })
  const start = useEffectEvent(async () => {
    // Asked by the page's first script (early.ts) while the app's code loaded; the list waits for the settings to be applied.
    const early = takeEarly()
    const firstScreen = early?.firstScreen ?? askFirstScreen()
    firstScreen.catch(() => undefined)
    let initial: Settings | null = null
    try {
      initial = await (early?.settings ?? api().settings.get({}))
      if (!settingsChanged.current) applySettings(initial)
    } catch {
      // Defaults are fine for writing; the settings dialog will report if saving them fails.
    }
    // The early answer was asked before this page listened for changes, so a change made in between was
    // announced to nobody: ask once more now that it listens, off the list's path.
    if (early) {
      api()
        .settings.get({})
        .then((fresh) => {
          if (!settingsChanged.current && JSON.stringify(fresh) !== JSON.stringify(initial)) applySettings(fresh)
        })
        .catch(() => undefined)
    }
    api()
      .app.info({})
      .then((info) => setDataDir(info.dataDir))
      .catch(() => undefined)
    await loadLibrary(firstScreen)
  })

  const started = useRef(false)
  useEffect(() => {
    // StrictMode mounts effects twice in development; the library must load (and open a draft) once.
    if (started.current) return
    started.current = true
    void start()
  }, [])

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 's') {
        event.preventDefault()
        void flushOpenDraft()
      }
    }
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void flushOpenDraft()
    }
    // Best effort: the page may be gone before the save answers; main's flush request is the real guarantee.
    const onBeforeUnload = () => void flushOpenDraft()
    window.addEventListener('keydown', onKeyDown, true)
    document.addEventListener('visibilitychange', onVisibility)
    window.addEventListener('beforeunload', onBeforeUnload)
    const offFlush = api().on('app:flushRequest', ({ requestId }) => {
      void (async () => {
        let ok = false
        try {
          ok = await flushOpenDraft()
        } finally {
          await api()
            .app.flushed({ requestId, ok })
            .catch(() => undefined)
        }
      })()
    })
    const offSettings = api().on('settings:changed', (next) => onSettingsChanged(next))
    const offMenu = api().on('app:menuCommand', ({ command }) => onMenuCommand(command))
    return () => {
      window.removeEventListener('keydown', onKeyDown, true)
      document.removeEventListener('visibilitychange', onVisibility)
      window.removeEventListener('beforeunload', onBeforeUnload)
      offFlush()
      offSettings()
      offMenu()
    }
  }, [])

  const unacknowledged = quarantined.filter((item) => !item.acknowledged)

  // Made again only for another session or other settings: a save re-renders the app for the library's
  // list, and must not re-render the editor, 稿件信息 and the workflow bar with it.
  // The handlers read the session through refs and setters, so the ones of the render that made the element
  // stay right for as long as it is shown.
  /* eslint-disable react-hooks/exhaustive-deps */
  const editor = useMemo(
    () =>
      session &&
      later && (
        <later.DraftEditor
          key={`${session.draft.id}:${session.draft.revision}`}
          ref={editorHandle}
          draft={session.draft}
          saves={session.autosave}
          onChange={session.autosave.change}
          onRetry={() => void session.autosave.flush()}
          autoFocusTitle={session.focusTitle}
          settings={settings}
          header={
            <later.WorkflowBar
              key={session.draft.id}
              draftId={session.draft.id}
              userName={settings.userName}
              requireApproval={settings.requireApproval}
              lastSigners={settings.lastSigners}
              onSigned={(stepId, name) => void saveSettings({ lastSigners: { ...settings.lastSigners, [stepId]: name } })}
              flush={() => session.autosave.flush()}
              revision={() => revisionRef.current}
              onAdopt={adoptDraft}
              onRestored={reloadRestored}
              onStatus={(status) => showStatus(session.draft.id, status)}
            />
          }
        />
      ),
    [session, settings, later]
  )
  /* eslint-enable react-hooks/exhaustive-deps */

  return (
    <ChainContext.Provider value={settings.chain}>
    <StatusRegion>
    <div className="app">
      <DraftLibrary
        view={view}
        onViewChange={changeView}
        drafts={drafts}
        trash={trash}
        loaded={loaded}
        selectedId={session?.draft.id ?? null}
        now={now}
        onCreate={() => void createDraft()}
        onOpen={(id) => void openDraft(id)}
        onRename={setRenaming}
        onDuplicate={(id) => void duplicateDraft(id)}
        onTrash={(id) => void trashDraft(id)}
        onRestore={(id) => void restoreDraft(id)}
        onEmptyTrash={() => setConfirmingEmptyTrash(true)}
        onOpenSettings={() => setSettingsOpen(true)}
        closeIfOpen={closeIfOpen}
        onImported={async (id) => {
          setView('active')
          await refreshActive().catch(() => undefined)
          await openDraft(id)
        }}
      />
      <main className="workspace">
        <div className="workspace-tools">
          <OutboxButton />
        </div>
        <div className="banners">
          <QuarantineBanner items={unacknowledged} onShowInFolder={showInFolder} onAcknowledge={(ids) => void acknowledge(ids)} />
          {notice && <Notice message={noticeText(notice, t)} detail={noticeDetail(notice)} onDismiss={() => setNotice(null)} />}
        </div>
        {editor || (
          <div className="workspace-empty">
            {/* The editor's code loads after the list's first screen (laterParts.ts): until it is in, 正在打开. */}
            {opening || (session && !later) || !loaded ? (
              <p>{t(opening || session ? 'editor.opening' : 'app.loading')}</p>
            ) : drafts.length === 0 ? (
              <>
                <h2 className="workspace-empty-title">{t('editor.welcomeTitle')}</h2>
                <p>{t('editor.welcomeBody')}</p>
              </>
            ) : (
              <p>{t('editor.noSelection')}</p>
            )}
          </div>
        )}
      </main>
      {renaming && (
        <RenameDialog title={renaming.title} onRename={(title) => void renameDraft(renaming, title)} onClose={() => setRenaming(null)} />
      )}
      {confirmingEmptyTrash && (
        <EmptyTrashDialog count={trash.length} onConfirm={() => void emptyTrash()} onClose={() => setConfirmingEmptyTrash(false)} />
      )}
      {settingsOpen !== false && later && (
        <later.SettingsDialog
          settings={settings}
          currentDataDir={dataDir}
          initialTab={settingsOpen === true ? 'general' : settingsOpen}
          onSave={(patch) => void saveSettings(patch)}
          onChooseDataDir={() => void chooseDataDir()}
          onClose={() => setSettingsOpen(false)}
        />
      )}
    </div>
    </StatusRegion>
    </ChainContext.Provider>
  )
}

function noticeText(notice: NoticeState, t: TFunction): string {
  switch (notice.kind) {
    case 'switchBlocked':
      return t('save.switchBlocked')
    case 'damaged':
      return t('damaged')
    case 'action':
      return t(`actions.${notice.action}`, { reason: t(`errors.${notice.code}`) })
  }
}

function noticeDetail(notice: NoticeState): string | undefined {
  return notice.kind === 'switchBlocked' ? undefined : notice.detail
}
