/**
 * How many of the toolbar's sections (in order) stay in its one row: all when they fit, otherwise as many
 * as fit beside the 更多 button that holds the rest. Widths are the sections' own, measured once.
 */
export function sectionsThatFit(widths: readonly number[], available: number, moreWidth: number): number {
  const total = widths.reduce((sum, width) => sum + width, 0)
  if (total <= available) return widths.length
  let used = moreWidth
  for (let i = 0; i < widths.length; i++) {
    used += widths[i] ?? 0
    if (used > available) return i
  }
  return widths.length
}
