// Relative, not @shared: this module is unit-tested under Vitest, which has no @shared alias.
import { defaultLibraryView, LibraryViewSchema, type LibraryView } from '../../../shared/library/view'

export { isPlainView } from '../../../shared/library/view'

const STORAGE_KEY = 'newsroom.library.view'

/** The search, filters and sort from the last session; the defaults when nothing (or something broken) was kept. */
export function loadLibraryView(storage: Pick<Storage, 'getItem'> | undefined): LibraryView {
  try {
    const kept = storage?.getItem(STORAGE_KEY)
    if (!kept) return defaultLibraryView()
    const parsed = LibraryViewSchema.safeParse(JSON.parse(kept))
    return parsed.success ? parsed.data : defaultLibraryView()
  } catch {
    return defaultLibraryView()
  }
}

export function saveLibraryView(storage: Pick<Storage, 'setItem'> | undefined, view: LibraryView): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(view))
  } catch {
    // A full or disabled storage only loses the remembered filters.
  }
}

/** How many filters (besides the search text and sort) are set: shown on the 筛选 button. */
export function activeFilterCount(view: LibraryView): number {
  return [view.status, view.column, view.department, view.person, view.from, view.to].filter((value) => value !== '' && value !== null).length + (view.mine ? 1 : 0)
}

/** The rows a virtual list draws: those in view plus a few either side, so scrolling never shows a gap. */
export function visibleRows(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 6): { first: number; last: number } {
  if (count === 0 || rowHeight <= 0) return { first: 0, last: -1 }
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const last = Math.min(count - 1, Math.ceil((scrollTop + Math.max(0, viewportHeight)) / rowHeight) + overscan)
  return { first, last }
}

/** The scroll position that brings a row fully into view, or null when it already is. */
export function scrollToShow(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | null {
  const top = index * rowHeight
  if (top < scrollTop) return top
  if (top + rowHeight > scrollTop + viewportHeight) return Math.max(0, top + rowHeight - viewportHeight)
  return null
}
