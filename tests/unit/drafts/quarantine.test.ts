import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDraftStore, type DraftStore } from '../../../src/main/services/drafts/draftStore'
import { QuarantinedDraftSchema, type Draft, type QuarantineReason } from '../../../src/shared/model/draft'
import { createFaultyFs } from '../../support/faultyFs'
import { content, defined, sequentialIds, snapshotFiles, steppingClock } from '../../support/draftFixtures'

const TITLE = '秋季运动会圆满落幕'

type Damage = {
  label: string
  reason: QuarantineReason
  /** Turns the draft's folder into the damaged one; gets the good draft.json text. */
  damage(folder: string, good: string): Promise<void>
  detail: RegExp
  titleRecovered: boolean
}

const DAMAGES: Damage[] = [
  {
    label: 'zero bytes',
    reason: 'empty-file',
    damage: (folder) => writeFile(join(folder, 'draft.json'), ''),
    detail: /empty/,
    titleRecovered: false
  },
  {
    label: 'whitespace only',
    reason: 'empty-file',
    damage: (folder) => writeFile(join(folder, 'draft.json'), ' \n\t  \r\n'),
    detail: /empty/,
    titleRecovered: false
  },
  {
    label: 'JSON truncated mid-string',
    reason: 'invalid-json',
    damage: (folder, good) => writeFile(join(folder, 'draft.json'), good.slice(0, good.indexOf('运动员入场') + 2)),
    detail: /JSON/i,
    titleRecovered: true
  },
  {
    label: 'valid JSON with missing fields',
    reason: 'invalid-schema',
    damage: (folder, good) => {
      const { revision: _revision, updatedAt: _updatedAt, ...rest } = JSON.parse(good) as Draft
      return writeFile(join(folder, 'draft.json'), JSON.stringify(rest))
    },
    detail: /revision|updatedAt/,
    titleRecovered: true
  },
  {
    label: 'valid JSON with wrong types',
    reason: 'invalid-schema',
    damage: (folder, good) => writeFile(join(folder, 'draft.json'), JSON.stringify({ ...(JSON.parse(good) as Draft), revision: '七', body: 'text' })),
    detail: /revision/,
    titleRecovered: true
  },
  {
    label: 'draft.json that is a folder',
    reason: 'unreadable',
    damage: async (folder) => {
      await rm(join(folder, 'draft.json'))
      await mkdir(join(folder, 'draft.json'))
      await writeFile(join(folder, 'draft.json', 'inside.txt'), '奇怪')
    },
    detail: /folder/,
    titleRecovered: false
  },
  {
    label: 'folder without draft.json',
    reason: 'unreadable',
    damage: (folder) => rm(join(folder, 'draft.json')),
    detail: /missing/,
    titleRecovered: false
  }
]

describe('DraftStore quarantine', () => {
  let dir: string
  let clock: ReturnType<typeof steppingClock>
  let store: DraftStore
  let goodIds: string[]
  let bad: Draft
  const fresh = () => createDraftStore({ dataDir: dir, clock })
  const badFolder = () => join(dir, 'drafts', bad.id)

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-quarantine-'))
    clock = steppingClock()
    store = createDraftStore({ dataDir: dir, clock, newId: sequentialIds() })
    goodIds = []
    for (const title of ['好稿一', '好稿二']) {
      const d = await store.create()
      await store.save(d.id, content(title, `${title}的正文。`))
      goodIds.push(d.id)
    }
    bad = await store.create()
    await store.save(bad.id, content(TITLE, '上午九时，运动员入场，全场掌声雷动。'))
    await writeFile(join(store.assetsFolder(bad.id), 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 42]))
    // The index knows the good version: the damage must be noticed anyway.
    await store.list('active')
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  describe.each(DAMAGES)('$label', (damage) => {
    beforeEach(async () => {
      await damage.damage(badFolder(), await readFile(join(badFolder(), 'draft.json'), 'utf8'))
    })

    it('lists every other draft and moves the bad one, byte for byte, to quarantine/', async () => {
      const before = await snapshotFiles(badFolder())
      const list = await fresh().list('active')
      expect(list.drafts.map((d) => d.id).sort()).toEqual(goodIds)
      expect(list.quarantined).toHaveLength(1)
      const record = defined(list.quarantined[0])
      expect(record).toMatchObject({ id: bad.id, reason: damage.reason, acknowledged: false })
      expect(record.detail).toMatch(damage.detail)
      expect(record.recoveredTitle).toBe(damage.titleRecovered ? TITLE : '')
      expect(record.folder).toMatch(new RegExp(`[/\\\\]quarantine[/\\\\]${bad.id}--\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d-\\d{3}Z$`))
      expect(record.folder.startsWith(dir)).toBe(true)

      const after = await snapshotFiles(record.folder)
      const stored = after.get('quarantine.json')
      after.delete('quarantine.json')
      expect(after).toEqual(before)
      expect(QuarantinedDraftSchema.parse(JSON.parse(String(stored)))).toEqual(record)
      expect(await readdir(join(dir, 'drafts'))).not.toContain(bad.id)
    })

    it('keeps reporting it on later lists, once, until acknowledged', async () => {
      const first = (await fresh().list('active')).quarantined
      const again = await fresh().list('active')
      expect(again.quarantined).toEqual(first)
      expect(again.drafts).toHaveLength(2)
      expect((await fresh().list('trash')).quarantined).toEqual(first)

      await fresh().acknowledgeQuarantine([bad.id])
      const acknowledged = (await fresh().list('active')).quarantined
      const record = defined(first[0])
      expect(acknowledged).toEqual([{ ...record, acknowledged: true }])
      const onDisk = JSON.parse(await readFile(join(record.folder, 'quarantine.json'), 'utf8')) as { acknowledged: boolean }
      expect(onDisk.acknowledged).toBe(true)
    })

    it('refuses to open it with draft-damaged and keeps its files', async () => {
      const before = await snapshotFiles(badFolder())
      const error = await fresh()
        .open(bad.id)
        .catch((e: unknown) => e)
      expect(error).toMatchObject({ name: 'AppError', code: 'draft-damaged' })
      expect((error as Error).message).toContain(bad.id)
      const { quarantined } = await fresh().list('active')
      expect(quarantined.map((q) => [q.id, q.reason])).toEqual([[bad.id, damage.reason]])
      const kept = await snapshotFiles(defined(quarantined[0]).folder)
      kept.delete('quarantine.json')
      expect(kept).toEqual(before)
    })
  })

  it('reports a damaged draft once when lists and an open race for it', async () => {
    await writeFile(join(badFolder(), 'draft.json'), '')
    const racing = fresh()
    const [a, b, opened] = await Promise.all([
      racing.list('active'),
      racing.list('active'),
      racing.open(bad.id).catch((e: unknown) => e)
    ])
    expect(opened).toMatchObject({ code: 'draft-damaged' })
    for (const list of [a, b]) {
      expect(list.drafts.map((d) => d.id).sort()).toEqual(goodIds)
      expect(list.quarantined.map((q) => q.id)).toEqual([bad.id])
      expect(defined(list.quarantined[0]).folder).toMatch(/[/\\]quarantine[/\\]/)
    }
    expect(await readdir(join(dir, 'quarantine'))).toHaveLength(1)
  })

  it('quarantines a damaged draft in the trash and still lists the rest of the trash', async () => {
    await store.trash(defined(goodIds[0]))
    await store.trash(bad.id)
    await writeFile(join(dir, 'trash', bad.id, 'draft.json'), '{"title":"' + TITLE + '","body":')
    const trash = await fresh().list('trash')
    expect(trash.drafts.map((d) => d.id)).toEqual([goodIds[0]])
    expect(trash.quarantined).toEqual([expect.objectContaining({ id: bad.id, reason: 'invalid-json', recoveredTitle: TITLE })])
    await expect(fresh().emptyTrash()).resolves.toBe(1)
    expect(await readdir(defined(trash.quarantined[0]).folder)).toContain('draft.json')
  })

  it('acknowledges only the drafts it is told about', async () => {
    const other = defined(goodIds[1])
    await writeFile(join(dir, 'drafts', bad.id, 'draft.json'), '')
    await writeFile(join(dir, 'drafts', other, 'draft.json'), '[]')
    const list = await fresh().list('active')
    expect(list.quarantined.map((q) => q.id).sort()).toEqual([bad.id, other].sort())
    await fresh().acknowledgeQuarantine([other])
    const after = (await fresh().list('active')).quarantined
    expect(Object.fromEntries(after.map((q) => [q.id, q.acknowledged]))).toEqual({ [bad.id]: false, [other]: true })
  })

  it('on a read-only disk still lists the others and reports the damaged draft where it lies', async () => {
    await writeFile(join(dir, 'drafts', bad.id, 'draft.json'), `{"title":"${TITLE}","body":{"root`)
    const before = await snapshotFiles(badFolder())
    const fs = createFaultyFs()
    fs.fail('read-only')
    const list = await createDraftStore({ dataDir: dir, clock, fs }).list('active')
    expect(list.drafts.map((d) => d.id).sort()).toEqual(goodIds)
    expect(list.quarantined).toEqual([
      expect.objectContaining({ id: bad.id, reason: 'invalid-json', recoveredTitle: TITLE, folder: badFolder() })
    ])
    expect(defined(list.quarantined[0]).detail).toMatch(/not moved/)
    expect(await snapshotFiles(badFolder())).toEqual(before)
  })
})
