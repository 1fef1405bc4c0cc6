import { describe, expect, it } from 'vitest'
import { emptyMetadata } from '../../../src/shared/model/metadata'
import {
  addTokens,
  chineseDateTimeToLocalInput,
  isoToChineseDateTime,
  isoToLocalInput,
  localInputToIso,
  missingRequired,
  requiredErrors,
  takeTokens
} from '../../../src/renderer/src/metadata/metadataForm'

describe('token field text', () => {
  it('keeps text without a separator as it is being typed, spaces included', () => {
    expect(takeTokens('张')).toEqual({ names: [], rest: '张' })
    expect(takeTokens('John ')).toEqual({ names: [], rest: 'John ' })
  })

  it('turns everything before the last separator into names and keeps the rest', () => {
    expect(takeTokens('张三、')).toEqual({ names: ['张三'], rest: '' })
    expect(takeTokens('张三、李')).toEqual({ names: ['张三'], rest: '李' })
    expect(takeTokens('张三，李四,王五；赵')).toEqual({ names: ['张三', '李四', '王五'], rest: '赵' })
    expect(takeTokens(' 张三 、、李四、')).toEqual({ names: ['张三', '李四'], rest: '' })
  })

  it('adds names once, drops blanks and stops at the limit', () => {
    expect(addTokens(['张三'], ['李四', '张三', ' ', '王五'])).toEqual(['张三', '李四', '王五'])
    expect(addTokens(['a', 'b'], ['c', 'd'], 3)).toEqual(['a', 'b', 'c'])
  })
})

describe('required fields', () => {
  const base = { ...emptyMetadata(), column: '' }

  it('names the empty required fields in the order asked', () => {
    expect(missingRequired(base, ['column', 'editor', 'authors', 'sourceDepartment'])).toEqual(['column', 'editor', 'authors', 'sourceDepartment'])
  })

  it('counts whitespace as empty and a list with a name as filled', () => {
    const source = { ...base, column: '  ', editor: '李编', authors: ['张三'], publishAt: null, tags: [' '] }
    expect(missingRequired(source, ['column', 'editor', 'authors', 'publishAt', 'tags'])).toEqual(['column', 'publishAt', 'tags'])
  })

  it('asks for nothing when nothing is required', () => {
    expect(missingRequired(base, [])).toEqual([])
  })
})

describe('publication time', () => {
  it('reads a datetime-local value as Beijing time with +08:00', () => {
    expect(localInputToIso('2026-11-20T14:30')).toBe('2026-11-20T14:30:00+08:00')
    expect(localInputToIso('2026-01-01T00:05:09')).toBe('2026-01-01T00:05:09+08:00')
    expect(new Date(localInputToIso('2026-11-20T07:00') ?? '').toISOString()).toBe('2026-11-19T23:00:00.000Z')
  })

  it('uses the offset of another zone when asked, daylight saving included', () => {
    expect(localInputToIso('2026-07-01T12:00', 'Europe/Berlin')).toBe('2026-07-01T12:00:00+02:00')
    expect(localInputToIso('2026-12-01T12:00', 'Europe/Berlin')).toBe('2026-12-01T12:00:00+01:00')
  })

  it('gives null for an empty or impossible value', () => {
    expect(localInputToIso('')).toBeNull()
    expect(localInputToIso('2026-02-30T10:00')).toBeNull()
    expect(localInputToIso('yesterday')).toBeNull()
  })

  it('shows a stored time as Beijing wall-clock time, whatever offset it was stored with', () => {
    expect(isoToLocalInput('2026-11-20T14:30:00+08:00')).toBe('2026-11-20T14:30')
    expect(isoToLocalInput('2026-11-19T23:00:00Z')).toBe('2026-11-20T07:00')
    expect(isoToLocalInput(null)).toBe('')
    expect(isoToLocalInput(localInputToIso('2026-03-08T09:15'))).toBe('2026-03-08T09:15')
  })
})

describe('发布时间 in Chinese', () => {
  it('shows a time as 2024年10月2日 09:30 in Beijing time, whatever the computer’s zone', () => {
    expect(isoToChineseDateTime('2024-10-02T01:30:00Z')).toBe('2024年10月2日 09:30')
    expect(isoToChineseDateTime('2024-10-02T09:30:00+08:00')).toBe('2024年10月2日 09:30')
    expect(isoToChineseDateTime(null)).toBe('')
  })

  it('reads the usual ways of writing a date and time', () => {
    for (const text of ['2024年10月2日 09:30', '2024年10月2日9:30', '2024年10月2日 9点30分', '2024-10-02 09:30', '2024/10/2 9:30', ' 2024年10月02日  09：30 ']) {
      expect(chineseDateTimeToLocalInput(text), text).toBe('2024-10-02T09:30')
    }
    expect(chineseDateTimeToLocalInput('2024年10月2日')).toBe('2024-10-02T00:00')
    expect(chineseDateTimeToLocalInput('2024年10月2日 9点')).toBe('2024-10-02T09:00')
    expect(chineseDateTimeToLocalInput('')).toBe('')
  })

  it('refuses what is not a real date and time', () => {
    for (const text of ['2024年13月2日', '2024年2月30日', '2024年10月2日 24:00', '2024年10月2日 09:60', '明天', '10月2日']) {
      expect(chineseDateTimeToLocalInput(text), text).toBeNull()
    }
  })

  it('round-trips through the saved ISO time', () => {
    const local = chineseDateTimeToLocalInput('2024年10月2日 09:30') ?? ''
    expect(isoToChineseDateTime(localInputToIso(local))).toBe('2024年10月2日 09:30')
  })
})

describe('required fields shown as errors', () => {
  const missing = ['column', 'editor'] as const
  it('shows none on a fresh draft, the ones left empty after a visit, all when asked', () => {
    expect(requiredErrors(missing, new Set(), false)).toEqual([])
    expect(requiredErrors(missing, new Set(['editor', 'authors']), false)).toEqual(['editor'])
    expect(requiredErrors(missing, new Set(), true)).toEqual(['column', 'editor'])
  })
})
