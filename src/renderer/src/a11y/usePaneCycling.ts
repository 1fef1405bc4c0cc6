import { useLayoutEffect } from 'react'

/**
 * The window's panes in F6 order, each with the control focus lands on: the library's draft (its one Tab stop),
 * the toolbar's tab stop, the body, 稿件信息, the workflow bar. Panes not on screen (no draft open) are skipped.
 */
const PANES: readonly { pane: string; entry: readonly string[] }[] = [
  { pane: '.library', entry: ['.draft-open[tabindex="0"]', '.new-draft'] },
  { pane: '.format-toolbar', entry: ['button[tabindex="0"]:not(:disabled)', 'button:not(:disabled)'] },
  // The whole article (title, 预览) counts as the editor pane, but F6 into it lands in the body.
  { pane: '.draft-editor', entry: ['.article-body-input', '.draft-title-input'] },
  { pane: '.metadata-panel', entry: ['button:not(:disabled), input:not(:disabled), select, textarea'] },
  { pane: '.workflow-bar', entry: ['button:not(:disabled)'] }
]

/** The pane after (or before) `current` among `count` panes; from outside all of them, the first (or last). */
export function nextPaneIndex(current: number, count: number, backwards: boolean): number {
  if (count === 0) return -1
  if (current < 0) return backwards ? count - 1 : 0
  return (current + (backwards ? count - 1 : 1)) % count
}

/** The first of the pane's entry points that is there, in order of preference. */
function entryOf(pane: Element, entries: readonly string[]): HTMLElement | null {
  for (const entry of entries) {
    const found = pane.querySelector(entry)
    if (found instanceof HTMLElement) return found
  }
  return null
}

/**
 * F6 / Shift+F6 move between the panes, as in Office and browsers; inside a dialog they do nothing.
 * Listening starts in the commit that first draws the window (a layout effect): a passive effect runs in a later
 * task, and a key pressed as soon as the library shows could arrive before it and go nowhere.
 */
export function usePaneCycling(): void {
  useLayoutEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'F6' || event.ctrlKey || event.altKey || event.metaKey) return
      if (document.querySelector('dialog[open]')) return
      const present = PANES.flatMap(({ pane, entry }) => {
        const element = document.querySelector(pane)
        const target = element ? entryOf(element, entry) : null
        return element && target ? [{ element, target }] : []
      })
      const active = document.activeElement
      // The toolbar sits inside the article: the first pane that holds focus is the one it is in.
      const current = present.findIndex(({ element }) => active !== null && element.contains(active))
      const next = present[nextPaneIndex(current, present.length, event.shiftKey)]
      if (!next) return
      event.preventDefault()
      next.target.focus()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
