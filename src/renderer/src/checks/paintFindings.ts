import type { LexicalEditor, NodeKey } from 'lexical'
import type { CheckField, Finding, Severity } from '../../../shared/checks/types'
import { isIgnored, type CheckSnapshot } from './checkController'
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

/** A mark painted: its range, the highlight (severity) it is in, and the block and offsets it was built for. */
type Painted = { range: Range; severity: Severity; place: SegmentPlace; key: string }

/**
 * Marks findings with the CSS Custom Highlight API, as 查找 does: ranges over the rendered text, nothing in the
 * document or the DOM, so a mark can never be saved. Ignored findings are not marked; fields outside the body
 * (form controls hold no highlights) are marked as a whole by their element's data-check-mark.
 *
 * Each answer changes only what changed: a block nobody edited keeps its place object from one check to the next
 * (the flattener reuses it) and Lexical leaves its DOM alone, so its ranges still mark the same text and stay in
 * their highlight. An answer that moved or found nothing new adds and removes no range and touches no element:
 * the browser has no style or paint to redo for it. A finding the worker found again is the same object
 * (checkMessages), so most findings find their mark by identity, without building a key.
 */
export class FindingPainter {
  private byFinding = new WeakMap<Finding, Painted>()
  /** The marks in the highlights now. */
  private current = new Set<Painted>()
  private highlights: Record<Severity, Highlight> | null = null
  private fieldMarks = new Map<HTMLElement, Severity>()

  paint(editor: LexicalEditor, snapshot: CheckSnapshot): void {
    const highlights = this.ownHighlights()
    if (highlights) this.paintRanges(editor, snapshot, highlights)
    this.markFields(editor, snapshot)
  }

  private paintRanges(editor: LexicalEditor, snapshot: CheckSnapshot, highlights: Record<Severity, Highlight>): void {
    const used = new Set<Painted>()
    // The earlier marks by block and offsets, built only when a finding is new or its block was re-read.
    let byPlace: Map<SegmentPlace, Map<string, Painted>> | null = null
    for (const finding of snapshot.result?.findings ?? []) {
      const place = snapshot.places[finding.segment]
      if (!place || isIgnored(snapshot, finding)) continue
      let mark = this.byFinding.get(finding)
      // The same finding in the same block object: Lexical has not re-rendered the block since (an edit gives it a
      // new place), so its range is trusted without asking the DOM, 150 times per answer.
      if (!mark || mark.place !== place || !this.current.has(mark)) {
        // A zero-width finding (a missing caption, an empty paragraph) marks the character before or the block.
        const end = finding.end > finding.start ? finding.end : finding.start + 1
        const key = `${finding.severity}:${finding.start}-${end}`
        byPlace ??= marksByPlace(this.current)
        mark = byPlace.get(place)?.get(key)
        if (!mark || !stillMarks(mark.range)) {
          const range = domRangeOfFinding(editor, snapshot, finding.segment, finding.start, end)
          if (!range) continue
          mark = { range, severity: finding.severity, place, key }
          highlights[finding.severity].add(range)
          const here = byPlace.get(place) ?? new Map<string, Painted>()
          here.set(key, mark)
          byPlace.set(place, here)
        }
        this.byFinding.set(finding, mark)
      }
      // Two findings over the same text in the same severity share one mark (a set).
      used.add(mark)
    }
    for (const mark of this.current) if (!used.has(mark)) highlights[mark.severity].delete(mark.range)
    this.current = used
  }

  clear(): void {
    if (highlightsSupported()) for (const name of Object.values(HIGHLIGHTS)) CSS.highlights.delete(name)
    this.highlights = null
    this.byFinding = new WeakMap()
    this.current = new Set()
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
    this.byFinding = new WeakMap()
    this.current = new Set()
    return fresh
  }

  /** Sets data-check-mark only where a field's worst open severity changed (an attribute set is a style recalc). */
  private markFields(editor: LexicalEditor, snapshot: CheckSnapshot): void {
    const wanted = new Map<HTMLElement, Severity>()
    for (const { severity, place } of fieldSeverities(snapshot).values()) {
      const element = fieldElement(editor, place)
      if (element) wanted.set(element, severity)
    }
    for (const element of this.fieldMarks.keys()) if (!wanted.has(element)) delete element.dataset['checkMark']
    for (const [element, severity] of wanted) if (element.dataset['checkMark'] !== severity) element.dataset['checkMark'] = severity
    this.fieldMarks = wanted
  }
}

const SEVERITIES = Object.keys(HIGHLIGHTS) as Severity[]

function marksByPlace(marks: Iterable<Painted>): Map<SegmentPlace, Map<string, Painted>> {
  const byPlace = new Map<SegmentPlace, Map<string, Painted>>()
  for (const mark of marks) {
    const here = byPlace.get(mark.place) ?? new Map<string, Painted>()
    here.set(mark.key, mark)
    byPlace.set(mark.place, here)
  }
  return byPlace
}

/** A range kept from an earlier paint still marks its text: Lexical rewrote no text node under it. */
const stillMarks = (range: Range) => range.startContainer.isConnected && range.endContainer.isConnected && !range.collapsed

/** The worst open severity per field outside the body (title, 副标题, 摘要, 图注 …), with where the field is. */
function fieldSeverities(snapshot: CheckSnapshot): Map<string, { severity: Severity; place: FieldPlace }> {
  const worst = new Map<string, { severity: Severity; place: FieldPlace }>()
  const rank = { error: 0, warning: 1, info: 2 } as const
  for (const finding of snapshot.result?.findings ?? []) {
    const place = snapshot.places[finding.segment]
    if (!place || place.kind !== 'field' || isIgnored(snapshot, finding)) continue
    const key = fieldElementKey(place.field, place.photoKey, place.photoIndex)
    const current = worst.get(key)
    if (current === undefined || rank[finding.severity] < rank[current.severity]) worst.set(key, { severity: finding.severity, place })
  }
  return worst
}

type FieldPlace = Extract<SegmentPlace, { kind: 'field' }>

export const fieldElementKey = (field: CheckField, photoKey?: NodeKey, photoIndex?: number) =>
  photoKey === undefined ? field : `${field}:${photoKey}:${String(photoIndex ?? '')}`
