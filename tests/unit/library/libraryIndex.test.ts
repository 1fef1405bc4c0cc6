import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHook } from 'node:async_hooks'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDraftStore, type DraftStore } from '../../../src/main/services/drafts/draftStore'
import { createFold } from '../../../src/main/services/library/fold'
import { createLibraryIndex, FRESH_FOLDER, PACK_FILE, SEARCH_INDEX_FOLDER, SEARCH_INDEX_VERSION } from '../../../src/main/services/library/libraryIndex'
import { decodePack } from '../../../src/main/services/library/indexPack'
import { createWorkerLibrarySearch } from '../../../src/main/services/library/librarySearch'
import { notifyingStore } from '../../../src/main/services/library/notifyingStore'
import { systemClock } from '../../../src/main/services/clock'
import { LibraryViewSchema } from '../../../src/shared/library/query'
import { articleBody } from '../../../bench/lib/newsText'
import { DEFAULT_CHAIN } from '../../../src/shared/model/chain'
import { libraryMe } from '../../../src/shared/library/statuses'

const me = (name: string) => libraryMe(name, DEFAULT_CHAIN, null)

const fold = createFold()
const search = (text: string) => LibraryViewSchema.parse({ text })
let dataDir: string
let store: DraftStore

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'library-index-'))
  store = createDraftStore({ dataDir, clock: systemClock })
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

async function draft(title: string, body: string) {
  const created = await store.create({ title })
  await store.save(created.id, { title, column: '校园动态', body: articleBody(body) })
  return created.id
}

describe('library index in the data folder', () => {
  it('stores every entry in one pack and loads it again without reading the drafts', async () => {
    const id = await draft('运动会', '第三十届秋季运动会在东操场开幕')
    const first = createLibraryIndex({ dataDir, fold })
    await first.load()
    expect(first.query(search('东操场'), me('')).ids).toEqual([id])
    const folder = join(dataDir, SEARCH_INDEX_FOLDER, `v${SEARCH_INDEX_VERSION}`)
    expect((await readdir(folder)).sort()).toEqual([FRESH_FOLDER, PACK_FILE])
    // The stored entry, not the draft, answers after a restart: an entry saved since the pack says otherwise.
    const entry = decodePack(SEARCH_INDEX_VERSION, await readFile(join(folder, PACK_FILE)))?.[0]
    expect(entry?.id).toBe(id)
    await writeFile(join(folder, FRESH_FOLDER, `${id}.json`), JSON.stringify({ ...entry, text: { ...entry?.text, body: '只在索引里' } }))
    const second = createLibraryIndex({ dataDir, fold })
    await second.load()
    expect(second.query(search('只在索引'), me('')).ids).toEqual([id])
    expect(second.query(search('东操场'), me('')).ids).toEqual([])
    // Loading folded the saved entry into a new pack.
    expect(await readdir(join(folder, FRESH_FOLDER))).toEqual([])
    const third = createLibraryIndex({ dataDir, fold })
    await third.load()
    expect(third.query(search('只在索引'), me('')).ids).toEqual([id])
  })

  it('rebuilds a damaged pack, a torn entry and one of a draft changed while the app was closed', async () => {
    const a = await draft('甲', '图书馆读书月活动')
    const b = await draft('乙', '化学实验室开放日')
    const c = await draft('丙', '合唱团获得一等奖')
    const index = createLibraryIndex({ dataDir, fold })
    await index.load()
    const folder = join(dataDir, SEARCH_INDEX_FOLDER, `v${SEARCH_INDEX_VERSION}`)
    const pack = await readFile(join(folder, PACK_FILE))
    for (const damage of [pack.subarray(0, pack.length - 7), Buffer.concat([pack, Buffer.from('尾')]), Buffer.from(pack).fill(0x41, 30, 60), Buffer.alloc(0)]) {
      await writeFile(join(folder, PACK_FILE), damage)
      await writeFile(join(folder, FRESH_FOLDER, `${a}.json`), '{"id": "torn')
      await store.save(c, { title: '丙', column: '', body: articleBody('篮球赛决赛在体育馆举行') })
      const reloaded = createLibraryIndex({ dataDir, fold })
      await reloaded.load()
      expect(reloaded.query(search('读书月'), me('')).ids).toEqual([a])
      expect(reloaded.query(search('实验室'), me('')).ids).toEqual([b])
      expect(reloaded.query(search('合唱团'), me('')).ids).toEqual([])
      expect(reloaded.query(search('体育馆'), me('')).ids).toEqual([c])
      // The rebuilt pack is whole again.
      expect((await readFile(join(folder, PACK_FILE))).length).toBeGreaterThan(100)
      await store.save(c, { title: '丙', column: '', body: articleBody('合唱团获得一等奖') })
    }
  })

  it('removes an index of an older version and builds the current one from the drafts', async () => {
    const id = await draft('甲', '图书馆读书月活动')
    const old = join(dataDir, SEARCH_INDEX_FOLDER, 'v1')
    await mkdir(old, { recursive: true })
    // What version 1 kept, one JSON file per draft, with a body the draft no longer has.
    await writeFile(join(old, `${id}.json`), JSON.stringify({ id, text: { body: '旧索引里的正文' } }))
    const index = createLibraryIndex({ dataDir, fold })
    await index.load()
    expect(index.query(search('旧索引'), me('')).ids).toEqual([])
    expect(index.query(search('读书月'), me('')).ids).toEqual([id])
    expect(await readdir(join(dataDir, SEARCH_INDEX_FOLDER))).toEqual([`v${SEARCH_INDEX_VERSION}`])
  })

  it('keeps a save since the pack as its own small entry', async () => {
    const index = createLibraryIndex({ dataDir, fold })
    await index.load()
    const id = await draft('新稿', '志愿者在图书馆门口发放书签')
    await index.changed(id)
    const folder = join(dataDir, SEARCH_INDEX_FOLDER, `v${SEARCH_INDEX_VERSION}`)
    expect(await readdir(join(folder, FRESH_FOLDER))).toEqual([`${id}.json`])
    const next = createLibraryIndex({ dataDir, fold })
    await next.load()
    expect(next.query(search('發放書簽'), me('')).ids).toEqual([id])
  })

  it('follows saves, trash and restore through the store', async () => {
    const index = createLibraryIndex({ dataDir, fold })
    await index.load()
    const pending: Promise<void>[] = []
    const watched = notifyingStore(store, (id) => pending.push(index.changed(id)), () => pending.push(index.refresh()))
    const { id } = await watched.create({ title: '新稿' })
    await watched.save(id, { title: '新稿', column: '', body: articleBody('志愿者在图书馆门口发放书签') })
    await Promise.all(pending)
    expect(index.query(search('发放书签'), me('')).ids).toEqual([id])
    await watched.trash(id)
    await Promise.all(pending)
    expect(index.query(search('发放书签'), me('')).ids).toEqual([])
    await watched.restore(id)
    await Promise.all(pending)
    expect(index.query(search('发放书签'), me('')).ids).toEqual([id])
  })

  it('answers from a worker thread', async () => {
    const id = await draft('校园动态', '科技节展示了同学们的发明')
    const worker = createWorkerLibrarySearch({
      workerUrl: new URL('../../support/library/libraryWorkerShim.mjs', import.meta.url),
      workerData: { entry: new URL('../../../src/main/services/library/libraryWorker.ts', import.meta.url).href },
      dataDir
    })
    try {
      await worker.stats() // waits for the load
      expect((await worker.query(search('科技節'), me(''))).ids).toEqual([id])
    } finally {
      await worker.close()
    }
  })

  it('starts no worker again once closed (a save or a list answered while the app shuts down)', async () => {
    await draft('校园动态', '科技节展示了同学们的发明')
    const worker = createWorkerLibrarySearch({
      workerUrl: new URL('../../support/library/libraryWorkerShim.mjs', import.meta.url),
      workerData: { entry: new URL('../../../src/main/services/library/libraryWorker.ts', import.meta.url).href },
      dataDir
    })
    await worker.stats()
    await worker.close()
    let started = 0
    const hook = createHook({ init: (_id, type) => void (type === 'WORKER' && started++) }).enable()
    try {
      worker.changed('d-1')
      worker.refresh()
      await expect(worker.query(search('科技'), me(''))).rejects.toThrow('library search closed')
      await expect(worker.stats()).rejects.toThrow('library search closed')
    } finally {
      hook.disable()
    }
    expect(started).toBe(0)
  })
})
