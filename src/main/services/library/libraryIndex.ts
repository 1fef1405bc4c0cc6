import { join } from 'node:path'
import { getHeapStatistics } from 'node:v8'
import type { LibraryResult, LibraryView } from '../../../shared/library/query'
import type { LibraryMe } from '../../../shared/library/statuses'
import { DRAFT_FILE, parseDraftFile } from '../drafts/draftStore'
import { nodeServiceFs, type ServiceFs } from '../fs/serviceFs'
import { createFold, type Fold } from './fold'
import { IndexedDraftSchema, indexedDraft, type IndexedDraft } from './indexedDraft'
import { decodePack, encodePack } from './indexPack'
import { NO_CHOICES, choicesUnless, createSearchCore, type SearchCore } from './searchCore'

/** Bumped when the stored form changes: an index of another version is removed and rebuilt, not misread. */
export const SEARCH_INDEX_VERSION = 2
export const SEARCH_INDEX_FOLDER = '.search'
export const PACK_FILE = 'pack.bin'
export const FRESH_FOLDER = 'fresh'

/** heapUsedBytes and externalBytes are of the thread the index runs on (the worker's own isolate). */
export type LibraryIndexStats = {
  drafts: number
  indexBytes: number
  gramBytes: number
  heapUsedBytes: number
  externalBytes: number
  rssBytes: number
  loadMs: number
}

/**
 * The search index of one data folder, in `<dataDir>/.search/v2/`: pack.bin holds every draft's entry (what the
 * search needs of it, and the size and time of the draft.json it came from), fresh/<id>.json an entry saved since
 * the pack was written, so a save writes one small file. Loading reads both, reads again any draft whose file
 * differs, and writes a new pack when anything changed. A missing or damaged pack or entry is rebuilt from the
 * drafts. Runs in the library worker in the app, inline in tests.
 */
export type LibraryIndex = {
  /** Loads the stored entries and brings them up to date with the drafts. */
  load(): Promise<void>
  /** A draft was written, created, trashed or restored: index it again (or drop it) from its file. */
  changed(id: string): Promise<void>
  /** Compares every draft with its entry (after imports, or edits made outside the app). */
  refresh(): Promise<void>
  query(view: LibraryView, me: LibraryMe, knownChoices?: number): LibraryResult
  stats(): Promise<LibraryIndexStats>
  readonly loaded: boolean
}

export type LibraryIndexOptions = { dataDir: string; fs?: ServiceFs; fold?: Fold }

const SAFE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/
const BATCH = 32
/** Buffers per write when storing the pack (a few megabytes at a time). */
const WRITE_PARTS = 512

export function createLibraryIndex(options: LibraryIndexOptions): LibraryIndex {
  const fs = options.fs ?? nodeServiceFs
  const draftsDir = join(options.dataDir, 'drafts')
  const root = join(options.dataDir, SEARCH_INDEX_FOLDER)
  const folder = join(root, `v${SEARCH_INDEX_VERSION}`)
  const packFile = join(folder, PACK_FILE)
  const freshFolder = join(folder, FRESH_FOLDER)
  const freshFile = (id: string) => join(freshFolder, `${id}.json`)
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

  async function readFresh(id: string): Promise<IndexedDraft | null> {
    try {
      const parsed = IndexedDraftSchema.safeParse(JSON.parse(await fs.readFile(freshFile(id), 'utf8')))
      return parsed.success && parsed.data.id === id ? parsed.data : null
    } catch {
      return null
    }
  }

  /** A cache, so no fsync: a torn file fails to parse on the next start and is read again from the draft. */
  async function replace(path: string, data: readonly Uint8Array[]): Promise<void> {
    const temp = `${path}.${process.pid}.tmp`
    try {
      const handle = await fs.open(temp, 'w')
      try {
        for (let at = 0; at < data.length; at += WRITE_PARTS) await handle.write(Buffer.concat(data.slice(at, at + WRITE_PARTS)))
      } finally {
        await handle.close()
      }
      await fs.rename(temp, path)
    } catch {
      await fs.rm(temp, { force: true }).catch(() => undefined)
    }
  }

  /** Indexes a draft from its file when the stored entry is not of that very file; drops it when it is gone. */
  async function update(id: string, known: IndexedDraft | undefined): Promise<boolean> {
    const file = join(draftsDir, id, DRAFT_FILE)
    const stat = await fs.stat(file).catch(() => null)
    if (!stat?.isFile()) {
      const had = theCore().get(id) !== undefined
      theCore().remove(id)
      return had || known !== undefined
    }
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) {
      if (theCore().get(id) !== known) theCore().put(known)
      return false
    }
    const loadedDraft = parseDraftFile(await fs.readFile(file).catch(() => Buffer.alloc(0)))
    // A damaged draft is the draft store's to quarantine; the search just leaves it out.
    if (!loadedDraft.ok) {
      theCore().remove(id)
      return true
    }
    theCore().put(indexedDraft({ ...loadedDraft.draft, id }, { mtimeMs: stat.mtimeMs, size: stat.size }))
    return true
  }

  async function draftIds(): Promise<string[]> {
    const names = await fs.readdir(draftsDir).catch(() => [] as string[])
    return names.filter((name) => SAFE_ID.test(name))
  }

  async function inBatches(ids: string[], work: (id: string) => Promise<void>) {
    for (let at = 0; at < ids.length; at += BATCH) await Promise.all(ids.slice(at, at + BATCH).map(work))
  }

  /** Brings the core up to date with the drafts; true when anything changed. */
  async function refreshAll(stored: Map<string, IndexedDraft> | null): Promise<boolean> {
    const ids = await draftIds()
    const present = new Set(ids)
    let changed = false
    for (const id of [...theCore().ids(), ...(stored?.keys() ?? [])]) {
      if (present.has(id)) continue
      theCore().remove(id)
      changed = true
    }
    await inBatches(ids, async (id) => {
      if (await update(id, stored ? stored.get(id) : theCore().get(id))) changed = true
    })
    return changed
  }

  /** The pack from the core as it is; the fresh entries are in it, so they go. */
  async function writePack() {
    const ids = theCore().ids().sort()
    await replace(packFile, encodePack(SEARCH_INDEX_VERSION, ids.flatMap((id) => theCore().get(id) ?? [])))
    await fs.rm(freshFolder, { recursive: true, force: true }).catch(() => undefined)
    await fs.mkdir(freshFolder, { recursive: true })
  }

  async function readPack(): Promise<IndexedDraft[]> {
    const data = await fs.readFile(packFile).catch(() => null)
    return (data && decodePack(SEARCH_INDEX_VERSION, data)) ?? []
  }

  return {
    get loaded() {
      return loaded
    },
    load() {
      return serial(async () => {
        const started = performance.now()
        // Indexes of other versions are not read; what they hold is rebuilt from the drafts.
        const versions = await fs.readdir(root).catch(() => [] as string[])
        await Promise.all(versions.filter((name) => name !== `v${SEARCH_INDEX_VERSION}`).map((name) => fs.rm(join(root, name), { recursive: true, force: true }).catch(() => undefined)))
        await fs.mkdir(freshFolder, { recursive: true })
        const stored = new Map<string, IndexedDraft>()
        for (const entry of await readPack()) stored.set(entry.id, entry)
        const packed = stored.size
        const fresh = (await fs.readdir(freshFolder).catch(() => [] as string[])).filter((name) => name.endsWith('.json'))
        await inBatches(
          fresh.map((name) => name.slice(0, -5)),
          async (id) => {
            const entry = SAFE_ID.test(id) ? await readFresh(id) : null
            if (entry) stored.set(id, entry)
          }
        )
        const changed = await refreshAll(stored)
        if (changed || fresh.length > 0 || packed === 0) await writePack()
        loaded = true
        loadMs = performance.now() - started
      })
    },
    changed(id) {
      if (!SAFE_ID.test(id)) return Promise.resolve()
      return serial(async () => {
        await update(id, undefined)
        const entry = theCore().get(id)
        await fs.mkdir(freshFolder, { recursive: true })
        // A removed draft's stale entry in the pack is dropped at the next start (its draft is gone then too).
        if (entry) await replace(freshFile(id), [Buffer.from(JSON.stringify(entry))])
        else await fs.rm(freshFile(id), { force: true }).catch(() => undefined)
      })
    },
    refresh() {
      return serial(async () => {
        const before = new Map(theCore().ids().map((id) => [id, theCore().get(id)]))
        if (!(await refreshAll(null))) return
        for (const id of theCore().ids()) {
          const entry = theCore().get(id)
          if (entry && before.get(id) !== entry) {
            await fs.mkdir(freshFolder, { recursive: true })
            await replace(freshFile(id), [Buffer.from(JSON.stringify(entry))])
          }
        }
      })
    },
    query(view, me, knownChoices) {
      if (!loaded || !core) {
        return { ready: false, ids: [], hits: [], ...choicesUnless(NO_CHOICES, knownChoices), noUserName: me.userName.trim() === '' }
      }
      return core.query(view, me, { knownChoices })
    },
    async stats() {
      const sizeOf = async (path: string) => (await fs.stat(path).catch(() => null))?.size ?? 0
      const fresh = await fs.readdir(freshFolder).catch(() => [] as string[])
      let indexBytes = await sizeOf(packFile)
      for (const name of fresh) indexBytes += await sizeOf(join(freshFolder, name))
      const heap = getHeapStatistics()
      return {
        drafts: core?.size ?? 0,
        indexBytes,
        gramBytes: core?.gramBytes ?? 0,
        heapUsedBytes: heap.used_heap_size,
        externalBytes: heap.external_memory,
        rssBytes: process.memoryUsage.rss(),
        loadMs
      }
    }
  }
}
