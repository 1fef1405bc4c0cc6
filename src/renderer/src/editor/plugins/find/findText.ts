/**
 * Text search for 查找替换, DOM-free. Latin letters match regardless of case; CJK has no case. Folding is
 * per UTF-16 unit and keeps lengths, so offsets in the folded text are offsets in the document.
 */

export type TextSpan = { start: number; end: number }

export function foldCase(text: string): string {
  let out = ''
  for (const char of text) {
    const lower = char.toLowerCase()
    // İ lowercases to two code units; keep it as it is rather than shift every later offset.
    out += lower.length === char.length ? lower : char
  }
  return out
}

/** Non-overlapping matches of `query` in `text`, left to right. An empty query matches nothing. */
export function findSpans(text: string, query: string): TextSpan[] {
  if (query === '') return []
  const haystack = foldCase(text)
  const needle = foldCase(query)
  const spans: TextSpan[] = []
  let from = 0
  for (;;) {
    const at = haystack.indexOf(needle, from)
    if (at < 0) return spans
    spans.push({ start: at, end: at + needle.length })
    from = at + needle.length
  }
}

/** A run of text inside one block, pieced together from the text nodes that hold it. */
export type TextRun<K> = { pieces: readonly { key: K; text: string }[] }
export type TextPoint<K> = { key: K; offset: number }
export type RunMatch<K> = { run: number; start: TextPoint<K>; end: TextPoint<K> }

/**
 * Finds `query` in each run and turns every hit into start and end points inside the pieces. A hit that
 * starts at the very end of a piece starts at the beginning of the next one, so it never starts in a piece
 * that holds none of it.
 */
export function findInRuns<K>(runs: readonly TextRun<K>[], query: string): RunMatch<K>[] {
  const matches: RunMatch<K>[] = []
  runs.forEach((run, runIndex) => {
    const text = run.pieces.map((piece) => piece.text).join('')
    for (const span of findSpans(text, query)) {
      const start = pointAt(run, span.start, 'start')
      const end = pointAt(run, span.end, 'end')
      if (start && end) matches.push({ run: runIndex, start, end })
    }
  })
  return matches
}

function pointAt<K>(run: TextRun<K>, offset: number, edge: 'start' | 'end'): TextPoint<K> | null {
  let base = 0
  for (const piece of run.pieces) {
    const length = piece.text.length
    const inside = edge === 'start' ? offset < base + length : offset <= base + length
    if (inside && offset >= base) return { key: piece.key, offset: offset - base }
    base += length
  }
  return null
}
