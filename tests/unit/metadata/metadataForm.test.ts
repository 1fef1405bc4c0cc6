import { describe, expect, it } from 'vitest'
import { emptyMetadata } from '../../../src/shared/model/metadata'
import { addTokens, isoToLocalInput, localInputToIso, missingRequired, takeTokens } from '../../../src/renderer/src/metadata/metadataForm'

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
