// Relative, not @shared: unit-tested under Node, which has no @shared alias.
import type { PhotoEntry, PhotoPreviewInfo } from '../../../shared/ipc/channels/photos'
import type { ImageFailureCode } from '../../../shared/model/image'

export type PhotoMark = 'picked' | 'rejected' | null
export type PhotoLoad = 'queued' | 'working' | 'done' | 'failed' | 'cancelled'

/** One photo of the import as the culling view holds it. */
export type CullPhoto = {
  id: number
  name: string
  load: PhotoLoad
  preview: PhotoPreviewInfo | null
  /** Why the preview, or later the insert, failed. */
  failure: ImageFailureCode | null
  mark: PhotoMark
  /** Set while (and after) the photo is compressed into the article. */
  insert: PhotoLoad | null
}

export type CullFilter = 'all' | 'picked' | 'unmarked'
export type CullSort = 'captured' | 'name'

export function newCullPhoto(entry: PhotoEntry): CullPhoto {
  return { id: entry.id, name: entry.name, load: 'queued', preview: null, failure: null, mark: null, insert: null }
}

/** Keeps what is known of photos already in the list; new ones are queued. */
export function mergeEntries(current: readonly CullPhoto[], entries: readonly PhotoEntry[]): CullPhoto[] {
  const known = new Map(current.map((p) => [p.id, p]))
  return entries.map((entry) => known.get(entry.id) ?? newCullPhoto(entry))
}

/**
 * Capture order (camera wall clock, as the photographer shot the event); photos without a date follow in
 * file order, and those still loading keep their file position among them.
 */
export function sortPhotos(photos: readonly CullPhoto[], sort: CullSort): CullPhoto[] {
  if (sort === 'name') return [...photos].sort((a, b) => a.id - b.id)
  const time = (p: CullPhoto) => p.preview?.capturedAt?.slice(0, 19) ?? null
  return [...photos].sort((a, b) => {
    const ta = time(a)
    const tb = time(b)
    if (ta && tb) return ta.localeCompare(tb) || a.id - b.id
    if (ta) return -1
    if (tb) return 1
    return a.id - b.id
  })
}

export function filterPhotos(photos: readonly CullPhoto[], filter: CullFilter): CullPhoto[] {
  if (filter === 'picked') return photos.filter((p) => p.mark === 'picked')
  if (filter === 'unmarked') return photos.filter((p) => p.mark === null)
  return [...photos]
}

export type CullKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown'

/** The index focus moves to in a grid of `columns`, clamped to the list. */
export function moveFocus(index: number, key: CullKey, count: number, columns: number, rowsPerPage: number): number {
  if (count === 0) return 0
  const step: Record<CullKey, number> = {
    ArrowLeft: -1,
    ArrowRight: 1,
    ArrowUp: -columns,
    ArrowDown: columns,
    Home: -Infinity,
    End: Infinity,
    PageUp: -columns * rowsPerPage,
    PageDown: columns * rowsPerPage
  }
  const next = index + step[key]
  if (!Number.isFinite(next)) return next < 0 ? 0 : count - 1
  // Up or down past the edge stays put rather than wrapping into another column.
  if ((key === 'ArrowUp' || key === 'ArrowDown') && (next < 0 || next >= count)) return Math.min(Math.max(index, 0), count - 1)
  return Math.min(Math.max(next, 0), count - 1)
}

/** P, X and U as the culling keys of photo tools: pick, reject, unmark. */
export function markForKey(key: string): PhotoMark | undefined {
  switch (key.toLowerCase()) {
    case 'p':
      return 'picked'
    case 'x':
      return 'rejected'
    case 'u':
      return null
    default:
      return undefined
  }
}

/** Rows of the grid to render for a scroll position: only those in view, plus a row either side. */
export function visibleRows(scrollTop: number, viewportHeight: number, rowHeight: number, rowCount: number, overscan = 1) {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const last = Math.min(rowCount - 1, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan - 1)
  return { first, last }
}
