import { describe, expect, it } from 'vitest'
import { findInRuns, findSpans, foldCase } from '../../../src/renderer/src/editor/plugins/find/findText'

describe('find text', () => {
  it('ignores Latin case, keeps every offset where it was', () => {
    expect(findSpans('Campus news: CAMPUS life, campus', 'campus')).toEqual([
      { start: 0, end: 6 },
      { start: 13, end: 19 },
      { start: 26, end: 32 }
    ])
    expect(foldCase('İstanbul ÄÖ')).toHaveLength('İstanbul ÄÖ'.length)
    expect(findSpans('İİ x', 'x')).toEqual([{ start: 3, end: 4 }])
  })

  it('finds Chinese, full-width punctuation included, without overlapping matches', () => {
    expect(findSpans('校园新闻，校园活动', '校园')).toEqual([
      { start: 0, end: 2 },
      { start: 5, end: 7 }
    ])
    expect(findSpans('aaaa', 'aa')).toHaveLength(2)
    expect(findSpans('校园', '')).toEqual([])
  })

  it('places a match that crosses text pieces (bold next to plain) at points inside the pieces', () => {
    const runs = [
      { pieces: [{ key: 'a', text: '我校' }, { key: 'b', text: '校园' }, { key: 'c', text: '新闻' }] },
      { pieces: [{ key: 'd', text: '校园' }] }
    ]
    expect(findInRuns(runs, '校园新')).toEqual([{ run: 0, start: { key: 'b', offset: 0 }, end: { key: 'c', offset: 1 } }])
    expect(findInRuns(runs, '校校')).toEqual([{ run: 0, start: { key: 'a', offset: 1 }, end: { key: 'b', offset: 1 } }])
    // A match never reaches from one block into the next.
    expect(findInRuns(runs, '闻校')).toEqual([])
    expect(findInRuns(runs, '校园').map((match) => match.run)).toEqual([0, 1])
  })
})
