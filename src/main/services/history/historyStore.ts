import { join } from 'node:path'
import { AppError } from '../../../shared/errors'
import { articlePlainText } from '../../../shared/model/articleText'
import { countWords } from '../../../shared/article/wordCount'
import {
  HistoryVersionIdSchema,
  HistoryVersionSchema,
  type HistoryReason,
  type HistoryVersion,
  type HistoryVersionSummary,
  type SignedContent
} from '../../../shared/model/workflow'
import { atomicWriteFile, isTempFile } from '../fs/atomicWrite'
import { nodeServiceFs, type ServiceFs } from '../fs/serviceFs'
import { toAppError } from './serviceErrors'

export const HISTORY_FOLDER = 'history'
/**
 * Interval versions kept per draft; sign-off, before-restore and manual versions are always kept. Beyond
 * this, the interval version whose neighbours are closest in time goes first, so old days keep a few
 * versions spread out while the last hours keep them close together.
 */
export const INTERVAL_VERSIONS_MAX = 200

export type NewVersion = {
  at: string
  reason: HistoryReason
  revision: number
  actor: string
  signOffId?: string | null
  content: SignedContent
}

/**
 * Earlier versions of a draft: `history/<versionId>.json` in the draft folder, each written atomically and
 * never changed. The id starts with the time, so names sort by age and say when without being read.
 */
export type HistoryStore = {
  snapshot(folder: string, version: NewVersion): Promise<HistoryVersion>
  /** Takes back a version that was written for a step that then failed. */
  discard(folder: string, versionId: string): Promise<void>
  list(folder: string): Promise<HistoryVersionSummary[]>
  get(folder: string, versionId: string): Promise<HistoryVersion>
  /** Time of the newest version (ms), or null when there is none. */
  lastAt(folder: string): Promise<number | null>
  /** Removes interval versions beyond the cap; returns how many went. */
  thin(folder: string): Promise<number>
}

const ID_PARTS = /^([0-9]{8}T[0-9]{9}Z)-r([0-9]+)-([a-z-]+?)(?:-([0-9]+))?$/

/** `2026-11-02T08:00:00.000Z` → `20261102T080000000Z`. */
function compactTime(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:.]/g, '')
}

function timeOfId(id: string): number | null {
  const match = ID_PARTS.exec(id)
  const stamp = match?.[1]
  if (!stamp) return null
  const iso = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}.${stamp.slice(15, 18)}Z`
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? null : ms
}

const reasonOfId = (id: string): string | null => ID_PARTS.exec(id)?.[3] ?? null

export function wordCountOf(content: SignedContent): number {
  return countWords(articlePlainText(content.body))
}

export type HistoryStoreOptions = { fs?: ServiceFs; intervalVersionsMax?: number }

export function createHistoryStore(options: HistoryStoreOptions = {}): HistoryStore {
  const fs = options.fs ?? nodeServiceFs
  const intervalMax = options.intervalVersionsMax ?? INTERVAL_VERSIONS_MAX
  const lastAtCache = new Map<string, number | null>()

  const folderOf = (draftFolder: string) => join(draftFolder, HISTORY_FOLDER)

  async function versionIds(draftFolder: string): Promise<string[]> {
    const names = await fs.readdir(folderOf(draftFolder)).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'ENOENT') return [] as string[]
      throw toAppError(error, 'cannot read the draft history')
    })
    return names
      .filter((name) => name.endsWith('.json') && !isTempFile(name))
      .map((name) => name.slice(0, -'.json'.length))
      .filter((id) => HistoryVersionIdSchema.safeParse(id).success)
      .sort()
  }

  async function exists(path: string): Promise<boolean> {
    return fs.stat(path).then(
      () => true,
      () => false
    )
  }

  async function read(draftFolder: string, versionId: string): Promise<HistoryVersion> {
    if (!HistoryVersionIdSchema.safeParse(versionId).success) throw new AppError('invalid-request', `not a version id: ${versionId}`)
    let text: string
    try {
      text = await fs.readFile(join(folderOf(draftFolder), `${versionId}.json`), 'utf8')
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') throw new AppError('not-found', `version ${versionId} does not exist`)
      throw toAppError(error, `cannot read version ${versionId}`)
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw new AppError('corrupt-file', `version ${versionId} is damaged`)
    }
    const parsed = HistoryVersionSchema.safeParse(json)
    if (!parsed.success) throw new AppError('corrupt-file', `version ${versionId} is damaged: ${parsed.error.issues[0]?.message ?? ''}`)
    return { ...parsed.data, id: versionId }
  }

  return {
    async snapshot(draftFolder, version) {
      const folder = folderOf(draftFolder)
      const base = `${compactTime(version.at)}-r${version.revision}-${version.reason}`
      try {
        await fs.mkdir(folder, { recursive: true })
        let id = base
        for (let n = 2; await exists(join(folder, `${id}.json`)); n++) id = `${base}-${n}`
        const stored: HistoryVersion = HistoryVersionSchema.parse({
          id,
          at: version.at,
          reason: version.reason,
          revision: version.revision,
          actor: version.actor,
          signOffId: version.signOffId ?? null,
          content: version.content
        })
        await atomicWriteFile(fs, join(folder, `${id}.json`), JSON.stringify(stored))
        const previous = lastAtCache.get(draftFolder)
        const at = Date.parse(version.at)
        if (previous !== undefined) lastAtCache.set(draftFolder, previous === null ? at : Math.max(previous, at))
        return stored
      } catch (error) {
        throw toAppError(error, 'cannot keep a version of the draft')
      }
    },

    async discard(draftFolder, versionId) {
      if (!HistoryVersionIdSchema.safeParse(versionId).success) return
      await fs.rm(join(folderOf(draftFolder), `${versionId}.json`), { force: true }).catch(() => undefined)
      lastAtCache.delete(draftFolder)
    },

    async list(draftFolder) {
      const ids = await versionIds(draftFolder)
      const summaries = await Promise.all(
        ids.map(async (id): Promise<HistoryVersionSummary | null> => {
          // A damaged version file is left out of the list rather than hiding all the others.
          const version = await read(draftFolder, id).catch(() => null)
          if (!version) return null
          return {
            id,
            at: version.at,
            reason: version.reason,
            revision: version.revision,
            actor: version.actor,
            signOffId: version.signOffId,
            title: version.content.title,
            wordCount: wordCountOf(version.content)
          }
        })
      )
      return summaries.filter((s): s is HistoryVersionSummary => s !== null)
    },

    get: read,

    async lastAt(draftFolder) {
      const cached = lastAtCache.get(draftFolder)
      if (cached !== undefined) return cached
      const times = (await versionIds(draftFolder)).map(timeOfId).filter((t): t is number => t !== null)
      const last = times.length > 0 ? Math.max(...times) : null
      lastAtCache.set(draftFolder, last)
      return last
    },

    async thin(draftFolder) {
      const interval = (await versionIds(draftFolder))
        .filter((id) => reasonOfId(id) === 'interval')
        .map((id) => ({ id, at: timeOfId(id) ?? 0 }))
        .sort((a, b) => a.at - b.at)
      let removed = 0
      while (interval.length > intervalMax && interval.length > 2) {
        // Never the oldest or the newest: the first version and the latest one are worth the most.
        let pick = 1
        let smallest = Infinity
        for (let i = 1; i < interval.length - 1; i++) {
          const gap = (interval[i + 1]?.at ?? 0) - (interval[i - 1]?.at ?? 0)
          if (gap < smallest) {
            smallest = gap
            pick = i
          }
        }
        const [gone] = interval.splice(pick, 1)
        if (!gone) break
        await fs.rm(join(folderOf(draftFolder), `${gone.id}.json`), { force: true })
        removed++
      }
      return removed
    }
  }
}
