import { join } from 'node:path'
import { getHeapStatistics } from 'node:v8'
import type { LibraryResult, LibraryView } from '../../../shared/library/query'
import type { LibraryMe } from '../../../shared/library/statuses'
import { DRAFT_FILE, parseDraftFile } from '../drafts/draftStore'
import { nodeServiceFs, type ServiceFs } from '../fs/serviceFs'
import { createFold, type Fold } from './fold'
import { IndexedDraftSchema, indexedDraft, type IndexedDraft } from './indexedDraft'
import { createSearchCore, type SearchCore } from './searchCore'

/** Bumped when IndexedDraft changes: an index of another version is rebuilt, not misread. */
export const SEARCH_INDEX_VERSION = 1
export const SEARCH_INDEX_FOLDER = '.search'

/** heapUsedBytes and externalBytes are of the thread the index runs on (the worker's own isolate). */
export type LibraryIndexStats = { drafts: number; indexBytes: number; gramBytes: number; heapUsedBytes: number; externalBytes: number; loadMs: number }

/**
 * The search index of one data folder: `<dataDir>/.search/v1/<id>.json` per active draft (what the search
 * needs of it, and the size and time of the draft.json it came from), loaded into a SearchCore. A missing or
 * damaged entry is read again from the draft; drafts changed while the app was closed are found by
 * `refresh`. Runs in the library worker in the app, inline in tests.
 */
export type LibraryIndex = {
  /** Loads the stored entries and brings them up to date with the drafts. */
  load(): Promise<void>
  /** A draft was written, created, trashed or restored: index it again (or drop it) from its file. */
  changed(id: string): Promise<void>
  /** Compares every draft with its entry (after imports, or edits made outside the app). */
  refresh(): Promise<void>
  query(view: LibraryView, me: LibraryMe): LibraryResult
  stats(): Promise<LibraryIndexStats>
  readonly loaded: boolean
}

export type LibraryIndexOptions = { dataDir: string; fs?: ServiceFs; fold?: Fold }

const SAFE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/
const BATCH = 32

export function createLibraryIndex(options: LibraryIndexOptions): LibraryIndex {
  const fs = options.fs ?? nodeServiceFs
  const draftsDir = join(options.dataDir, 'drafts')
  const folder = join(options.dataDir, SEARCH_INDEX_FOLDER, `v${SEARCH_INDEX_VERSION}`)
  const entryFile = (id: string) => join(folder, `${id}.json`)
  let core: SearchCore | null = null
  let loaded = false
  let loadMs = 0
  /** One update at a time, in the order they were asked for. */
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task)
    queue = next.catch(() => undefined)
    return next
  }

  const theCore = () => (core ??= createSearchCore(options.fold ?? createFold()))

  async function readStored(id: string): Promise<IndexedDraft | null> {
    try {
      const parsed = IndexedDraftSchema.safeParse(JSON.parse(await fs.readFile(entryFile(id), 'utf8')))
      return parsed.success && parsed.data.id === id ? parsed.data : null
    } catch {
      return null
    }
  }

  async function store(entry: IndexedDraft): Promise<void> {
    // A cache: no fsync. A torn file fails to parse on the next start and is read again from the draft.
    const temp = `${entryFile(entry.id)}.${process.pid}.tmp`
    try {
      await fs.writeFile(temp, JSON.stringify(entry))
      await fs.rename(temp, entryFile(entry.id))
    } catch {
      await fs.rm(temp, { force: true }).catch(() => undefined)
    }
  }

  /** Indexes a draft from its file when the stored entry is not of that very file; drops it when it is gone. */
  async function update(id: string, known: IndexedDraft | undefined): Promise<void> {
    const file = join(draftsDir, id, DRAFT_FILE)
    const stat = await fs.stat(file).catch(() => null)
    if (!stat?.isFile()) {
      theCore().remove(id)
      await fs.rm(entryFile(id), { force: true }).catch(() => undefined)
      return
    }
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) {
      if (!theCore().get(id)) theCore().put(known)
      return
    }
    const loadedDraft = parseDraftFile(await fs.readFile(file).catch(() => Buffer.alloc(0)))
    // A damaged draft is the draft store's to quarantine; the search just leaves it out.
    if (!loadedDraft.ok) return theCore().remove(id)
    const entry = indexedDraft({ ...loadedDraft.draft, id }, { mtimeMs: stat.mtimeMs, size: stat.size })
    theCore().put(entry)
    await store(entry)
  }

  async function draftIds(): Promise<string[]> {
    const names = await fs.readdir(draftsDir).catch(() => [] as string[])
    return names.filter((name) => SAFE_ID.test(name))
  }

  async function inBatches(ids: string[], work: (id: string) => Promise<void>) {
    for (let at = 0; at < ids.length; at += BATCH) await Promise.all(ids.slice(at, at + BATCH).map(work))
  }

  async function refreshAll(stored: Map<string, IndexedDraft | null> | null) {
    const ids = await draftIds()
    const present = new Set(ids)
    for (const id of theCore().ids()) {
      if (present.has(id)) continue
      theCore().remove(id)
      await fs.rm(entryFile(id), { force: true }).catch(() => undefined)
    }
    await inBatches(ids, (id) => update(id, stored ? (stored.get(id) ?? undefined) : theCore().get(id)))
  }

  return {
    get loaded() {
      return loaded
    },
    load() {
      return serial(async () => {
        const started = performance.now()
        await fs.mkdir(folder, { recursive: true })
        const names = await fs.readdir(folder).catch(() => [] as string[])
        const stored = new Map<string, IndexedDraft | null>()
        await inBatches(
          names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -5)),
          async (id) => {
            stored.set(id, await readStored(id))
          }
        )
        // Leftovers of an interrupted write, and entries of drafts that are gone, go in refreshAll.
        await Promise.all(names.filter((name) => name.endsWith('.tmp')).map((name) => fs.rm(join(folder, name), { force: true }).catch(() => undefined)))
        await refreshAll(stored)
        for (const id of stored.keys()) if (!theCore().get(id)) await fs.rm(entryFile(id), { force: true }).catch(() => undefined)
        loaded = true
        loadMs = performance.now() - started
      })
    },
    changed(id) {
      if (!SAFE_ID.test(id)) return Promise.resolve()
      return serial(async () => {
        await fs.mkdir(folder, { recursive: true })
        await update(id, undefined)
      })
    },
    refresh() {
      return serial(() => refreshAll(null))
    },
    query(view, me) {
      if (!loaded || !core) {
        return { ready: false, ids: [], hits: [], choices: { columns: [], departments: [], people: [] }, noUserName: me.userName.trim() === '' }
      }
      return core.query(view, me)
    },
    async stats() {
      const names = await fs.readdir(folder).catch(() => [] as string[])
      const sizes: number[] = []
      await inBatches(names, async (name) => {
        sizes.push((await fs.stat(join(folder, name)).catch(() => null))?.size ?? 0)
      })
      const indexBytes = sizes.reduce((sum, size) => sum + size, 0)
      const heap = getHeapStatistics()
      return { drafts: core?.size ?? 0, indexBytes, gramBytes: core?.gramBytes ?? 0, heapUsedBytes: heap.used_heap_size, externalBytes: heap.external_memory, loadMs }
    }
  }
}
