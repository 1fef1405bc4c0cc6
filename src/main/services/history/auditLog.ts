import type { FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { AuditEntrySchema, type AuditEntry, type AuditEntryInput } from '../../../shared/model/workflow'
import { nodeServiceFs, type ServiceFs } from '../fs/serviceFs'
import { toAppError } from './serviceErrors'

export const AUDIT_FILE = 'audit.jsonl'
/** Saves of one person closer together than this become one log entry with a count. */
export const SAVE_COALESCE_MS = 5 * 60_000

/**
 * The per-draft audit log: `audit.jsonl` in the draft folder, one JSON object per line, only ever
 * appended (O_APPEND) and fsynced. A line torn by a crash is skipped when reading and closed off before
 * the next append, so it never spoils the lines after it.
 *
 * Saves are coalesced: the first save of a person starts a window and is written at once; further saves
 * of that person inside the window are counted in memory and written as one `continues` entry when the
 * window ends (another entry, another person, a save after the window, or `flush()` when the app quits).
 * `list` folds these into one entry with a count. A crash loses at most that count, never a save: the
 * draft's revision numbers in the entries show the gap.
 */
export type AuditLog = {
  append(folder: string, entry: AuditEntryInput): Promise<void>
  /**
   * Appends the entry, then runs `commit`; if `commit` throws, the entry is taken back (the file is cut to
   * its length before it), so a sign-off that did not happen is never in the log.
   */
  appendWith<T>(folder: string, entry: AuditEntryInput, commit: () => Promise<T>): Promise<T>
  recordSave(folder: string, save: { actor: string; at: string; revision: number }): Promise<void>
  list(folder: string): Promise<{ entries: AuditEntry[]; skippedLines: number }>
  /** Writes the coalesced saves still held in memory (all drafts, or one folder). */
  flush(folder?: string): Promise<void>
}

type Window = {
  actor: string
  startMs: number
  /** Saves after the first one in this window, not yet written. */
  pending: { at: string; until: string; count: number; fromRevision: number; toRevision: number } | null
}

export type AuditLogOptions = { fs?: ServiceFs; coalesceMs?: number }

export function createAuditLog(options: AuditLogOptions = {}): AuditLog {
  const fs = options.fs ?? nodeServiceFs
  const coalesceMs = options.coalesceMs ?? SAVE_COALESCE_MS
  const windows = new Map<string, Window>()
  const queues = new Map<string, Promise<unknown>>()

  function serialize<T>(folder: string, task: () => Promise<T>): Promise<T> {
    const previous = queues.get(folder) ?? Promise.resolve()
    const next = previous.then(task, task)
    const settled = next.catch(() => undefined)
    queues.set(folder, settled)
    void settled.then(() => {
      if (queues.get(folder) === settled) queues.delete(folder)
    })
    return next
  }

  function pendingEntry(window: Window): AuditEntry | null {
    const { pending } = window
    if (!pending) return null
    return {
      at: pending.at,
      actor: window.actor,
      action: 'save',
      details: { revision: pending.toRevision, fromRevision: pending.fromRevision, continues: true },
      count: pending.count,
      until: pending.until
    }
  }

  /** Opens the log for appending, closing off a torn last line first. Returns the handle and its length. */
  async function openLog(folder: string): Promise<{ handle: FileHandle; size: number }> {
    const handle = await fs.open(join(folder, AUDIT_FILE), 'a+', 0o644)
    try {
      let { size } = await handle.stat()
      if (size > 0) {
        const last = Buffer.alloc(1)
        await handle.read(last, 0, 1, size - 1)
        if (last[0] !== 0x0a) {
          await handle.write('\n')
          size += 1
        }
      }
      return { handle, size }
    } catch (error) {
      await handle.close().catch(() => undefined)
      throw error
    }
  }

  const line = (entry: AuditEntryInput) => `${JSON.stringify(AuditEntrySchema.parse(entry))}\n`

  /** Writes the window's held saves and then `entry`; `afterWrite` runs before the handle closes. */
  async function write<T>(folder: string, entry: AuditEntryInput, afterWrite?: () => Promise<T>): Promise<T | undefined> {
    const window = windows.get(folder)
    const held = window ? pendingEntry(window) : null
    const { handle, size } = await openLog(folder)
    try {
      let before = size
      if (held) {
        await handle.write(line(held))
        if (window) window.pending = null
        before = (await handle.stat()).size
      }
      try {
        await handle.write(line(entry))
        await handle.sync()
      } catch (error) {
        await handle.truncate(before).catch(() => undefined)
        throw error
      }
      if (!afterWrite) return undefined
      try {
        return await afterWrite()
      } catch (error) {
        await handle.truncate(before).catch(() => undefined)
        await handle.sync().catch(() => undefined)
        throw error
      }
    } finally {
      await handle.close().catch(() => undefined)
    }
  }

  return {
    append(folder, entry) {
      return serialize(folder, async () => {
        try {
          await write(folder, entry)
        } catch (error) {
          throw toAppError(error, 'cannot write the audit log')
        }
        // Anything but a save closes the save window, so the log reads in the order things happened.
        windows.delete(folder)
      })
    },

    appendWith(folder, entry, commit) {
      return serialize(folder, async () => {
        const failures: unknown[] = []
        let result: Awaited<ReturnType<typeof commit>> | undefined
        try {
          result = await write(folder, entry, () =>
            commit().catch((error: unknown) => {
              failures.push(error)
              throw error
            })
          )
        } catch (error) {
          // The commit's own error (already one a person can act on) passes through as it is.
          throw failures.includes(error) ? error : toAppError(error, 'cannot write the audit log')
        }
        windows.delete(folder)
        return result as Awaited<ReturnType<typeof commit>>
      })
    },

    recordSave(folder, { actor, at, revision }) {
      return serialize(folder, async () => {
        const time = Date.parse(at)
        const window = windows.get(folder)
        if (window && window.actor === actor && time >= window.startMs && time - window.startMs < coalesceMs) {
          const held = window.pending
          window.pending = held
            ? { ...held, count: held.count + 1, until: at, toRevision: revision }
            : { at, until: at, count: 1, fromRevision: revision, toRevision: revision }
          return
        }
        try {
          await write(folder, { at, actor, action: 'save', details: { revision }, count: 1 })
        } catch (error) {
          throw toAppError(error, 'cannot write the audit log')
        }
        windows.set(folder, { actor, startMs: time, pending: null })
      })
    },

    async list(folder) {
      await (queues.get(folder) ?? Promise.resolve())
      let text: string
      try {
        text = await fs.readFile(join(folder, AUDIT_FILE), 'utf8')
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') text = ''
        else throw toAppError(error, 'cannot read the audit log')
      }
      const entries: AuditEntry[] = []
      let skippedLines = 0
      for (const raw of text.split('\n')) {
        if (raw.trim() === '') continue
        let parsed
        try {
          parsed = AuditEntrySchema.safeParse(JSON.parse(raw))
        } catch {
          skippedLines++
          continue
        }
        if (parsed.success) entries.push(parsed.data)
        else skippedLines++
      }
      const window = windows.get(folder)
      const held = window ? pendingEntry(window) : null
      if (held) entries.push(held)
      return { entries: foldSaves(entries), skippedLines }
    },

    async flush(folder) {
      const folders = folder === undefined ? [...windows.keys()] : [folder]
      await Promise.all(
        folders.map((each) =>
          serialize(each, async () => {
            const window = windows.get(each)
            const held = window ? pendingEntry(window) : null
            if (!window || !held) return
            const { handle } = await openLog(each)
            try {
              await handle.write(line(held))
              await handle.sync()
              window.pending = null
            } finally {
              await handle.close().catch(() => undefined)
            }
          }).catch(() => undefined)
        )
      )
    }
  }
}

/** Folds each `continues` save entry into the save entry it continues: one entry, the total count. */
export function foldSaves(entries: readonly AuditEntry[]): AuditEntry[] {
  const out: AuditEntry[] = []
  for (const entry of entries) {
    const previous = out.at(-1)
    if (entry.action === 'save' && entry.details.continues === true && previous?.action === 'save' && previous.actor === entry.actor) {
      out[out.length - 1] = {
        ...previous,
        count: (previous.count ?? 1) + (entry.count ?? 1),
        until: entry.until ?? entry.at,
        details: { ...previous.details, revision: entry.details.revision }
      }
      continue
    }
    out.push(entry)
  }
  return out
}
