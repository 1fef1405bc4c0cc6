import type { ReactNode } from 'react'

/** WAI-ARIA tabs: ←/→ (and ↑/↓) move to the neighbouring tab and round the ends, Home/End to the first and last. */
export function tabAfterKey<T>(tabs: readonly T[], current: T, key: string): T | null {
  const at = tabs.indexOf(current)
  const count = tabs.length
  const index =
    key === 'ArrowRight' || key === 'ArrowDown'
      ? (at + 1) % count
      : key === 'ArrowLeft' || key === 'ArrowUp'
        ? (at - 1 + count) % count
        : key === 'Home'
          ? 0
          : key === 'End'
            ? count - 1
            : null
  return index === null ? null : (tabs[index] ?? null)
}

type Props<T extends string> = {
  tabs: readonly T[]
  selected: T
  onSelect(tab: NoInfer<T>): void
  label: string
  /** Prefix of the tab and panel ids: tab `${idPrefix}-tab-${name}` controls panel `${idPrefix}-panel-${name}`. */
  idPrefix: string
  children(tab: NoInfer<T>): ReactNode
}

/** A row of tabs with one Tab stop (the selected one) and the arrow keys inside, as screen-reader users expect. */
export function TabList<T extends string>({ tabs, selected, onSelect, label, idPrefix, children }: Props<T>) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((name) => (
        <button
          key={name}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${name}`}
          aria-selected={selected === name}
          aria-controls={`${idPrefix}-panel-${name}`}
          tabIndex={selected === name ? 0 : -1}
          className={selected === name ? 'tab tab-active' : 'tab'}
          onClick={() => onSelect(name)}
          onKeyDown={(event) => {
            const next = tabAfterKey(tabs, selected, event.key)
            if (next === null) return
            event.preventDefault()
            onSelect(next)
            document.getElementById(`${idPrefix}-tab-${next}`)?.focus()
          }}
        >
          {children(name)}
        </button>
      ))}
    </div>
  )
}
