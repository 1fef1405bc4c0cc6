import { describe, expect, it } from 'vitest'
import { activeFilterCount, isPlainView, loadLibraryView, saveLibraryView, scrollToShow, visibleRows } from '../../../src/renderer/src/library/libraryView'
import { defaultLibraryView, LibraryViewSchema } from '../../../src/shared/library/query'
import { awaitsPerson, libraryMe, type DraftPeople } from '../../../src/shared/library/statuses'
import { DEFAULT_CHAIN } from '../../../src/shared/model/chain'

const me = (name: string) => libraryMe(name, DEFAULT_CHAIN, null)

function memoryStorage(): Storage {
  const items = new Map<string, string>()
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
    key: (i) => [...items.keys()][i] ?? null,
    get length() {
      return items.size
    }
  }
}

describe('library view kept between sessions', () => {
  it('comes back as saved, and as the default when missing or broken', () => {
    const storage = memoryStorage()
    expect(loadLibraryView(storage)).toEqual(defaultLibraryView())
    const view = LibraryViewSchema.parse({ text: '运动会', status: 'review', sort: 'title', descending: false, from: '2025-01-01' })
    saveLibraryView(storage, view)
    expect(loadLibraryView(storage)).toEqual(view)
    storage.setItem('newsroom.library.view', '{"sort": "nonsense"')
    expect(loadLibraryView(storage)).toEqual(defaultLibraryView())
    storage.setItem('newsroom.library.view', JSON.stringify({ sort: 'nonsense' }))
    expect(loadLibraryView(storage)).toEqual(defaultLibraryView())
  })

  it('knows the plain list and counts the filters', () => {
    expect(isPlainView(defaultLibraryView())).toBe(true)
    expect(isPlainView(LibraryViewSchema.parse({ text: '  ' }))).toBe(true)
    expect(isPlainView(LibraryViewSchema.parse({ descending: false }))).toBe(false)
    expect(activeFilterCount(LibraryViewSchema.parse({ status: 'draft', person: '张三', mine: true, text: 'x' }))).toBe(3)
  })
})

describe('virtual rows', () => {
  it('draws the rows in view and a few around them', () => {
    expect(visibleRows(0, 360, 36, 5000, 2)).toEqual({ first: 0, last: 12 })
    expect(visibleRows(3600, 360, 36, 5000, 2)).toEqual({ first: 98, last: 112 })
    expect(visibleRows(0, 360, 36, 4, 2)).toEqual({ first: 0, last: 3 })
    expect(visibleRows(0, 360, 36, 0)).toEqual({ first: 0, last: -1 })
  })

  it('scrolls just enough to show a row', () => {
    expect(scrollToShow(0, 720, 360, 36)).toBe(0)
    expect(scrollToShow(30, 0, 360, 36)).toBe(31 * 36 - 360)
    expect(scrollToShow(5, 0, 360, 36)).toBeNull()
  })
})

describe('等我处理 with today’s chain', () => {
  const people = (patch: Partial<DraftPeople>): DraftPeople => ({ editor: '', authors: [], photographers: [], proofreader: '', reviewer: '', signers: [], ...patch })

  it('gives each step to its role, and an unnamed role to anyone', () => {
    expect(awaitsPerson('draft', people({ editor: '张三' }), me('张三'))).toBe(true)
    expect(awaitsPerson('returned', people({ authors: ['李四'], editor: '张三' }), me('李四'))).toBe(true)
    expect(awaitsPerson('draft', people({ editor: '张三' }), me('王五'))).toBe(false)
    expect(awaitsPerson('awaiting:proofread', people({ proofreader: '李四' }), me('李四'))).toBe(true)
    expect(awaitsPerson('awaiting:proofread', people({ proofreader: '李四' }), me('王五'))).toBe(false)
    expect(awaitsPerson('awaiting:proofread', people({}), me('王五'))).toBe(true)
    expect(awaitsPerson('awaiting:review', people({ reviewer: '王五' }), me('王五'))).toBe(true)
    expect(awaitsPerson('approved', people({ editor: '张三' }), me('张三'))).toBe(true)
    expect(awaitsPerson('published', people({ editor: '张三' }), me('张三'))).toBe(false)
  })

  it('lists nothing without a name', () => {
    expect(awaitsPerson('awaiting:proofread', people({}), me('  '))).toBe(false)
  })
})
