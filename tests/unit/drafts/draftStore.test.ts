import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { emptyMetadata } from '../../../src/shared/model/metadata'
import { createDraftStore, type DraftStore } from '../../../src/main/services/drafts/draftStore'
import { DraftSchema, type Draft } from '../../../src/shared/model/draft'
import { AppError } from '../../../src/shared/errors'
import { nodeServiceFs, type ServiceFs } from '../../../src/main/services/fs/serviceFs'
import { content, defined, paragraphs as body, sequentialIds, snapshotFiles, steppingClock } from '../../support/draftFixtures'

async function readDraftFile(dir: string, id: string, scope = 'drafts'): Promise<Draft> {
  return DraftSchema.parse(JSON.parse(await readFile(join(dir, scope, id, 'draft.json'), 'utf8')))
}

describe('DraftStore basics', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-store-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('creates, saves and reopens a Chinese draft from a fresh store', async () => {
    let t = Date.parse('2026-11-01T08:00:00Z')
    const clock = { now: () => new Date((t += 1000)) }
    const store = createDraftStore({ dataDir: dir, clock })
    const draft = await store.create()
    await store.save(draft.id, { title: '校园动态：秋季运动会开幕', column: '校园动态', body: body('今天上午，学校隆重举行秋季运动会。') })
    const reopened = await createDraftStore({ dataDir: dir, clock }).open(draft.id)
    expect(reopened.title).toBe('校园动态：秋季运动会开幕')
    expect(reopened.revision).toBe(1)
    const { drafts } = await store.list('active')
    expect(drafts.map((d) => d.excerpt)).toEqual(['今天上午，学校隆重举行秋季运动会。'])
    expect(await readdir(join(dir, 'drafts', draft.id))).toEqual(expect.arrayContaining(['draft.json', 'assets']))
  })

  it('quarantines a zero-byte draft and still lists the others', async () => {
    const clock = { now: () => new Date() }
    const store = createDraftStore({ dataDir: dir, clock })
    const good = await store.create({ title: '好的稿件' })
    const bad = await store.create({ title: '坏的稿件' })
    await writeFile(join(dir, 'drafts', bad.id, 'draft.json'), '')
    const fresh = createDraftStore({ dataDir: dir, clock })
    const list = await fresh.list('active')
    expect(list.drafts.map((d) => d.id)).toEqual([good.id])
    expect(list.quarantined).toHaveLength(1)
    expect(list.quarantined[0]).toMatchObject({ id: bad.id, reason: 'empty-file', acknowledged: false })
    // Kept, not deleted.
    const record = defined(list.quarantined[0], 'a quarantined draft')
    const kept = await readdir(record.folder)
    expect(kept).toContain('draft.json')
    expect(await readFile(join(record.folder, 'draft.json'), 'utf8')).toBe('')
  })
})

describe('DraftStore life cycle', () => {
  let dir: string
  let clock: ReturnType<typeof steppingClock>
  let store: DraftStore
  const fresh = () => createDraftStore({ dataDir: dir, clock })

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-life-'))
    clock = steppingClock()
    store = createDraftStore({ dataDir: dir, clock, newId: sequentialIds() })
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('creates an empty draft in its own folder, at the clock time', async () => {
    const draft = await store.create({ title: '迎新晚会', column: '学生风采' })
    expect(draft).toEqual({
      schemaVersion: 2,
      id: 'draft-0001',
      title: '迎新晚会',
      column: '学生风采',
      status: 'draft',
      body: null,
      metadata: emptyMetadata(),
      createdAt: '2026-11-02T08:00:00.000Z',
      updatedAt: '2026-11-02T08:00:00.000Z',
      revision: 0,
      signOffs: []
    })
    expect(await readDraftFile(dir, draft.id)).toEqual(draft)
    expect((await stat(store.assetsFolder(draft.id))).isDirectory()).toBe(true)
    expect((await store.create()).title).toBe('')
  })

  it('opens a draft from a fresh store and refuses an unknown id with not-found', async () => {
    const draft = await store.create({ title: '图书馆开放时间调整' })
    await store.save(draft.id, content('图书馆开放时间调整', '自下周一起，图书馆延长开放时间。'))
    const opened = await fresh().open(draft.id)
    expect(opened).toEqual(await readDraftFile(dir, draft.id))
    expect(opened.revision).toBe(1)
    await expect(fresh().open('draft-9999')).rejects.toMatchObject({ name: 'AppError', code: 'not-found' })
  })

  it('raises the revision by one per save and stamps updatedAt from the clock', async () => {
    const draft = await store.create()
    const first = await store.save(draft.id, content('标题一', '第一稿'))
    const firstAt = clock.peek()
    const second = await store.save(draft.id, content('标题二', '第二稿'))
    const secondAt = clock.peek()
    expect(first).toEqual({ id: draft.id, revision: 1, updatedAt: firstAt })
    expect(second).toEqual({ id: draft.id, revision: 2, updatedAt: secondAt })
    expect(secondAt > firstAt).toBe(true)
    const onDisk = await readDraftFile(dir, draft.id)
    expect(onDisk).toMatchObject({ title: '标题二', revision: 2, updatedAt: secondAt, createdAt: draft.createdAt })
    expect(onDisk.body).toEqual(content('', '第二稿').body)
  })

  it('renames a draft without touching its body', async () => {
    const draft = await store.create({ title: '旧标题' })
    await store.save(draft.id, content('旧标题', '正文不变。'))
    const summary = await store.rename(draft.id, '新标题：科技节闭幕')
    expect(summary).toMatchObject({ id: draft.id, title: '新标题：科技节闭幕', excerpt: '正文不变。', updatedAt: clock.peek() })
    const onDisk = await readDraftFile(dir, draft.id)
    expect(onDisk).toMatchObject({ title: '新标题：科技节闭幕', revision: 2 })
    expect(onDisk.body).toEqual(content('', '正文不变。').body)
  })

  it('duplicates a draft with its photos under a new id, back to status draft', async () => {
    const source = await store.create({ title: '合唱比赛' })
    await store.save(source.id, content('合唱比赛', '高二（3）班获得一等奖。'))
    // A draft further along the workflow: the copy must start over as a plain draft.
    const reviewed = { ...(await readDraftFile(dir, source.id)), status: 'awaiting:review' }
    await writeFile(join(dir, 'drafts', source.id, 'draft.json'), JSON.stringify(reviewed))
    await mkdir(join(store.assetsFolder(source.id), 'thumbs'), { recursive: true })
    await writeFile(join(store.assetsFolder(source.id), 'photo-1.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))
    await writeFile(join(store.assetsFolder(source.id), 'thumbs', 'photo-1.webp'), 'thumb')

    const copyStore = createDraftStore({ dataDir: dir, clock, newId: sequentialIds('copy') })
    const copy = await copyStore.duplicate(source.id)
    expect(copy.id).toBe('copy-0001')
    expect(copy).toMatchObject({ title: '合唱比赛', status: 'draft', excerpt: '高二（3）班获得一等奖。', trashedAt: null })
    const copied = await readDraftFile(dir, copy.id)
    expect(copied).toMatchObject({ id: copy.id, revision: 0, status: 'draft', createdAt: clock.peek() })
    expect(await snapshotFiles(copyStore.assetsFolder(copy.id))).toEqual(await snapshotFiles(store.assetsFolder(source.id)))
    expect((await readDraftFile(dir, source.id)).status).toBe('awaiting:review')
    expect((await copyStore.list('active')).drafts.map((d) => d.id).sort()).toEqual([copy.id, source.id].sort())
  })

  it('duplicates a draft while a photo is being written into it: the copy has each whole photo and no half-written one', async () => {
    const source = await store.create({ title: '运动会' })
    await writeFile(join(store.assetsFolder(source.id), 'sha256-aa.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9]))
    // Left by a write that was interrupted, or in flight: a temp file beside the photos.
    await writeFile(join(store.assetsFolder(source.id), 'sha256-bb.jpg.4242.3.tmp'), Buffer.from([0xff, 0xd8]))
    const written = store.withAssets(source.id, (folder) => writeFile(join(folder, 'sha256-cc.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe1])))
    const copy = await store.duplicate(source.id)
    await written
    // The photo written in the queue before the copy is in it, whole.
    expect((await readdir(store.assetsFolder(copy.id))).sort()).toEqual(['sha256-aa.jpg', 'sha256-cc.jpg'])
  })

  it('duplicates a draft that has no assets folder', async () => {
    const source = await store.create({ title: '无图稿件' })
    await rm(store.assetsFolder(source.id), { recursive: true })
    const copy = await store.duplicate(source.id)
    expect(await readdir(store.assetsFolder(copy.id))).toEqual([])
  })

  it('moves a draft to the trash, lists it with trashedAt, restores it and empties the trash', async () => {
    const keep = await store.create({ title: '保留' })
    const gone = await store.create({ title: '要删除的稿件' })
    await store.trash(gone.id)
    const trashedAt = clock.peek()
    expect((await store.list('active')).drafts.map((d) => d.id)).toEqual([keep.id])
    const trash = await fresh().list('trash')
    expect(trash.drafts).toEqual([expect.objectContaining({ id: gone.id, title: '要删除的稿件', trashedAt })])
    await expect(fresh().open(gone.id)).rejects.toMatchObject({ code: 'not-found' })

    await store.restore(gone.id)
    const active = await fresh().list('active')
    expect(active.drafts.map((d) => [d.id, d.trashedAt])).toEqual(
      expect.arrayContaining([
        [gone.id, null],
        [keep.id, null]
      ])
    )
    expect(await readdir(join(dir, 'drafts', gone.id))).not.toContain('trash.json')
    expect((await store.list('trash')).drafts).toEqual([])

    await store.trash(gone.id)
    const other = await store.create({ title: '另一篇' })
    await store.trash(other.id)
    expect(await store.emptyTrash()).toBe(2)
    expect(await readdir(join(dir, 'trash'))).toEqual([])
    expect((await fresh().list('active')).drafts.map((d) => d.id)).toEqual([keep.id])
  })

  it('lists drafts newest edit first with title, column, status, updatedAt and excerpt', async () => {
    const a = await store.create({ title: 'A' })
    const b = await store.create({ title: 'B' })
    const c = await store.create({ title: 'C' })
    await store.save(b.id, { title: '篮球赛', column: '体育', body: body('高一年级篮球赛落下帷幕。') })
    await store.save(a.id, { title: '家长会', column: '通知公告', body: body('本周五下午召开家长会。') })
    const aAt = clock.peek()
    const { drafts, quarantined } = await fresh().list('active')
    expect(quarantined).toEqual([])
    expect(drafts.map((d) => d.id)).toEqual([a.id, b.id, c.id])
    expect(drafts[0]).toEqual({
      id: a.id,
      title: '家长会',
      column: '通知公告',
      status: 'draft',
      excerpt: '本周五下午召开家长会。',
      createdAt: a.createdAt,
      updatedAt: aAt,
      trashedAt: null
    })
  })

  it('ends concurrent saves to one draft with the last content and revision N', async () => {
    const draft = await store.create()
    const N = 25
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) => store.save(draft.id, content(`第${i + 1}稿`, `内容 ${i + 1}`)))
    )
    expect(results.map((r) => r.revision)).toEqual(Array.from({ length: N }, (_, i) => i + 1))
    const reopened = await fresh().open(draft.id)
    expect(reopened).toMatchObject({ title: `第${N}稿`, revision: N })
    expect(reopened.body).toEqual(content('', `内容 ${N}`).body)
    expect((await readdir(join(dir, 'drafts', draft.id))).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('removes a new draft only while it is exactly as created: typed, chosen, copied or with a picture, it stays', async () => {
    const untouched = await store.create({ column: '校园要闻', metadata: { editor: '王老师' } })
    const typed = await store.create()
    await store.save(typed.id, { ...content('', ''), metadata: { ...emptyMetadata(), subtitle: '副标题' } })
    const withPicture = await store.create()
    await writeFile(join(store.assetsFolder(withPicture.id), 'sha256-picture.jpg'), 'jpeg')
    const source = await store.create({ title: '原稿' })
    await store.save(source.id, content('原稿', '正文'))
    const copy = await store.duplicate(source.id)
    await store.rename(copy.id, '')

    expect(await store.discardUntouched(untouched.id)).toBe(true)
    expect(await store.discardUntouched(typed.id)).toBe(false)
    expect(await store.discardUntouched(withPicture.id)).toBe(false)
    expect(await store.discardUntouched(copy.id)).toBe(false)
    const left = (await fresh().list('active')).drafts.map((d) => d.id)
    expect(left).not.toContain(untouched.id)
    expect(left).toEqual(expect.arrayContaining([typed.id, withPicture.id, source.id, copy.id]))
    await expect(readdir(join(dir, 'drafts', untouched.id))).rejects.toThrow()
  })

  it('recreates a draft folder deleted under it rather than lose the text', async () => {
    const draft = await store.create()
    await store.save(draft.id, content('第一稿', '写了一半。'))
    await rm(join(dir, 'drafts', draft.id), { recursive: true })
    const saved = await store.save(draft.id, content('目录被删后再保存', '文字没有丢。'))
    expect(saved.revision).toBe(2)
    expect((await readDraftFile(dir, draft.id)).title).toBe('目录被删后再保存')
    await expect(fresh().save('draft-0404', content('x'))).rejects.toMatchObject({ code: 'not-found' })
  })

  it('removes temp files left by a crash when the draft is opened', async () => {
    const draft = await store.create()
    const folder = join(dir, 'drafts', draft.id)
    await writeFile(join(folder, 'draft.json.4242.7.tmp'), '{"half')
    await fresh().open(draft.id)
    expect((await readdir(folder)).sort()).toEqual(['assets', 'draft.json'])
  })
})

describe('DraftStore list index', () => {
  let dir: string
  const clock = steppingClock()
  const fresh = () => createDraftStore({ dataDir: dir, clock })
  const indexPath = () => join(dir, 'index.json')

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-index-'))
    const store = fresh()
    for (const title of ['运动会', '科技节', '艺术节']) {
      const d = await store.create()
      await store.save(d.id, content(title, `${title}的报道正文。`))
    }
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  const titles = async (store = fresh()) => (await store.list('active')).drafts.map((d) => d.title).sort()

  it('writes an index on the first list and gives the same list without it', async () => {
    const expected = ['科技节', '艺术节', '运动会'].sort()
    expect(await titles()).toEqual(expected)
    const index = JSON.parse(await readFile(indexPath(), 'utf8')) as { entries: Record<string, unknown> }
    expect(Object.keys(index.entries)).toHaveLength(3)
    await rm(indexPath())
    expect(await titles()).toEqual(expected)
  })

  it.each([
    ['garbage', '{"version":1,"entr'],
    ['an empty file', ''],
    ['the wrong shape', JSON.stringify({ version: 1, entries: { x: { mtimeMs: 'yesterday' } } })],
    ['a newer version', JSON.stringify({ version: 99, entries: {} })]
  ])('rebuilds a damaged index (%s)', async (_label, text) => {
    const expected = await titles()
    await writeFile(indexPath(), text)
    const list = await fresh().list('active')
    expect(list.drafts.map((d) => d.title).sort()).toEqual(expected)
    expect(list.quarantined).toEqual([])
    const rebuilt = JSON.parse(await readFile(indexPath(), 'utf8')) as { version: number; entries: Record<string, unknown> }
    expect(rebuilt.version).toBe(1)
    expect(Object.keys(rebuilt.entries)).toHaveLength(3)
  })

  it('picks up a draft.json changed behind its back, in the same store and in a fresh one', async () => {
    const store = fresh()
    const before = (await store.list('active')).drafts
    const target = defined(before.find((d) => d.title === '科技节'))
    const file = join(dir, 'drafts', target.id, 'draft.json')
    const draft = DraftSchema.parse(JSON.parse(await readFile(file, 'utf8')))
    await writeFile(file, JSON.stringify({ ...draft, title: '科技节（同步盘改过）', status: 'awaiting:review' }))
    const after = (await store.list('active')).drafts.find((d) => d.id === target.id)
    expect(after).toMatchObject({ title: '科技节（同步盘改过）', status: 'awaiting:review' })
    expect((await fresh().list('active')).drafts.find((d) => d.id === target.id)?.title).toBe('科技节（同步盘改过）')
  })

  it('trusts an index entry only while the file keeps its mtime and size', async () => {
    await titles()
    const index = JSON.parse(await readFile(indexPath(), 'utf8')) as {
      version: number
      entries: Record<string, { mtimeMs: number; size: number; summary: { title: string } }>
    }
    const [id, entry] = defined(Object.entries(index.entries)[0])
    entry.summary.title = '索引里的标题'
    await writeFile(indexPath(), JSON.stringify(index))
    // Same stat: the index answers without reading the file.
    expect((await fresh().list('active')).drafts.find((d) => d.id === id)?.title).toBe('索引里的标题')
    entry.mtimeMs -= 1
    await writeFile(indexPath(), JSON.stringify(index))
    expect((await fresh().list('active')).drafts.find((d) => d.id === id)?.title).not.toBe('索引里的标题')
  })

  it('paints the stored list at start without checking each file, and checks when the folders differ', async () => {
    await titles()
    const index = JSON.parse(await readFile(indexPath(), 'utf8')) as { entries: Record<string, { summary: { title: string } }> }
    const [id, entry] = defined(Object.entries(index.entries)[0])
    entry.summary.title = '索引里的标题'
    await writeFile(indexPath(), JSON.stringify(index))
    // Changed behind its back with the same folders: the stored list says what the summaries say, the checked one what the file says.
    await writeFile(join(dir, 'drafts', id, 'draft.json'), await readFile(join(dir, 'drafts', id, 'draft.json')))
    expect((await fresh().list('active', { stored: true })).drafts.find((d) => d.id === id)?.title).toBe('索引里的标题')
    expect((await fresh().list('active')).drafts.find((d) => d.id === id)?.title).not.toBe('索引里的标题')
    // A draft folder the summaries do not name: the stored list is not trusted.
    const added = await fresh().create({ title: '新来的' })
    await rm(indexPath())
    await titles()
    const later = JSON.parse(await readFile(indexPath(), 'utf8')) as { entries: Record<string, unknown> }
    const entries = Object.fromEntries(Object.entries(later.entries).filter(([key]) => key !== added.id))
    await writeFile(indexPath(), JSON.stringify({ ...later, entries }))
    expect((await fresh().list('active', { stored: true })).drafts.map((d) => d.title)).toContain('新来的')
    expect((await fresh().list('active', { stored: true, first: 2 })).drafts).toHaveLength(2)
  })

  it('forgets drafts that disappeared and ignores stray files beside the draft folders', async () => {
    const store = fresh()
    const first = defined((await store.list('active')).drafts[0])
    await rm(join(dir, 'drafts', first.id), { recursive: true })
    await writeFile(join(dir, 'drafts', 'readme.txt'), '别放这里')
    const list = await store.list('active')
    expect(list.drafts).toHaveLength(2)
    expect(list.quarantined).toEqual([])
    const index = JSON.parse(await readFile(indexPath(), 'utf8')) as { entries: Record<string, unknown> }
    expect(Object.keys(index.entries)).not.toContain(first.id)
    expect(await readFile(join(dir, 'drafts', 'readme.txt'), 'utf8')).toBe('别放这里')
  })

  it('leaves out a draft that disappears while the list runs, without calling it damaged', async () => {
    const [first] = await readdir(join(dir, 'drafts'))
    const folder = join(dir, 'drafts', defined(first))
    // Another window moves the draft to the trash between the folder listing and the read.
    const racingFs: ServiceFs = {
      ...nodeServiceFs,
      stat: (async (path: string) => {
        if (path.startsWith(folder)) await rm(folder, { recursive: true, force: true })
        return nodeServiceFs.stat(path)
      }) as ServiceFs['stat']
    }
    const list = await createDraftStore({ dataDir: dir, clock, fs: racingFs }).list('active')
    expect(list.drafts).toHaveLength(2)
    expect(list.quarantined).toEqual([])
  })

  it('reports a failed write as an AppError, never a raw Node error', async () => {
    const store = fresh()
    await rm(join(dir, 'drafts'), { recursive: true })
    await writeFile(join(dir, 'drafts'), 'not a folder')
    const error: unknown = await store.create().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
  })
})

describe('DraftStore and article metadata', () => {
  it('keeps the stored metadata when a save leaves it out, replaces it when a save carries it, and loads old files without it', async () => {
    const { mkdtemp, rm, readFile, writeFile } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dir = await mkdtemp(join(tmpdir(), 'newsroom-meta-'))
    try {
      const store = createDraftStore({ dataDir: dir, clock: { now: () => new Date() } })
      const draft = await store.create({ title: '运动会' })
      const metadata = { ...emptyMetadata(), sourceDepartment: '体育部', authors: ['张三'], reviewer: '王五' }
      await store.save(draft.id, { title: '运动会', column: '', body: null, metadata })
      await store.save(draft.id, { title: '秋季运动会', column: '', body: null })
      const reopened = await createDraftStore({ dataDir: dir, clock: { now: () => new Date() } }).open(draft.id)
      expect(reopened.title).toBe('秋季运动会')
      expect(reopened.metadata).toMatchObject({ sourceDepartment: '体育部', authors: ['张三'], reviewer: '王五' })

      // A draft.json from before metadata existed.
      const file = join(dir, 'drafts', draft.id, 'draft.json')
      const { metadata: _dropped, ...old } = JSON.parse(await readFile(file, 'utf8'))
      await writeFile(file, JSON.stringify(old))
      const legacy = await createDraftStore({ dataDir: dir, clock: { now: () => new Date() } }).open(draft.id)
      expect(legacy.metadata).toEqual(emptyMetadata())
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
