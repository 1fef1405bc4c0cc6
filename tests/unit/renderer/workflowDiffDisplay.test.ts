import { describe, expect, it } from 'vitest'
import type { ParagraphChange } from '../../../src/shared/model/workflow'
import { collapseUnchanged, shortenSameRuns } from '../../../src/renderer/src/workflow/diffDisplay'

const same = (text: string): ParagraphChange => ({ kind: 'same', block: 'paragraph', before: text, after: text, parts: [] })
const changed = (text: string): ParagraphChange => ({
  kind: 'changed',
  block: 'paragraph',
  before: text,
  after: `${text}！`,
  parts: [
    { kind: 'same', text },
    { kind: 'added', text: '！' }
  ]
})

describe('collapseUnchanged', () => {
  it('keeps each change with one unchanged neighbour either side and folds the rest into counted rows', () => {
    const paragraphs = [same('一'), same('二'), same('三'), changed('四'), same('五'), same('六'), same('七'), same('八')]
    const rows = collapseUnchanged(paragraphs)
    expect(rows).toEqual([
      { kind: 'collapsed', count: 2, index: 0 },
      { kind: 'change', change: paragraphs[2], index: 2 },
      { kind: 'change', change: paragraphs[3], index: 3 },
      { kind: 'change', change: paragraphs[4], index: 4 },
      { kind: 'collapsed', count: 3, index: 5 }
    ])
  })

  it('shows everything when changes are close together, and folds an unchanged body into one row', () => {
    const close = [changed('一'), same('二'), changed('三')]
    expect(collapseUnchanged(close).map((row) => row.kind)).toEqual(['change', 'change', 'change'])
    expect(collapseUnchanged([same('一'), same('二'), same('三')])).toEqual([{ kind: 'collapsed', count: 3, index: 0 }])
    expect(collapseUnchanged([])).toEqual([])
  })
})

describe('shortenSameRuns', () => {
  const long = '校'.repeat(100)

  it('keeps only the ends of a long unchanged run next to the changes', () => {
    const shown = shortenSameRuns([
      { kind: 'same', text: long },
      { kind: 'removed', text: '旧' },
      { kind: 'same', text: long },
      { kind: 'added', text: '新' },
      { kind: 'same', text: long }
    ])
    expect(shown).toEqual([
      { kind: 'elided', text: '…' },
      { kind: 'same', text: '校'.repeat(20) },
      { kind: 'removed', text: '旧' },
      { kind: 'same', text: '校'.repeat(20) },
      { kind: 'elided', text: '…' },
      { kind: 'same', text: '校'.repeat(20) },
      { kind: 'added', text: '新' },
      { kind: 'same', text: '校'.repeat(20) },
      { kind: 'elided', text: '…' }
    ])
  })

  it('leaves short runs and every changed character alone, counting characters rather than UTF-16 units', () => {
    const parts = [
      { kind: 'same' as const, text: '𠮷'.repeat(60) },
      { kind: 'added' as const, text: long }
    ]
    expect(shortenSameRuns(parts)).toEqual(parts)
  })
})
