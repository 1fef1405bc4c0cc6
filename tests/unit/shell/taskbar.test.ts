import { describe, expect, it } from 'vitest'
import { badgeCount, EMPTY_TASKBAR, observeEvent, progressBarValue, STALE_JOB_MS, type TaskbarState } from '../../../src/main/shell/taskbar'
import { windowTitle } from '../../../src/shared/windowTitle'

function replay(events: Array<[string, unknown, number?]>, start: TaskbarState = EMPTY_TASKBAR): TaskbarState {
  return events.reduce((state, [channel, payload, at = 0]) => observeEvent(state, channel, payload, at), start)
}
const photo = (finished: number, total: number) => ({ sessionId: 's1', phase: 'insert', id: 'p', state: 'done', finished, total })
const publish = (jobId: string, done: number, total: number) => ({ jobId, draftId: 'd1', targetId: 't1', step: 'upload-images', done, total })

describe('taskbar progress', () => {
  it('shows nothing when no job runs', () => {
    expect(progressBarValue(EMPTY_TASKBAR)).toBe(-1)
  })

  it('fills with a photo batch and disappears when it is done', () => {
    expect(progressBarValue(replay([['photos:progress', photo(3, 12)]]))).toBe(0.25)
    expect(progressBarValue(replay([['photos:progress', photo(3, 12)], ['photos:progress', photo(12, 12)]]))).toBe(-1)
  })

  it('adds up a photo batch and a publish running together', () => {
    const state = replay([
      ['photos:progress', photo(2, 4)],
      ['publish:progress', publish('j1', 0, 4)]
    ])
    expect(progressBarValue(state)).toBe(0.25)
  })

  it('drops a job that went quiet (a publish that failed) so the bar is not stuck', () => {
    const state = replay([
      ['publish:progress', publish('j1', 1, 4), 0],
      ['photos:progress', photo(1, 2), STALE_JOB_MS + 1]
    ])
    expect(progressBarValue(state)).toBe(0.5)
  })

  it('ignores events that are not progress, and malformed ones', () => {
    expect(replay([['drafts:changed', { id: 'x' }], ['publish:progress', { jobId: 1 }], ['photos:progress', null]])).toEqual(EMPTY_TASKBAR)
  })
})

describe('待发 badge', () => {
  it('counts articles waiting, not jobs', () => {
    const jobs = [{ draftId: 'a' }, { draftId: 'a' }, { draftId: 'b' }]
    expect(badgeCount(replay([['publish:outboxChanged', { jobs }]]))).toBe(2)
    expect(badgeCount(replay([['publish:outboxChanged', { jobs }], ['publish:outboxChanged', { jobs: [] }]]))).toBe(0)
  })
})

describe('windowTitle', () => {
  const base = { appName: '校园新闻编辑器', untitled: '无标题稿件' }
  it.each([
    [undefined, '校园新闻编辑器'],
    ['我校召开2026年秋季学期宣传工作会议', '我校召开2026年秋季学期宣传工作会议 — 校园新闻编辑器'],
    ['  ', '无标题稿件 — 校园新闻编辑器'],
    ['第一行\n第二行', '第一行 第二行 — 校园新闻编辑器'],
    ['长'.repeat(80), `${'长'.repeat(60)}… — 校园新闻编辑器`]
  ])('%j → %s', (draftTitle, expected) => {
    expect(windowTitle({ ...base, draftTitle })).toBe(expected)
  })
})
