import type { LexicalEditor, NodeKey } from 'lexical'
import type { CheckField, Severity } from '../../../shared/checks/types'
import type { CheckSnapshot } from './checkController'
import { openFindings } from './checkController'
import { bodyRangeOf, type SegmentPlace } from './articleSegments'
import { domPoint } from '../editor/plugins/find/paintMatches'
import { fieldElement } from './fieldElements'

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

/** A mark painted: its range, and the highlight (severity) it is in. */
type Painted = { range: Range; severity: Severity }

/**
 * Marks findings with the CSS Custom Highlight API, as 查找 does: ranges over the rendered text, nothing in the
 * document or the DOM, so a mark can never be saved. Ignored findings are not marked; fields outside the body
 * (form controls hold no highlights) are marked as a whole by their element's data-check-mark.
 *
 * Each answer changes only what changed: a block nobody edited keeps its place object from one check to the next
 * (the flattener reuses it) and Lexical leaves its DOM alone, so its ranges still mark the same text and stay in
 * their highlight. An answer that moved or found nothing new adds and removes no range and touches no element:
 * the browser has no style or paint to redo for it.
 */
export class FindingPainter {
  private painted = new WeakMap<SegmentPlace, Map<string, Painted>>()
  private all: Painted[] = []
  private highlights: Record<Severity, Highlight> | null = null
  private fieldMarks = new Map<HTMLElement, Severity>()

  paint(editor: LexicalEditor, snapshot: CheckSnapshot): void {
    const highlights = this.ownHighlights()
    if (highlights) {
      const painted = new WeakMap<SegmentPlace, Map<string, Painted>>()
      const all: Painted[] = []
      for (const { finding, ignored } of openFindings(snapshot)) {
        const place = snapshot.places[finding.segment]
        if (ignored || !place) continue
        // A zero-width finding (a missing caption, an empty paragraph) marks the character before or the block.
        const end = finding.end > finding.start ? finding.end : finding.start + 1
        const key = `${finding.severity}:${finding.start}-${end}`
        const here = painted.get(place) ?? new Map<string, Painted>()
        if (here.has(key)) continue
        let mark = this.painted.get(place)?.get(key)
        if (!mark || !stillMarks(mark.range)) {
          const range = domRangeOfFinding(editor, snapshot, finding.segment, finding.start, end)
          if (!range) continue
          mark = { range, severity: finding.severity }
          highlights[finding.severity].add(range)
        }
        here.set(key, mark)
        painted.set(place, here)
        all.push(mark)
      }
      const kept = new Set(all)
      for (const mark of this.all) if (!kept.has(mark)) highlights[mark.severity].delete(mark.range)
      this.painted = painted
      this.all = all
    }
    this.markFields(editor, snapshot)
  }

  clear(): void {
    if (highlightsSupported()) for (const name of Object.values(HIGHLIGHTS)) CSS.highlights.delete(name)
    this.highlights = null
    this.painted = new WeakMap()
    this.all = []
    for (const element of document.querySelectorAll<HTMLElement>('[data-check-mark]')) delete element.dataset['checkMark']
    this.fieldMarks.clear()
  }

  /** Our highlights, registered again if someone removed or replaced them (then every mark is built anew). */
  private ownHighlights(): Record<Severity, Highlight> | null {
    if (!highlightsSupported()) return null
    const current = this.highlights
    if (current && SEVERITIES.every((severity) => CSS.highlights.get(HIGHLIGHTS[severity]) === current[severity])) return current
    const fresh = { error: new Highlight(), warning: new Highlight(), info: new Highlight() }
    for (const severity of SEVERITIES) CSS.highlights.set(HIGHLIGHTS[severity], fresh[severity])
    this.highlights = fresh
    this.painted = new WeakMap()
    this.all = []
    return fresh
  }

  /** Sets data-check-mark only where a field's worst open severity changed (an attribute set is a style recalc). */
  private markFields(editor: LexicalEditor, snapshot: CheckSnapshot): void {
    const marked = fieldSeverities(snapshot)
    const wanted = new Map<HTMLElement, Severity>()
    if (marked.size > 0) {
      for (const place of snapshot.places) {
        if (place.kind !== 'field') continue
        const severity = marked.get(fieldElementKey(place.field, place.photoKey, place.photoIndex))
        const element = severity ? fieldElement(editor, place) : null
        if (element && severity) wanted.set(element, severity)
      }
    }
    for (const element of this.fieldMarks.keys()) if (!wanted.has(element)) delete element.dataset['checkMark']
    for (const [element, severity] of wanted) if (element.dataset['checkMark'] !== severity) element.dataset['checkMark'] = severity
    this.fieldMarks = wanted
  }
}

const SEVERITIES = Object.keys(HIGHLIGHTS) as Severity[]

/** A range kept from an earlier paint still marks its text: Lexical rewrote no text node under it. */
const stillMarks = (range: Range) => range.startContainer.isConnected && range.endContainer.isConnected && !range.collapsed

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
