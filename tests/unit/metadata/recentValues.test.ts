import { describe, expect, it } from 'vitest'
import { emptyDirectory } from '../../../src/shared/model/directory'
import { emptyMetadata } from '../../../src/shared/model/metadata'
import {
  RECENT_MAX,
  additionsCount,
  directoryAdditions,
  mergeSuggestions,
  parseRecent,
  rememberRecent,
  usualDetails
} from '../../../src/renderer/src/metadata/recentValues'

describe('recent values per field', () => {
  it('puts the newest first, each once, blanks dropped, at most RECENT_MAX', () => {
    let recent = rememberRecent({}, 'editor', ['赵六'])
    recent = rememberRecent(recent, 'editor', [' 钱七 ', ''])
    recent = rememberRecent(recent, 'editor', ['赵六'])
    expect(recent.editor).toEqual(['赵六', '钱七'])
    for (let i = 0; i < 20; i++) recent = rememberRecent(recent, 'authors', [`人${i}`])
    expect(recent.authors).toHaveLength(RECENT_MAX)
    expect(recent.authors?.[0]).toBe('人19')
    expect(recent.editor).toEqual(['赵六', '钱七'])
  })

  it('offers recent values containing what is typed before the directory, without the chosen ones', () => {
    expect(mergeSuggestions(['王五', '李四', '王小明'], ['王大', '王五'], '王', ['王小明'], 8)).toEqual(['王五', '王大'])
    expect(mergeSuggestions(['Wang'], [], 'wa', [], 8)).toEqual(['Wang'])
    expect(mergeSuggestions(['a', 'b'], ['c'], '', [], 2)).toEqual(['a', 'b'])
  })

  it('gives a new draft the latest column, department and editor', () => {
    expect(usualDetails({})).toEqual({ column: '', sourceDepartment: '', editor: '' })
    const recent = rememberRecent(rememberRecent(rememberRecent({}, 'column', ['校园动态']), 'sourceDepartment', ['双高办']), 'editor', ['赵六'])
    expect(usualDetails(recent)).toEqual({ column: '校园动态', sourceDepartment: '双高办', editor: '赵六' })
  })

  it('reads back what it stored and ignores anything else', () => {
    const recent = rememberRecent({}, 'column', ['校园动态'])
    expect(parseRecent(JSON.stringify(recent))).toEqual(recent)
    expect(parseRecent(null)).toEqual({})
    expect(parseRecent('not json')).toEqual({})
    expect(parseRecent('{"column":[1,"a"],"nope":["x"]}')).toEqual({ column: ['a'] })
  })
})

describe('adding a draft’s names to 通讯录', () => {
  it('lists unknown people with the roles they hold in the draft, and unknown departments and columns', () => {
    const directory = { ...emptyDirectory(), people: [{ id: 'p-known', name: '李四', roles: ['author' as const], department: '', publicKey: null, titles: [], rank: null }] }
    const source = { ...emptyMetadata(), column: '校园动态', sourceDepartment: '双高办', editor: '张三', authors: ['张三', '李四'], reviewer: '王五' }
    const additions = directoryAdditions(source, directory)
    expect(additions.people).toEqual([
      { name: '张三', roles: ['editor', 'author'] },
      { name: '王五', roles: ['reviewer'] }
    ])
    expect(additions.departments).toEqual(['双高办'])
    expect(additions.columns).toEqual(['校园动态'])
    expect(additionsCount(additions)).toBe(4)
    expect(additionsCount(directoryAdditions({ ...emptyMetadata(), column: ' ' }, directory))).toBe(0)
  })
})
