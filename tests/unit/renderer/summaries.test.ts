import { describe, expect, it } from 'vitest'
import type { DraftSummary } from '../../../src/shared/model/draft'
import { withSavedContent, withSummary } from '../../../src/renderer/src/library/summaries'

const summary = (id: string, updatedAt: string, title = id): DraftSummary => ({
  id,
  title,
  column: '',
  status: 'draft',
  excerpt: '',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt,
  trashedAt: null
})

const paragraph = (text: string) => ({
  root: { type: 'root' as const, children: [{ type: 'paragraph', children: [{ type: 'text', text }] }] }
})

describe('draft list after a save', () => {
  const list = [summary('aaaaaa-1', '2026-11-20T10:00:00.000Z'), summary('aaaaaa-2', '2026-11-19T10:00:00.000Z')]

  it('shows the saved title, column and excerpt and moves the draft to the top', () => {
    const next = withSavedContent(list, 'aaaaaa-2', { title: '新标题', column: '校园要闻', body: paragraph('第一段。') }, '2026-11-21T08:00:00.000Z')
    expect(next.map((d) => d.id)).toEqual(['aaaaaa-2', 'aaaaaa-1'])
    expect(next[0]).toMatchObject({ title: '新标题', column: '校园要闻', excerpt: '第一段。', updatedAt: '2026-11-21T08:00:00.000Z' })
    // The input list is left as it was (React state must not be mutated).
    expect(list[1]?.title).toBe('aaaaaa-2')
  })

  it('leaves the list alone when the saved draft is no longer in it (trashed meanwhile)', () => {
    const next = withSavedContent(list, 'aaaaaa-9', { title: 'x', column: '', body: null }, '2026-11-21T08:00:00.000Z')
    expect(next).toBe(list)
  })

  it('replaces or adds a summary and keeps newest first', () => {
    const renamed = withSummary(list, summary('aaaaaa-1', '2026-11-18T00:00:00.000Z', '改名'))
    expect(renamed.map((d) => [d.id, d.title])).toEqual([
      ['aaaaaa-2', 'aaaaaa-2'],
      ['aaaaaa-1', '改名']
    ])
    const added = withSummary(list, summary('aaaaaa-3', '2026-11-22T00:00:00.000Z'))
    expect(added.map((d) => d.id)).toEqual(['aaaaaa-3', 'aaaaaa-1', 'aaaaaa-2'])
  })
})
