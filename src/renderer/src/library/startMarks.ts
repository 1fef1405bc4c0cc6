/**
 * Performance marks of a start, in the page's timeline (DevTools shows them; bench:drafts reads them): the
 * first screen asked for and its answer back in the page, its rows in the DOM, and the frame that drew them.
 */
export const START_MARKS = {
  listAsked: 'newsroom:list-asked',
  listAnswered: 'newsroom:list-answered',
  /** The answers were in when the app first rendered, which then drew the list at once. */
  readyAtMount: 'newsroom:list-ready-at-mount',
  rows: 'newsroom:list-rows',
  painted: 'newsroom:list-painted'
} as const

let rowsMarked = false
let shown: () => void = () => undefined
const shownPromise = new Promise<void>((resolve) => (shown = resolve))

/** Resolves once the frame that drew the first rows was shown (the painted mark); never if no rows are drawn. */
export function firstRowsShown(): Promise<void> {
  return shownPromise
}

function markPainted(startTime?: number): void {
  performance.mark(START_MARKS.painted, startTime === undefined ? undefined : { startTime })
  shown()
}

/** Once per page load: the first time the list has rows. */
export function markFirstRows(): void {
  if (rowsMarked) return
  rowsMarked = true
  performance.mark(START_MARKS.rows)
  // The browser's own time of the frame that drew the first row's title (Element Timing); without it, the
  // task after the next animation frame, which other tasks queued meanwhile may delay past the frame.
  if (typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes.includes('element')) {
    const observer = new PerformanceObserver((list) => {
      const entry = list.getEntries().find((item) => item.name !== '' && (item as PerformanceElementEntry).identifier === FIRST_ROW_TIMING) as
        | PerformanceElementEntry
        | undefined
      if (!entry) return
      observer.disconnect()
      markPainted(entry.renderTime || entry.startTime)
    })
    observer.observe({ type: 'element', buffered: true })
    return
  }
  requestAnimationFrame(() => setTimeout(() => markPainted(), 0))
}

/** The `elementtiming` name of the first row's title (VirtualDraftList.tsx): its paint is the list showing. */
export const FIRST_ROW_TIMING = 'newsroom-first-row'

type PerformanceElementEntry = PerformanceEntry & { identifier: string; renderTime: number }
