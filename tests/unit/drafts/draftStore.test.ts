import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDraftStore } from '../../../src/main/services/drafts/draftStore'

const body = (text: string) => ({
  root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text }] }] }
})

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
    const kept = await readdir(list.quarantined[0]!.folder)
    expect(kept).toContain('draft.json')
    expect(await readFile(join(list.quarantined[0]!.folder, 'draft.json'), 'utf8')).toBe('')
  })
})
