import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDraftStore, type DraftStore } from '../../../src/main/services/drafts/draftStore'
import type { Draft } from '../../../src/shared/model/draft'
import { AppError } from '../../../src/shared/errors'
import { createFaultyFs, type FaultyFs } from '../../support/faultyFs'
import { content, sequentialIds, steppingClock, tempFilesIn } from '../../support/draftFixtures'

describe('DraftStore on a full or read-only disk', () => {
  let dir: string
  let fs: FaultyFs
  let store: DraftStore
  let draft: Draft
  const clock = steppingClock()
  const draftFile = () => join(dir, 'drafts', draft.id, 'draft.json')
  const freshOpen = () => createDraftStore({ dataDir: dir, clock }).open(draft.id)

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-faults-'))
    fs = createFaultyFs()
    store = createDraftStore({ dataDir: dir, clock, fs, newId: sequentialIds() })
    draft = await store.create()
    await store.save(draft.id, content('第一稿', '已经保存好的文字。'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  describe.each([
    { label: 'full disk (write fails)', mode: 'disk-full', failOpen: false, code: 'disk-full' },
    { label: 'full disk (open fails)', mode: 'disk-full', failOpen: true, code: 'disk-full' },
    { label: 'read-only file system', mode: 'read-only', failOpen: false, code: 'read-only' },
    { label: 'no permission', mode: 'no-permission', failOpen: false, code: 'read-only' }
  ] as const)('$label', ({ mode, failOpen, code }) => {
    it(`rejects a save with ${code}, keeps the previous draft.json and leaves no temp file`, async () => {
      const before = await readFile(draftFile())
      fs.fail(mode, { failOpen })
      const error = await store.save(draft.id, content('第二稿', '写不进去的文字。')).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AppError)
      expect(error).toMatchObject({ code })
      expect(fs.refused).toBeGreaterThan(0)
      expect(await readFile(draftFile())).toEqual(before)
      expect(await tempFilesIn(join(dir, 'drafts', draft.id))).toEqual([])
      expect(await freshOpen()).toMatchObject({ title: '第一稿', revision: 1 })
    })

    it('saves again once the disk recovers, without skipping a revision', async () => {
      fs.fail(mode, { failOpen })
      await expect(store.save(draft.id, content('第二稿', '失败'))).rejects.toMatchObject({ code })
      await expect(store.rename(draft.id, '改名也失败')).rejects.toMatchObject({ code })
      fs.heal()
      await expect(store.save(draft.id, content('第三稿', '空间腾出来以后保存成功。'))).resolves.toMatchObject({ revision: 2 })
      const reopened = await freshOpen()
      expect(reopened).toMatchObject({ title: '第三稿', revision: 2 })
      expect(reopened.body).toEqual(content('', '空间腾出来以后保存成功。').body)
    })

    it('refuses to create a draft and leaves no half-made one in the list', async () => {
      fs.fail(mode, { failOpen })
      await expect(store.create({ title: '新稿' })).rejects.toMatchObject({ code })
      fs.heal()
      const list = await createDraftStore({ dataDir: dir, clock }).list('active')
      expect(list.drafts.map((d) => d.id)).toEqual([draft.id])
      expect(list.quarantined).toEqual([])
    })
  })

  it('lists drafts even when the index cannot be written', async () => {
    fs.fail('disk-full', { only: (path) => path.includes('index.json') })
    const list = await createDraftStore({ dataDir: dir, clock, fs }).list('active')
    expect(list.drafts.map((d) => d.title)).toEqual(['第一稿'])
    expect(fs.refused).toBeGreaterThan(0)
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('fails only the save that hit the full disk: the save queued behind it still lands', async () => {
    fs.fail('disk-full', { times: 1 })
    const doomed = store.save(draft.id, content('满', '磁盘已满'))
    const queued = store.save(draft.id, content('第二稿', '排在后面的保存'))
    await expect(doomed).rejects.toMatchObject({ code: 'disk-full' })
    await expect(queued).resolves.toMatchObject({ revision: 2 })
    expect(await freshOpen()).toMatchObject({ title: '第二稿', revision: 2 })
  })

  describe('create on a read-only data folder', () => {
    it('names the folder when the data folder exists but cannot be written', async () => {
      fs.fail('read-only')
      const error = await createDraftStore({ dataDir: dir, clock, fs }).create().catch((e: unknown) => e)
      expect(error).toMatchObject({ name: 'AppError', code: 'read-only' })
      expect((error as Error).message).toContain(dir)
    })

    it('names the folder when the data folder cannot even be made', async () => {
      const missing = join(dir, '共享盘', '宣传部稿件')
      fs.fail('read-only')
      const error = await createDraftStore({ dataDir: missing, clock, fs }).create().catch((e: unknown) => e)
      expect(error).toMatchObject({ name: 'AppError', code: 'read-only' })
      expect((error as Error).message).toContain(missing)
      fs.heal()
      await expect(createDraftStore({ dataDir: missing, clock, fs }).create()).resolves.toMatchObject({ revision: 0 })
    })
  })
})
