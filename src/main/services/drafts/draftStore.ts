import { randomBytes } from 'node:crypto'
import type { Stats } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import {
  DRAFT_SCHEMA_VERSION,
  DraftIdSchema,
  DraftSchema,
  DraftSummarySchema,
  QuarantinedDraftSchema,
  type Draft,
  type DraftContent,
  type DraftId,
  type DraftSummary,
  type QuarantineReason,
  type QuarantinedDraft
} from '../../../shared/model/draft'
import { articleExcerpt } from '../../../shared/model/articleText'
import { emptyMetadata, type ArticleMetadata } from '../../../shared/model/metadata'
import { AppError, fsErrorCode } from '../../../shared/errors'
import { atomicWriteFile, isTempFile, syncFolder } from '../fs/atomicWrite'
import { nodeServiceFs, type ServiceFs } from '../fs/serviceFs'
import type { Clock } from '../clock'
import { byLastEdited, firstScreenOf, headOf, parseHead, serializeHead, withDraft, withoutDraft, type DraftsHead } from './draftsHead'

export const DRAFT_FILE = 'draft.json'
const TRASH_FILE = 'trash.json'
const QUARANTINE_FILE = 'quarantine.json'
const INDEX_FILE = 'index.json'
/** The newest summaries alone (see draftsHead.ts): what a start paints first. */
export const HEAD_FILE = 'index-head.json'
const INDEX_VERSION = 1

export type DraftStoreOptions = {
  /** Folder that holds drafts/, trash/, quarantine/ and the list index. */
  dataDir: string
  clock: Clock
  fs?: ServiceFs
  /** For tests: deterministic ids. */
  newId?: () => DraftId
}

export type DraftListScope = 'active' | 'trash'

export type DraftList = { drafts: DraftSummary[]; quarantined: QuarantinedDraft[] }

export type SaveResult = { id: DraftId; revision: number; updatedAt: string }

export type DraftStore = {
  readonly dataDir: string
  /**
   * `stored`: the active drafts from the summaries file when it names exactly the draft folders there are,
   * without a stat of each file (5,000 stats are most of a start's list time), the newest `first` of them;
   * otherwise the checked list.
   */
  list(scope: DraftListScope, options?: { stored?: boolean; first?: number }): Promise<DraftList>
  create(init?: { title?: string; column?: string; metadata?: Partial<Pick<ArticleMetadata, 'sourceDepartment' | 'editor'>> }): Promise<Draft>
  open(id: DraftId): Promise<Draft>
  save(id: DraftId, content: DraftContent): Promise<SaveResult>
  rename(id: DraftId, title: string): Promise<DraftSummary>
  duplicate(id: DraftId): Promise<DraftSummary>
  trash(id: DraftId): Promise<void>
  /**
   * Deletes a draft that is exactly as it was created (never saved, renamed or signed; no title, body or
   * stored picture) and says whether it did: a new draft left without typing anything is not kept as
   * "无标题稿件". Anything else is left alone, whoever asks.
   */
  discardUntouched(id: DraftId): Promise<boolean>
  restore(id: DraftId): Promise<void>
  emptyTrash(): Promise<number>
  acknowledgeQuarantine(ids: string[]): Promise<void>
  /** Folder of a draft's assets (photos), created on demand by the features that store them. */
  assetsFolder(id: DraftId): string
  /**
   * Runs `work` with the draft's assets folder (created if need be) in the draft's write queue: a photo is
   * never written into a draft that is being discarded or trashed at that moment, and never recreates the
   * folder of a draft that is gone (`not-found`).
   */
  withAssets<T>(id: DraftId, work: (folder: string) => Promise<T>): Promise<T>
  /** Folder of an active draft: the workflow keeps its audit log and history there. */
  draftFolder(id: DraftId): string
  /**
   * Runs `work` in the draft's write queue with its current content, so nothing else writes the draft in
   * between; `commit` writes the next state atomically. Whatever `work` throws reaches the caller.
   */
  transact<T>(id: DraftId, work: (current: Draft, commit: (next: Draft) => Promise<void>) => Promise<T>): Promise<T>
}

const IndexEntrySchema = z.object({ mtimeMs: z.number(), size: z.number(), summary: DraftSummarySchema })
type IndexEntry = z.infer<typeof IndexEntrySchema>
const IndexFileSchema = z.object({ version: z.literal(INDEX_VERSION), entries: z.record(z.string(), IndexEntrySchema) })
const TrashInfoSchema = z.object({ trashedAt: z.string() })

type LoadResult =
  | { ok: true; draft: Draft }
  | { ok: false; reason: QuarantineReason; detail: string; recoveredTitle: string }

/** Parses a draft.json's bytes; says precisely why when it cannot. */
export function parseDraftFile(bytes: Buffer): LoadResult {
  const text = bytes.toString('utf8')
  const recoveredTitle = recoverTitle(text)
  if (text.trim().length === 0) {
    return { ok: false, reason: 'empty-file', detail: `draft.json is empty (${bytes.length} bytes)`, recoveredTitle }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return { ok: false, reason: 'invalid-json', detail: (error as Error).message, recoveredTitle }
  }
  const parsed = DraftSchema.safeParse(json)
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ')
    return { ok: false, reason: 'invalid-schema', detail, recoveredTitle }
  }
  return { ok: true, draft: parsed.data }
}

/** Best effort: the title of a damaged file, so the person knows which draft it was. */
function recoverTitle(text: string): string {
  const match = /"title"\s*:\s*("(?:[^"\\\n]|\\.){0,300}")/.exec(text)
  if (!match?.[1]) return ''
  try {
    const title: unknown = JSON.parse(match[1])
    return typeof title === 'string' ? title : ''
  } catch {
    return ''
  }
}

/** The draft after a save of `content`: metadata left out of the save keeps the stored one. */
export function withContent(current: Draft, content: DraftContent, at: string): Draft {
  const { metadata, ...edited } = content
  return { ...current, ...edited, ...(metadata ? { metadata } : {}), updatedAt: at, revision: current.revision + 1 }
}

export function summarize(draft: Draft, trashedAt: string | null = null): DraftSummary {
  return {
    id: draft.id,
    title: draft.title,
    column: draft.column,
    status: draft.status,
    excerpt: articleExcerpt(draft.body),
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
    trashedAt
  }
}

function goneIfNotFound(error: unknown): null {
  if (error instanceof AppError && error.code === 'not-found') return null
  throw error
}

function defaultNewId(clock: Clock): DraftId {
  // Time first so folder names sort by creation; random tail so two windows never collide.
  return `${clock.now().getTime().toString(36)}-${randomBytes(5).toString('hex')}`
}

/** Wraps a file-system failure in an AppError a person can act on, keeping the system's words as detail. */
function asAppError(error: unknown, doing: string): AppError {
  if (error instanceof AppError) return error
  const code = fsErrorCode(error)
  const message = `${doing}: ${(error as Error)?.message ?? String(error)}`
  return new AppError(code === 'internal' ? 'internal' : code, message, { cause: error })
}

export function createDraftStore(options: DraftStoreOptions): DraftStore {
  const { dataDir, clock } = options
  const fs = options.fs ?? nodeServiceFs
  const newId = options.newId ?? (() => defaultNewId(clock))
  const draftsDir = join(dataDir, 'drafts')
  const trashDir = join(dataDir, 'trash')
  const quarantineDir = join(dataDir, 'quarantine')
  const indexPath = join(dataDir, INDEX_FILE)
  const headPath = join(dataDir, HEAD_FILE)

  /** Latest known content per draft, so a save does not have to read the file first. */
  const cache = new Map<DraftId, Draft>()
  /** Writes to one draft run one after another, so renames land in the order the saves were made. */
  const queues = new Map<DraftId, Promise<unknown>>()
  let index: Map<string, IndexEntry> | null = null
  let ready: Promise<void> | null = null

  /**
   * The head file as last written; undefined until read, null when there is none to trust (missing, damaged,
   * or a change it could not follow): the next whole list writes it again. Every change of the draft folders
   * is applied to it in order, in `headWork`, after the change is on disk. A save waits for the write, which
   * skips the fsyncs (see writeHead), so a failed save has forgotten the head before the save reports.
   */
  let head: DraftsHead | null | undefined
  let headWork: Promise<void> = Promise.resolve()
  let headQueued = 0
  /** Changes started and still running: a whole list that overlapped one does not replace the head. */
  let changesStarted = 0
  let changesRunning = 0

  const folderOf = (scope: DraftListScope, id: string) => join(scope === 'active' ? draftsDir : trashDir, id)
  const fileOf = (scope: DraftListScope, id: string) => join(folderOf(scope, id), DRAFT_FILE)
  const nowIso = () => clock.now().toISOString()

  function ensureFolders(): Promise<void> {
    ready ??= (async () => {
      for (const dir of [draftsDir, trashDir, quarantineDir]) await fs.mkdir(dir, { recursive: true })
      // Left behind by a crash: half-made draft folders (never listed) and temp files of the index.
      const [staged, top] = await Promise.all([fs.readdir(draftsDir), fs.readdir(dataDir)])
      await Promise.all([
        ...staged.filter((name) => name.startsWith('.new-')).map((name) => fs.rm(join(draftsDir, name), { recursive: true, force: true })),
        ...top
          .filter((name) => (name.startsWith(`${INDEX_FILE}.`) || name.startsWith(`${HEAD_FILE}.`)) && isTempFile(name))
          .map((name) => fs.rm(join(dataDir, name), { force: true }))
      ]).catch(() => undefined)
    })().catch((error: unknown) => {
      ready = null
      throw asAppError(error, `cannot create the data folder ${dataDir}`)
    })
    return ready
  }

  function serialize<T>(id: DraftId, task: () => Promise<T>): Promise<T> {
    const previous = queues.get(id) ?? Promise.resolve()
    const next = previous.then(task, task)
    const settled = next.catch(() => undefined)
    queues.set(id, settled)
    void settled.then(() => {
      if (queues.get(id) === settled) queues.delete(id)
    })
    return next
  }

  async function loadIndex(): Promise<Map<string, IndexEntry>> {
    if (index) return index
    try {
      const parsed = IndexFileSchema.safeParse(JSON.parse(await fs.readFile(indexPath, 'utf8')))
      index = new Map(parsed.success ? Object.entries(parsed.data.entries) : [])
    } catch {
      // Missing or damaged index: it is only a cache, rebuilt from the draft files.
      index = new Map()
    }
    return index
  }

  async function saveIndex(): Promise<void> {
    if (!index) return
    const entries = Object.fromEntries(index)
    await atomicWriteFile(fs, indexPath, JSON.stringify({ version: INDEX_VERSION, entries })).catch(() => undefined)
  }

  /** `apply` to the head as it is; `forget` it (a change it cannot follow); `replace` it with a whole list's. */
  type HeadChange = { apply: (current: DraftsHead) => DraftsHead } | { forget: true } | { replace: DraftsHead }
  const forgetHead: HeadChange = { forget: true }

  /** Applies the change after those before it; resolves once the file says what the head in memory says. */
  function changeHead(change: HeadChange): Promise<void> {
    headQueued += 1
    headWork = headWork
      .then(async () => {
        headQueued -= 1
        if ('replace' in change) head = change.replace
        else {
          if (head === undefined) head = await readHead()
          if (head !== null) head = 'apply' in change ? change.apply(head) : null
        }
        // Only the last of a burst of changes is written: the file is a cache, the drafts are on disk already.
        if (headQueued > 0) return
        if (head === null) await fs.rm(headPath, { force: true })
        else await writeHead(serializeHead(head))
      })
      .catch(async () => {
        // Not written: the file may now say less than the drafts do, so it goes too.
        head = null
        await fs.rm(headPath, { force: true }).catch(() => undefined)
      })
    return headWork
  }

  /**
   * Temp file and rename, without the fsyncs of a draft's write (a save waits for this): after a power cut the
   * file may be empty or old-named, and then it does not match and the whole list is read instead.
   */
  async function writeHead(text: string): Promise<void> {
    const temp = `${headPath}.${process.pid}.tmp`
    try {
      await fs.writeFile(temp, text)
      await fs.rename(temp, headPath)
    } catch (error) {
      await fs.rm(temp, { force: true }).catch(() => undefined)
      throw error
    }
  }

  /** Runs a change of the drafts, then applies it to the head; a change that failed may have happened or not. */
  async function changing<T>(work: () => Promise<T>, after: (result: T) => HeadChange): Promise<T> {
    changesStarted += 1
    changesRunning += 1
    try {
      const result = await work()
      await changeHead(after(result))
      return result
    } catch (error) {
      await changeHead(forgetHead)
      throw error
    } finally {
      changesRunning -= 1
    }
  }

  async function readHead(): Promise<DraftsHead | null> {
    return parseHead(await fs.readFile(headPath, 'utf8').catch(() => ''))
  }

  /** The first screen from the head file, or null when the head does not match the draft folders. */
  async function listHead(first: number): Promise<DraftList | null> {
    await headWork
    if (head === undefined) head = await readHead()
    if (!head) return null
    const names = (await fs.readdir(draftsDir)).filter((name) => !name.startsWith('.'))
    const drafts = firstScreenOf(head, names, first)
    return drafts ? { drafts, quarantined: await withStoredQuarantine([]) } : null
  }

  async function writeDraft(scope: DraftListScope, draft: Draft): Promise<void> {
    if (scope === 'active') {
      await changing(
        () => writeDraftFile(scope, draft),
        () => ({ apply: (current) => withDraft(current, summarize(draft), false) })
      )
    } else await writeDraftFile(scope, draft)
  }

  async function writeDraftFile(scope: DraftListScope, draft: Draft): Promise<void> {
    const file = fileOf(scope, draft.id)
    try {
      await atomicWriteFile(fs, file, JSON.stringify(draft))
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw error
      // The folder vanished under us (deleted by hand, synced away): recreate it rather than lose the text.
      await fs.mkdir(folderOf(scope, draft.id), { recursive: true })
      await atomicWriteFile(fs, file, JSON.stringify(draft))
    }
    cache.set(draft.id, draft)
  }

  /**
   * Moves a damaged draft's folder, untouched, into quarantine/. Runs in the draft's queue. Returns null
   * when the folder is already gone (moved by another call, deleted by hand).
   */
  async function quarantine(
    scope: DraftListScope,
    id: string,
    problem: { reason: QuarantineReason; detail: string; recoveredTitle: string }
  ): Promise<QuarantinedDraft | null> {
    if (scope !== 'active') return moveToQuarantine(scope, id, problem)
    const source = folderOf(scope, id)
    // Moved away: one draft less. Gone or left in place (a read-only disk): the head cannot tell, so forget it.
    return changing(
      () => moveToQuarantine(scope, id, problem),
      (record) => (record && record.folder !== source ? { apply: (current) => withoutDraft(current, id) } : forgetHead)
    )
  }

  async function moveToQuarantine(
    scope: DraftListScope,
    id: string,
    problem: { reason: QuarantineReason; detail: string; recoveredTitle: string }
  ): Promise<QuarantinedDraft | null> {
    const at = nowIso()
    const target = join(quarantineDir, `${id}--${at.replace(/[:.]/g, '-')}`)
    const record: QuarantinedDraft = {
      id,
      recoveredTitle: problem.recoveredTitle,
      reason: problem.reason,
      detail: problem.detail,
      folder: target,
      quarantinedAt: at,
      acknowledged: false
    }
    cache.delete(id as DraftId)
    const source = folderOf(scope, id)
    try {
      // The record travels inside the folder, so quarantine/ never shows a folder without its record.
      await atomicWriteFile(fs, join(source, QUARANTINE_FILE), JSON.stringify(record))
      await fs.mkdir(quarantineDir, { recursive: true })
      await fs.rename(source, target)
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return null
      // Could not move it (read-only disk): leave it where it is, still skipped and still reported.
      await fs.rm(join(source, QUARANTINE_FILE), { force: true }).catch(() => undefined)
      return { ...record, folder: source, detail: `${record.detail} (not moved: ${(error as Error).message})` }
    }
    await syncFolder(fs, quarantineDir)
    return record
  }

  type ListOutcome = { kind: 'draft'; draft: Draft } | { kind: 'quarantined'; record: QuarantinedDraft } | { kind: 'gone' }

  /**
   * Reads a draft for a list. A list reads outside the draft's queue, so a damaged-looking file is read
   * again inside the queue before anything moves: a save or another list may have got there first.
   */
  async function loadForList(scope: DraftListScope, id: string): Promise<ListOutcome> {
    const first = await readDraft(scope, id).catch(goneIfNotFound)
    if (!first) return { kind: 'gone' }
    if (first.ok) return { kind: 'draft', draft: first.draft }
    return serialize(id as DraftId, async (): Promise<ListOutcome> => {
      const again = await readDraft(scope, id).catch(goneIfNotFound)
      if (!again) return { kind: 'gone' }
      if (again.ok) return { kind: 'draft', draft: again.draft }
      const record = await quarantine(scope, id, again)
      return record ? { kind: 'quarantined', record } : { kind: 'gone' }
    })
  }

  async function readDraft(scope: DraftListScope, id: string): Promise<LoadResult> {
    let bytes: Buffer
    try {
      bytes = await fs.readFile(fileOf(scope, id))
    } catch (error) {
      const code = (error as { code?: string }).code
      if (code === 'ENOENT') {
        // The folder without its draft.json is a damaged draft, not a missing one: it may still hold photos.
        const folderExists = await fs.stat(folderOf(scope, id)).then((s) => s.isDirectory(), () => false)
        if (!folderExists) throw new AppError('not-found', `draft ${id} does not exist`)
        return { ok: false, reason: 'unreadable', detail: 'draft.json is missing', recoveredTitle: '' }
      }
      const detail = code === 'EISDIR' ? 'draft.json is a folder, not a file' : (error as Error).message
      return { ok: false, reason: 'unreadable', detail, recoveredTitle: '' }
    }
    const loaded = parseDraftFile(bytes)
    // The folder name is the id: a folder copied by hand is a new draft, not a second entry with the old id.
    if (loaded.ok && loaded.draft.id !== id && DraftIdSchema.safeParse(id).success) return { ok: true, draft: { ...loaded.draft, id } }
    return loaded
  }

  async function listQuarantine(): Promise<QuarantinedDraft[]> {
    const names = await fs.readdir(quarantineDir).catch(() => [] as string[])
    const records = await Promise.all(
      names.map(async (name) => {
        try {
          const json: unknown = JSON.parse(await fs.readFile(join(quarantineDir, name, QUARANTINE_FILE), 'utf8'))
          const parsed = QuarantinedDraftSchema.safeParse(json)
          return parsed.success ? { ...parsed.data, folder: join(quarantineDir, name) } : null
        } catch {
          return null
        }
      })
    )
    return records.filter((r): r is QuarantinedDraft => r !== null).sort((a, b) => (a.quarantinedAt < b.quarantinedAt ? 1 : -1))
  }

  async function listStored(): Promise<DraftList | null> {
    const idx = await loadIndex()
    const names = (await fs.readdir(draftsDir)).filter((name) => !name.startsWith('.'))
    if (idx.size === 0 || names.length !== idx.size || !names.every((name) => idx.has(name))) return null
    const summaries = [...idx.values()].map((entry) => entry.summary)
    return { drafts: summaries.sort(byLastEdited), quarantined: await withStoredQuarantine([]) }
  }

  async function listActive(): Promise<DraftList> {
    const changesBefore = changesStarted
    const idx = await loadIndex()
    const names = (await fs.readdir(draftsDir)).filter((name) => !name.startsWith('.'))
    const seen = new Set<string>()
    const summaries: DraftSummary[] = []
    const failed: QuarantinedDraft[] = []
    let changed = false
    await Promise.all(
      names.map(async (id) => {
        seen.add(id)
        let stat: Stats | null = null
        try {
          stat = await fs.stat(fileOf('active', id))
        } catch (error) {
          // A stray file beside the draft folders (a note, an export) is not a draft: leave it alone.
          if ((error as { code?: string }).code === 'ENOTDIR') return
        }
        const cached = idx.get(id)
        if (stat && cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
          summaries.push(cached.summary)
          return
        }
        changed = true
        idx.delete(id)
        const outcome = await loadForList('active', id)
        if (outcome.kind === 'quarantined') failed.push(outcome.record)
        if (outcome.kind !== 'draft') return
        const summary = summarize(outcome.draft)
        // Stat taken before the read: if the file changed in between, the next list reads it again.
        if (stat) idx.set(id, { mtimeMs: stat.mtimeMs, size: stat.size, summary })
        summaries.push(summary)
      })
    )
    for (const id of idx.keys()) {
      if (!seen.has(id)) {
        idx.delete(id)
        changed = true
      }
    }
    if (changed) await saveIndex()
    summaries.sort(byLastEdited)
    // Made from the folders read above: only when no change of the drafts ran meanwhile (that change is in
    // the head already, and maybe not in this list).
    if (changesStarted === changesBefore && changesRunning === 0) await changeHead({ replace: headOf(summaries, names) })
    return { drafts: summaries, quarantined: await withStoredQuarantine(failed) }
  }

  /** The drafts quarantined just now that could not be recorded on disk, then every recorded one. */
  async function withStoredQuarantine(failed: QuarantinedDraft[]): Promise<QuarantinedDraft[]> {
    const stored = await listQuarantine()
    const storedFolders = new Set(stored.map((q) => q.folder))
    return [...failed.filter((q) => !storedFolders.has(q.folder)), ...stored]
  }

  async function listTrash(): Promise<DraftList> {
    const names = (await fs.readdir(trashDir)).filter((name) => !name.startsWith('.'))
    const summaries: DraftSummary[] = []
    const failed: QuarantinedDraft[] = []
    await Promise.all(
      names.map(async (id) => {
        const outcome = await loadForList('trash', id)
        if (outcome.kind === 'quarantined') failed.push(outcome.record)
        if (outcome.kind !== 'draft') return
        let trashedAt = outcome.draft.updatedAt
        try {
          const info = TrashInfoSchema.safeParse(JSON.parse(await fs.readFile(join(trashDir, id, TRASH_FILE), 'utf8')))
          if (info.success) trashedAt = info.data.trashedAt
        } catch {
          // No trash.json (moved here by hand): fall back to the last edit time.
        }
        summaries.push(summarize(outcome.draft, trashedAt))
      })
    )
    summaries.sort((a, b) => ((a.trashedAt ?? '') < (b.trashedAt ?? '') ? 1 : -1))
    return { drafts: summaries, quarantined: await withStoredQuarantine(failed) }
  }

  async function openExisting(id: DraftId): Promise<Draft> {
    const cached = cache.get(id)
    if (cached) return cached
    const loaded = await readDraft('active', id)
    if (!loaded.ok) {
      const record = await quarantine('active', id, loaded)
      if (!record) throw new AppError('not-found', `draft ${id} does not exist`)
      throw new AppError('draft-damaged', `draft ${id} is damaged (${record.reason}: ${record.detail}); it was moved to ${record.folder}`)
    }
    cache.set(id, loaded.draft)
    return loaded.draft
  }

  async function removeStaleTempFiles(id: DraftId): Promise<void> {
    const names = await fs.readdir(folderOf('active', id)).catch(() => [] as string[])
    await Promise.all(names.filter(isTempFile).map((name) => fs.rm(join(folderOf('active', id), name), { force: true })))
  }

  async function createFolderWith(draft: Draft): Promise<void> {
    await changing(
      async () => {
        // Build the folder under a hidden name and rename it into place, so the list never sees a half-made draft.
        const staging = join(draftsDir, `.new-${draft.id}`)
        await fs.mkdir(join(staging, 'assets'), { recursive: true })
        await atomicWriteFile(fs, join(staging, DRAFT_FILE), JSON.stringify(draft))
        await fs.rename(staging, folderOf('active', draft.id))
        await syncFolder(fs, draftsDir)
        cache.set(draft.id, draft)
      },
      () => ({ apply: (current) => withDraft(current, summarize(draft), true) })
    )
  }

  return {
    dataDir,

    async list(scope, options) {
      await ensureFolders()
      try {
        if (scope === 'active' && options?.stored) {
          const fromHead = options.first === undefined ? null : await listHead(options.first)
          if (fromHead) return fromHead
          const list = (await listStored()) ?? (await listActive())
          return options.first === undefined ? list : { ...list, drafts: list.drafts.slice(0, options.first) }
        }
        return scope === 'active' ? await listActive() : await listTrash()
      } catch (error) {
        throw asAppError(error, `cannot read the drafts in ${dataDir}`)
      }
    },

    async create(init = {}) {
      await ensureFolders()
      const at = nowIso()
      const draft: Draft = {
        schemaVersion: DRAFT_SCHEMA_VERSION,
        id: newId(),
        title: init.title ?? '',
        column: init.column ?? '',
        status: 'draft',
        body: null,
        metadata: { ...emptyMetadata(), ...init.metadata },
        createdAt: at,
        updatedAt: at,
        revision: 0,
        signOffs: []
      }
      try {
        await createFolderWith(draft)
      } catch (error) {
        throw asAppError(error, `cannot create a new draft in ${draftsDir}`)
      }
      return draft
    },

    async open(id) {
      await ensureFolders()
      try {
        // In the draft's queue, so the temp file of a save in flight is never taken for a stale one.
        return await serialize(id, async () => {
          const draft = await openExisting(id)
          await removeStaleTempFiles(id)
          return draft
        })
      } catch (error) {
        throw asAppError(error, `cannot open draft ${id}`)
      }
    },

    save(id, content) {
      return serialize(id, async () => {
        try {
          const current = await openExisting(id)
          const next = withContent(current, content, nowIso())
          await writeDraft('active', next)
          return { id, revision: next.revision, updatedAt: next.updatedAt }
        } catch (error) {
          throw asAppError(error, `cannot save draft ${id}`)
        }
      })
    },

    rename(id, title) {
      return serialize(id, async () => {
        try {
          const current = await openExisting(id)
          const next: Draft = { ...current, title, updatedAt: nowIso(), revision: current.revision + 1 }
          await writeDraft('active', next)
          return summarize(next)
        } catch (error) {
          throw asAppError(error, `cannot rename draft ${id}`)
        }
      })
    },

    async duplicate(id) {
      await ensureFolders()
      try {
        const copyId = newId()
        const staging = join(draftsDir, `.new-${copyId}`)
        // The photos are copied in the source's queue, so none is half-written (a temp file) meanwhile.
        const source = await serialize(id, async () => {
          const current = await openExisting(id)
          await fs
            .cp(join(folderOf('active', id), 'assets'), join(staging, 'assets'), { recursive: true, filter: (from) => !isTempFile(from) })
            .catch((error: unknown) => {
              if ((error as { code?: string }).code !== 'ENOENT') throw error
            })
          return current
        })
        const at = nowIso()
        // A copy is a new article: it starts unsigned, with no history and its own log.
        const copy: Draft = { ...source, id: copyId, status: 'draft', createdAt: at, updatedAt: at, revision: 0, signOffs: [] }
        await createFolderWith(copy)
        return summarize(copy)
      } catch (error) {
        throw asAppError(error, `cannot duplicate draft ${id}`)
      }
    },

    trash(id) {
      return serialize(id, async () => {
        await ensureFolders()
        try {
          await changing(
            () => fs.rename(folderOf('active', id), folderOf('trash', id)),
            () => ({ apply: (current) => withoutDraft(current, id) })
          )
          cache.delete(id)
          await atomicWriteFile(fs, join(folderOf('trash', id), TRASH_FILE), JSON.stringify({ trashedAt: nowIso() }))
        } catch (error) {
          throw asAppError(error, `cannot move draft ${id} to the trash`)
        }
      })
    },

    discardUntouched(id) {
      return serialize(id, async () => {
        await ensureFolders()
        try {
          const current = await openExisting(id)
          const untouched = current.revision === 0 && current.title.trim() === '' && current.body === null && current.signOffs.length === 0
          if (!untouched) return false
          // A photo imported from the culling view is in assets/ before it is in the body.
          if ((await fs.readdir(join(folderOf('active', id), 'assets')).catch(() => [] as string[])).length > 0) return false
          await changing(
            () => fs.rm(folderOf('active', id), { recursive: true, force: true }),
            () => ({ apply: (current) => withoutDraft(current, id) })
          )
          cache.delete(id)
          return true
        } catch (error) {
          throw asAppError(error, `cannot remove the untouched draft ${id}`)
        }
      })
    },

    restore(id) {
      return serialize(id, async () => {
        await ensureFolders()
        try {
          await changing(
            async () => {
              await fs.rename(folderOf('trash', id), folderOf('active', id))
              await fs.rm(join(folderOf('active', id), TRASH_FILE), { force: true })
              return readDraft('active', id).catch(() => null)
            },
            (restored) => (restored?.ok ? { apply: (current) => withDraft(current, summarize(restored.draft), true) } : forgetHead)
          )
        } catch (error) {
          throw asAppError(error, `cannot restore draft ${id}`)
        }
      })
    },

    async emptyTrash() {
      await ensureFolders()
      try {
        const names = await fs.readdir(trashDir)
        for (const name of names) await fs.rm(join(trashDir, name), { recursive: true, force: true })
        return names.length
      } catch (error) {
        throw asAppError(error, 'cannot empty the trash')
      }
    },

    async acknowledgeQuarantine(ids) {
      const wanted = new Set(ids)
      for (const record of await listQuarantine()) {
        if (!wanted.has(record.id) || record.acknowledged) continue
        await atomicWriteFile(fs, join(record.folder, QUARANTINE_FILE), JSON.stringify({ ...record, acknowledged: true })).catch(
          (error: unknown) => {
            throw asAppError(error, 'cannot update the quarantine record')
          }
        )
      }
    },

    assetsFolder(id) {
      return join(folderOf('active', id), 'assets')
    },

    async withAssets(id, work) {
      await ensureFolders()
      return serialize(id, async () => {
        const draftFile = await fs.stat(fileOf('active', id)).catch(() => null)
        if (!draftFile) throw new AppError('not-found', `draft ${id} is not among the active drafts`)
        const folder = join(folderOf('active', id), 'assets')
        await fs.mkdir(folder, { recursive: true })
        return work(folder)
      })
    },

    draftFolder(id) {
      return folderOf('active', id)
    },

    async transact(id, work) {
      await ensureFolders()
      return serialize(id, async () => {
        const current = await openExisting(id).catch((error: unknown) => {
          throw asAppError(error, `cannot open draft ${id}`)
        })
        return work(current, async (next) => {
          try {
            await writeDraft('active', next)
          } catch (error) {
            throw asAppError(error, `cannot save draft ${id}`)
          }
        })
      })
    }
  }
}
