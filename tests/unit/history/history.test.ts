import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHistoryStore, HISTORY_FOLDER } from '../../../src/main/services/history/historyStore'
import { emptyMetadata } from '../../../src/shared/model/metadata'
import type { DraftContent } from '../../../src/shared/model/draft'
import type { SignedContent } from '../../../src/shared/model/workflow'
import { defined, makeTempDir } from '../../support/draftFixtures'
import { article, openOffice, type Office } from '../workflow/fixtures'

const version = (title: string, ...texts: string[]): DraftContent => ({ title, column: '校园动态', body: article(...texts) })

describe('history of a draft', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let office: Office

  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-history-'))
    office = openOffice(dir, { settings: { historyIntervalMinutes: 10 } })
  })
  afterEach(async () => {
    await cleanup()
  })

  it('keeps a version at the first save and then when the last one is older than the interval', async () => {
    const { store, workflow, clock } = office
    const draft = await store.create()
    const saveAt = async (minute: number, text: string) => {
      clock.advance(minute * 60_000)
      return workflow.save(draft.id, version('运动会', text))
    }
    await saveAt(0, '一') // first save: a version
    await saveAt(4, '一二') // 4 min later: none
    await saveAt(5, '一二三') // 9 min after the version: none
    await saveAt(1, '一二三四') // 10 min: a version
    await saveAt(3, '一二三四五') // none
    const listed = await workflow.historyList(draft.id)
    expect(listed.map((v) => [v.reason, v.revision, v.at])).toEqual([
      ['interval', 4, '2026-11-02T08:10:00.000Z'],
      ['interval', 1, '2026-11-02T08:00:00.000Z']
    ])
    expect(listed[0]).toMatchObject({ title: '运动会', wordCount: 4, actor: '张编辑' })
    // Another interval setting takes effect at the next save.
    office.settings.historyIntervalMinutes = 1
    await saveAt(1, '一二三四五六')
    expect(await workflow.historyList(draft.id)).toHaveLength(3)
  })

  it('keeps the signed content at each sign-off and can show and diff it', async () => {
    const { store, workflow, clock } = office
    const draft = await store.create()
    await workflow.save(draft.id, version('校运会', '第一段。', '第二段。'))
    clock.minutes(1)
    const submitted = await workflow.step(draft.id, { action: 'submit', name: '张编辑' })
    clock.minutes(1)
    await workflow.save(draft.id, version('校运会开幕', '第一段。', '第二段，改过。'))
    const stored = await workflow.historyGet(draft.id, defined(submitted.signOff.versionId, 'the sign-off version'))
    expect(stored).toMatchObject({ reason: 'signoff', signOffId: submitted.signOff.id, actor: '张编辑', content: { title: '校运会' } })
    const diff = await workflow.historyDiff(draft.id, stored.id, 'current')
    expect(diff.from).toMatchObject({ kind: 'version', versionId: stored.id })
    expect(diff.to).toMatchObject({ kind: 'current', versionId: null })
    expect(diff.fields).toEqual([{ field: 'title', before: '校运会', after: '校运会开幕' }])
    expect(diff.paragraphs.map((p) => p.kind)).toEqual(['same', 'changed'])
    expect((await workflow.historyDiff(draft.id, 'current', 'current')).identical).toBe(true)
  })

  it('restores an old version as a new revision, keeping the current one first and deleting nothing', async () => {
    const { store, workflow, clock } = office
    const draft = await store.create()
    await workflow.save(draft.id, version('初稿标题', '初稿正文。'))
    const [first] = await workflow.historyList(draft.id)
    clock.minutes(30)
    const later = await workflow.save(draft.id, version('改后的标题', '改后的正文。'))
    const countBefore = (await workflow.historyList(draft.id)).length

    clock.minutes(1)
    const restored = await workflow.restoreVersion(draft.id, defined(first, 'the first version').id)
    expect(restored.draft.revision).toBe(later.revision + 1)
    expect(restored.draft.title).toBe('初稿标题')
    expect(restored.draft.body).toEqual(article('初稿正文。'))

    const fresh = office.restart()
    expect((await fresh.store.open(draft.id)).title).toBe('初稿标题')
    const versions = await fresh.workflow.historyList(draft.id)
    expect(versions).toHaveLength(countBefore + 1)
    expect(versions[0]).toMatchObject({ id: restored.beforeVersionId, reason: 'before-restore', title: '改后的标题', revision: later.revision })
    expect((await fresh.workflow.auditList(draft.id)).at(-1)).toMatchObject({
      action: 'restore-version',
      actor: '张编辑',
      details: { versionId: first?.id, beforeVersionId: restored.beforeVersionId, revision: restored.draft.revision }
    })
  })

  it('restoring over an approved draft is an edit: the approval drops', async () => {
    const { store, workflow, clock } = office
    const draft = await store.create()
    await workflow.save(draft.id, version('旧标题', '旧正文。'))
    const [old] = await workflow.historyList(draft.id)
    clock.minutes(1)
    await workflow.save(draft.id, version('新标题', '新正文。'))
    await workflow.step(draft.id, { action: 'submit', name: '张编辑' })
    await workflow.step(draft.id, { action: 'sign', stepId: 'proofread', name: '李校对' })
    await workflow.step(draft.id, { action: 'sign', stepId: 'review', name: '王主任' })
    const restored = await workflow.restoreVersion(draft.id, defined(old, 'the old version').id)
    expect(restored).toMatchObject({ statusChanged: true, draft: { status: 'awaiting:proofread' } })
  })

  it('a manual version, unknown and malformed version ids', async () => {
    const { store, workflow } = office
    const draft = await store.create()
    await workflow.save(draft.id, version('标题', '正文。'))
    const manual = await workflow.snapshot(draft.id)
    expect(manual).toMatchObject({ reason: 'manual', title: '标题', wordCount: 2 })
    await expect(workflow.historyGet(draft.id, '20261102T080000000Z-r9-interval')).rejects.toMatchObject({ code: 'not-found' })
    await expect(workflow.historyGet(draft.id, '../../draft')).rejects.toMatchObject({ code: 'invalid-request' })
    await expect(workflow.restoreVersion(draft.id, '20261102T080000000Z-r9-interval')).rejects.toMatchObject({ code: 'not-found' })
  })

  it('leaves a damaged version file out of the list instead of failing', async () => {
    const { store, workflow } = office
    const draft = await store.create()
    await workflow.save(draft.id, version('标题', '正文。'))
    await writeFile(join(store.draftFolder(draft.id), HISTORY_FOLDER, '20261102T090000000Z-r5-interval.json'), '{"at":')
    expect((await workflow.historyList(draft.id)).map((v) => v.revision)).toEqual([1])
    await expect(workflow.historyGet(draft.id, '20261102T090000000Z-r5-interval')).rejects.toMatchObject({ code: 'corrupt-file' })
  })
})

describe('thinning interval versions', () => {
  it('keeps at most the cap, the first and the newest, spreads the rest, and never touches sign-off versions', async () => {
    const { dir, cleanup } = await makeTempDir('newsroom-thin-')
    try {
      const history = createHistoryStore({ intervalVersionsMax: 5 })
      const content: SignedContent = { title: '标题', column: '', body: null, metadata: emptyMetadata() }
      const start = Date.parse('2026-11-02T08:00:00.000Z')
      // Ten minutes apart for the first hour, then one minute apart.
      const minutes = [0, 10, 20, 30, 40, 50, 60, 61, 62, 63, 64, 65]
      for (const [i, minute] of minutes.entries()) {
        await history.snapshot(dir, { at: new Date(start + minute * 60_000).toISOString(), reason: 'interval', revision: i + 1, actor: '', content })
        if (i === 3) await history.snapshot(dir, { at: new Date(start + minute * 60_000 + 1).toISOString(), reason: 'signoff', revision: i + 1, actor: '李校对', content })
      }
      expect(await history.thin(dir)).toBe(minutes.length - 5)
      const left = await history.list(dir)
      const interval = left.filter((v) => v.reason === 'interval').map((v) => v.revision)
      expect(interval).toHaveLength(5)
      expect(interval[0]).toBe(1)
      expect(interval.at(-1)).toBe(minutes.length)
      // The crowded last minutes lost more than the spread-out first hour.
      expect(interval.filter((r) => r <= 7).length).toBeGreaterThanOrEqual(2)
      expect(left.filter((v) => v.reason === 'signoff')).toHaveLength(1)
      expect((await readdir(join(dir, HISTORY_FOLDER))).filter((name) => name.endsWith('.tmp'))).toEqual([])
    } finally {
      await cleanup()
    }
  })
})
