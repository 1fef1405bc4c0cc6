import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { lazyLibrarySearch, type LibrarySearch } from '../../../src/main/services/library/librarySearch'
import { notifyingStore } from '../../../src/main/services/library/notifyingStore'
import { createDraftStore } from '../../../src/main/services/drafts/draftStore'
import { LibraryViewSchema } from '../../../src/shared/library/query'
import { libraryMe } from '../../../src/shared/library/statuses'
import { DEFAULT_CHAIN } from '../../../src/shared/model/chain'
import { steppingClock } from '../../support/draftFixtures'

/** A search that records what it was asked. */
function recordingSearch(log: string[]): LibrarySearch {
  return {
    changed: (id) => void log.push(`changed ${id}`),
    refresh: () => void log.push('refresh'),
    query: async () => {
      log.push('query')
      return { ready: true, ids: [], hits: [], choices: { columns: [], departments: [], people: [] }, choicesRevision: 0, noUserName: false }
    },
    stats: async () => {
      throw new Error('not asked here')
    },
    close: async () => void log.push('close')
  }
}

describe('the library search at start', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-lazy-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('is not opened by the first screen of a start, only by the whole list after it, and then once', async () => {
    const log: string[] = []
    let made = 0
    const search = lazyLibrarySearch(() => {
      made += 1
      return recordingSearch(log)
    })
    const store = notifyingStore(createDraftStore({ dataDir: dir, clock: steppingClock() }), (id) => search.changed(id), () => search.refresh())
    await store.list('active', { stored: true, first: 60 })
    expect(made).toBe(0)
    await store.list('active')
    expect(made).toBe(1)
    const draft = await store.create({ title: '新稿' })
    await search.query(LibraryViewSchema.parse({ text: '新稿' }), libraryMe('', DEFAULT_CHAIN, null))
    expect(made).toBe(1)
    expect(log).toEqual(['refresh', `changed ${draft.id}`, 'query'])
    await search.close()
    expect(log.at(-1)).toBe('close')
  })

  it('closes without starting when it was never used', async () => {
    let made = 0
    const search = lazyLibrarySearch(() => {
      made += 1
      return recordingSearch([])
    })
    await search.close()
    expect(made).toBe(0)
  })

  it('makes no search once closed: a list answered while the app shuts down does not start one', async () => {
    let made = 0
    const search = lazyLibrarySearch(() => {
      made += 1
      return recordingSearch([])
    })
    const store = notifyingStore(createDraftStore({ dataDir: dir, clock: steppingClock() }), (id) => search.changed(id), () => search.refresh())
    await search.close()
    await store.list('active')
    await store.create({ title: '新稿' })
    await expect(search.query(LibraryViewSchema.parse({ text: '新稿' }), libraryMe('', DEFAULT_CHAIN, null))).rejects.toThrow('library search closed')
    expect(made).toBe(0)
  })
})
