import type { LexicalEditor, NodeKey } from 'lexical'
import type { CheckField, Severity } from '../../../shared/checks/types'
import type { CheckSnapshot } from './checkController'
import { openFindings } from './checkController'
import { bodyRangeOf, type SegmentPlace } from './articleSegments'
import { domPoint } from '../editor/plugins/find/paintMatches'

const HIGHLIGHTS: Readonly<Record<Severity, string>> = {
  error: 'newsroom-check-error',
  warning: 'newsroom-check-warning',
  info: 'newsroom-check-info'
}

const highlightsSupported = () => typeof CSS !== 'undefined' && 'highlights' in CSS

/** A DOM range over [start, end) of a body segment, for marks and for scrolling to a finding. */
export function domRangeOfFinding(editor: LexicalEditor, snapshot: CheckSnapshot, segment: number, start: number, end: number): Range | null {
  const place = snapshot.places[segment]
  const points = place ? bodyRangeOf(place, start, end) : null
  if (!points) return null
  const from = domPoint(editor, points.start.key, points.start.offset)
  const to = domPoint(editor, points.end.key, points.end.offset)
  if (!from || !to) return null
  const range = document.createRange()
  try {
    range.setStart(from[0], from[1])
    range.setEnd(to[0], to[1])
  } catch {
    return null
  }
  return range
}

/**
 * Ranges painted before, by the block's place: a block nobody edited keeps its place object from one check to the
 * next (the flattener reuses it) and Lexical leaves its DOM alone, so its ranges still mark the same text.
 */
const painted = new WeakMap<SegmentPlace, Map<string, Range>>()

function reusedRange(snapshot: CheckSnapshot, segment: number, start: number, end: number): Range | null {
  const place = snapshot.places[segment]
  const range = place ? painted.get(place)?.get(`${start}-${end}`) : undefined
  return range && range.startContainer.isConnected && range.endContainer.isConnected && !range.collapsed ? range : null
}

/**
 * Marks findings in the body with the CSS Custom Highlight API, as 查找 does: ranges over the rendered text,
 * nothing in the document or the DOM, so a mark can never be saved. Ignored findings are not marked.
 */
export function paintFindings(editor: LexicalEditor, snapshot: CheckSnapshot): void {
  if (!highlightsSupported()) return
  const ranges: Record<Severity, Range[]> = { error: [], warning: [], info: [] }
  for (const { finding, ignored } of openFindings(snapshot)) {
    if (ignored) continue
    // A zero-width finding (a missing caption, an empty paragraph) marks the character before or the block.
    const end = finding.end > finding.start ? finding.end : finding.start + 1
    const range = reusedRange(snapshot, finding.segment, finding.start, end) ?? domRangeOfFinding(editor, snapshot, finding.segment, finding.start, end)
    if (!range) continue
    ranges[finding.severity].push(range)
    const place = snapshot.places[finding.segment]
    if (place?.kind === 'body') {
      const known = painted.get(place) ?? new Map<string, Range>()
      known.set(`${finding.start}-${end}`, range)
      painted.set(place, known)
    }
  }
  for (const severity of Object.keys(HIGHLIGHTS) as Severity[]) CSS.highlights.set(HIGHLIGHTS[severity], new Highlight(...ranges[severity]))
}

export function clearFindingPaint(): void {
  if (!highlightsSupported()) return
  for (const name of Object.values(HIGHLIGHTS)) CSS.highlights.delete(name)
}

/** The worst open severity per field outside the body (title, 副标题, 摘要, 图注 …), for marking the whole field. */
export function fieldSeverities(snapshot: CheckSnapshot): Map<string, Severity> {
  const worst = new Map<string, Severity>()
  const rank = { error: 0, warning: 1, info: 2 } as const
  for (const { finding, ignored } of openFindings(snapshot)) {
    if (ignored) continue
    const place = snapshot.places[finding.segment]
    if (!place || place.kind !== 'field') continue
    const key = fieldElementKey(place.field, place.photoKey, place.photoIndex)
    const current = worst.get(key)
    if (current === undefined || rank[finding.severity] < rank[current]) worst.set(key, finding.severity)
  }
  return worst
}

export const fieldElementKey = (field: CheckField, photoKey?: NodeKey, photoIndex?: number) =>
  photoKey === undefined ? field : `${field}:${photoKey}:${String(photoIndex ?? '')}`
