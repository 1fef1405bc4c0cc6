import type { CheckField, Finding } from '../../../shared/checks/types'
import { openFindings, type CheckController, type CheckSnapshot, type Ignored, type OpenFinding } from './checkController'
import { canFix } from './findingActions'

/** A row of the 检查 panel: the finding with where it is shown (its field) and whether a one-click fix applies. */
export type PanelEntry = OpenFinding & { field: CheckField; fixable: boolean }

/** What the 检查 panel shows of a snapshot; offsets are left out, they move with every keystroke before a finding. */
export type PanelView = {
  status: CheckSnapshot['status']
  checked: boolean
  rulesRun: number
  entries: readonly PanelEntry[]
}

const views = new WeakMap<CheckController, { snapshot: CheckSnapshot; view: PanelView }>()

/**
 * The panel's view of the controller's latest snapshot, kept as the same object while what it shows is unchanged,
 * and each unchanged row as the same entry: an answer that only moved findings (typing before them) or found
 * the same again costs the panel no render at all. The panel's buttons act on the latest snapshot (`rowFinding`).
 */
export function panelViewOf(controller: CheckController): PanelView {
  const snapshot = controller.getSnapshot()
  const known = views.get(controller)
  if (known?.snapshot === snapshot) return known.view
  const view = reuse(known?.view ?? null, buildView(snapshot))
  views.set(controller, { snapshot, view })
  return view
}

function buildView(snapshot: CheckSnapshot): PanelView {
  return {
    status: snapshot.status,
    checked: snapshot.result !== null,
    rulesRun: snapshot.result?.rulesRun.length ?? 0,
    entries: openFindings(snapshot).map((entry) => ({ ...entry, field: snapshot.segments[entry.finding.segment]?.field ?? 'body', fixable: canFix(snapshot, entry.finding) }))
  }
}

function reuse(previous: PanelView | null, next: PanelView): PanelView {
  if (!previous) return next
  let same = previous.status === next.status && previous.checked === next.checked && previous.rulesRun === next.rulesRun && previous.entries.length === next.entries.length
  const entries = next.entries.map((entry, index) => {
    const before = previous.entries[index]
    if (before && sameShown(before, entry)) return before
    same = false
    return entry
  })
  return same ? previous : { ...next, entries }
}

/** Whether a row shows the same: the finding without where it is, its field, its fix and its ignore. */
export function sameShown(a: PanelEntry, b: PanelEntry): boolean {
  if (a === b) return true
  if (a.id !== b.id || a.field !== b.field || a.fixable !== b.fixable || !sameIgnore(a.ignored, b.ignored)) return false
  const [x, y] = [a.finding, b.finding]
  return x === y || (x.ruleId === y.ruleId && x.severity === y.severity && x.messageKey === y.messageKey && x.excerpt === y.excerpt && x.fix?.replacement === y.fix?.replacement && sameParams(x.params, y.params))
}

const sameIgnore = (a: Ignored | null, b: Ignored | null) => a === b || (a?.reason === b?.reason && a?.by === b?.by)

function sameParams(a: Finding['params'], b: Finding['params']): boolean {
  if (a === b) return true
  if (!a || !b) return false
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
}

/** The panel's row key: the finding's id and its place among the same id's severity (stable across answers). */
export const rowKeyOf = (entry: OpenFinding, index: number) => `${entry.id}#${index}`

/** The finding behind a row as the latest check found it (its offsets now), for 定位, 改 and 忽略. */
export function rowFinding(snapshot: CheckSnapshot, rowKey: string): Finding | null {
  const indexes = { error: 0, warning: 0, info: 0 }
  for (const entry of openFindings(snapshot)) {
    if (rowKeyOf(entry, indexes[entry.finding.severity]++) === rowKey) return entry.finding
  }
  return null
}
