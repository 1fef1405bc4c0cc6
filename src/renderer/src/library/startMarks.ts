/**
 * Performance marks of a start, in the page's timeline (DevTools shows them; bench:drafts reads them): the
 * first screen asked for and its answer back in the page, its rows in the DOM, and the frame that drew them.
 */
export const START_MARKS = {
  listAsked: 'newsroom:list-asked',
  listAnswered: 'newsroom:list-answered',
  rows: 'newsroom:list-rows',
  painted: 'newsroom:list-painted'
} as const

let rowsMarked = false

/** Once per page load: the first time the list has rows. */
export function markFirstRows(): void {
  if (rowsMarked) return
  rowsMarked = true
  performance.mark(START_MARKS.rows)
  // The task after the next animation frame: that frame has been drawn by then.
  requestAnimationFrame(() => setTimeout(() => performance.mark(START_MARKS.painted), 0))
}
