// Relative imports, not @shared: this module is unit-tested under Vitest, which has no @shared alias.
import type { ParagraphChange, TextPart } from '../../../shared/model/workflow'

export type DiffRow = { kind: 'change'; change: ParagraphChange; index: number } | { kind: 'collapsed'; count: number; index: number }

/**
 * The body's blocks as a reader should see them: every changed block with one unchanged neighbour on each
 * side for context; longer unchanged stretches fold into one row that says how many blocks it hides.
 */
export function collapseUnchanged(paragraphs: readonly ParagraphChange[], context = 1): DiffRow[] {
  const keep = paragraphs.map((change) => change.kind !== 'same')
  const near = paragraphs.map((_, index) => {
    for (let d = -context; d <= context; d += 1) if (keep[index + d]) return true
    return false
  })
  const rows: DiffRow[] = []
  let hidden = 0
  let hiddenFrom = 0
  paragraphs.forEach((change, index) => {
    if (near[index]) {
      if (hidden > 0) rows.push({ kind: 'collapsed', count: hidden, index: hiddenFrom })
      hidden = 0
      rows.push({ kind: 'change', change, index })
      return
    }
    if (hidden === 0) hiddenFrom = index
    hidden += 1
  })
  if (hidden > 0) rows.push({ kind: 'collapsed', count: hidden, index: hiddenFrom })
  return rows
}

export type ShownPart = TextPart | { kind: 'elided'; text: string }

/**
 * Inside a changed paragraph, an unchanged run longer than `max` characters keeps only its ends next to
 * the changes (the start of the paragraph keeps its tail, the end keeps its head).
 */
export function shortenSameRuns(parts: readonly TextPart[], max = 60, keep = 20): ShownPart[] {
  const out: ShownPart[] = []
  parts.forEach((part, index) => {
    const chars = Array.from(part.text)
    if (part.kind !== 'same' || chars.length <= max) {
      out.push(part)
      return
    }
    const first = index === 0
    const last = index === parts.length - 1
    if (!first) out.push({ kind: 'same', text: chars.slice(0, keep).join('') })
    out.push({ kind: 'elided', text: '…' })
    if (!last) out.push({ kind: 'same', text: chars.slice(-keep).join('') })
  })
  return out
}
