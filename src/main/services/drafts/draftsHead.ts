import { z } from 'zod'
import { DraftSummarySchema, type DraftSummary } from '../../../shared/model/draft'

/**
 * The head of the draft list: the newest summaries, kept in a small file of their own so that a start paints
 * its first screen without reading (and checking) the summaries of every draft. It is trusted only while the
 * draft folders are exactly the ones it was made from: their number and an order-free fingerprint of their
 * names, which a readdir can check in a few milliseconds and each create, trash or restore updates in place.
 * Pure: the store does the reading and writing.
 */

/** More than the first screen asks for, so a few drafts trashed since the last full list still leave enough. */
export const HEAD_SIZE = 100
const HEAD_VERSION = 1

/** The draft folders' names as a set: how many, and two 32-bit hashes combined by XOR (order does not matter). */
export type FolderSet = { count: number; a: number; b: number }

export type DraftsHead = {
  /** How many drafts the list had (folders that are not drafts, like a stray file, are in `folders` only). */
  total: number
  folders: FolderSet
  /** The newest min(total, HEAD_SIZE) drafts or fewer, newest first: always the start of the whole list. */
  drafts: DraftSummary[]
}

const FolderSetSchema = z.object({ count: z.number().int().nonnegative(), a: z.number().int(), b: z.number().int() })
const HeadFileSchema = z.object({
  version: z.literal(HEAD_VERSION),
  total: z.number().int().nonnegative(),
  folders: FolderSetSchema,
  drafts: z.array(DraftSummarySchema).max(HEAD_SIZE)
})

/** Newest edit first; equal times by id, so every list and the head agree on one order. */
export function byLastEdited(a: DraftSummary, b: DraftSummary): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? 1 : -1
}

function hashes(name: string): [number, number] {
  // FNV-1a over the UTF-16 units, from two offset bases: 64 bits in all against an accidental match.
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x5bd1e995
  for (let i = 0; i < name.length; i++) {
    const unit = name.charCodeAt(i)
    a = Math.imul(a ^ unit, 0x01000193)
    b = Math.imul(b ^ unit, 0x01000193) ^ (b >>> 15)
  }
  return [a | 0, b | 0]
}

export function folderSetOf(names: readonly string[]): FolderSet {
  let set: FolderSet = { count: 0, a: 0, b: 0 }
  for (const name of names) set = withFolder(set, name, 1)
  return set
}

/** The set with a folder added (+1) or removed (-1). */
export function withFolder(set: FolderSet, name: string, change: 1 | -1): FolderSet {
  const [a, b] = hashes(name)
  return { count: set.count + change, a: set.a ^ a, b: set.b ^ b }
}

export function sameFolders(x: FolderSet, y: FolderSet): boolean {
  return x.count === y.count && x.a === y.a && x.b === y.b
}

/** The head of a whole, checked list. `drafts` is sorted newest first. */
export function headOf(drafts: readonly DraftSummary[], folderNames: readonly string[]): DraftsHead {
  return { total: drafts.length, folders: folderSetOf(folderNames), drafts: drafts.slice(0, HEAD_SIZE) }
}

/** After a draft was written (`isNew`: its folder was just made, by a create, a copy or a restore). */
export function withDraft(head: DraftsHead, summary: DraftSummary, isNew: boolean): DraftsHead {
  const others = head.drafts.filter((draft) => draft.id !== summary.id)
  const othersTotal = isNew ? head.total : head.total - 1
  const last = others.at(-1)
  // The head is the start of the list: the draft goes in when it sorts before its end, or when the head
  // holds every other draft; otherwise it lies beyond the head, which stays the start of the list.
  const inside = (last !== undefined && byLastEdited(summary, last) < 0) || others.length === othersTotal
  const drafts = inside ? [...others, summary].sort(byLastEdited).slice(0, HEAD_SIZE) : others
  return {
    total: othersTotal + 1,
    folders: isNew ? withFolder(head.folders, summary.id, 1) : head.folders,
    drafts
  }
}

/** After a draft's folder left the drafts (trashed, discarded, quarantined). */
export function withoutDraft(head: DraftsHead, id: string): DraftsHead {
  return { total: head.total - 1, folders: withFolder(head.folders, id, -1), drafts: head.drafts.filter((draft) => draft.id !== id) }
}

/**
 * The newest `first` drafts, when the head was made from exactly these draft folders and holds that many;
 * null otherwise (the caller then reads the whole list).
 */
export function firstScreenOf(head: DraftsHead, folderNames: readonly string[], first: number): DraftSummary[] | null {
  if (!sameFolders(head.folders, folderSetOf(folderNames))) return null
  if (head.drafts.length < Math.min(first, head.total)) return null
  return head.drafts.slice(0, first)
}

export function parseHead(text: string): DraftsHead | null {
  try {
    const parsed = HeadFileSchema.safeParse(JSON.parse(text))
    if (!parsed.success) return null
    const { total, folders, drafts } = parsed.data
    if (drafts.length > total) return null
    return { total, folders, drafts: drafts.sort(byLastEdited) }
  } catch {
    return null
  }
}

export function serializeHead(head: DraftsHead): string {
  return JSON.stringify({ version: HEAD_VERSION, ...head })
}
