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
  const view = known && sameAnswer(known.snapshot, snapshot) ? known.view : viewOf(snapshot, known?.view ?? null)
  views.set(controller, { snapshot, view })
  return view
}

/**
 * The common answer to a pause in typing: the worker found exactly what it found before (the same result object,
 * checkMessages), nothing was ignored since, and each finding's segment is still the same field. No row changes.
 */
function sameAnswer(before: CheckSnapshot, now: CheckSnapshot): boolean {
  if (before.result !== now.result || before.status !== now.status || before.ignored.size !== now.ignored.size) return false
  for (const [id, ignored] of now.ignored) if (!sameIgnore(before.ignored.get(id) ?? null, ignored)) return false
  return (now.result?.findings ?? []).every((finding) => before.segments[finding.segment]?.field === now.segments[finding.segment]?.field)
}

/** The view of a new answer, keeping each row that shows the same as before (and the whole view when all do). */
function viewOf(snapshot: CheckSnapshot, previous: PanelView | null): PanelView {
  const status = snapshot.status
  const checked = snapshot.result !== null
  const rulesRun = snapshot.result?.rulesRun.length ?? 0
  const before = previous?.entries ?? []
  let same = previous !== null && previous.status === status && previous.checked === checked && previous.rulesRun === rulesRun && before.length === (snapshot.result?.findings.length ?? 0)
  const entries = openFindings(snapshot).map((open, index) => {
    const field = snapshot.segments[open.finding.segment]?.field ?? 'body'
    const old = before[index]
    // The same finding object (found again, offsets and all) in the same field with the same ignore: the same row.
    if (old && old.finding === open.finding && old.field === field && sameIgnore(old.ignored, open.ignored)) return old
    const entry: PanelEntry = { ...open, field, fixable: canFix(snapshot, open.finding) }
    if (old && sameShown(old, entry)) return old
    same = false
    return entry
  })
  return same && previous ? previous : { status, checked, rulesRun, entries }
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
