import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import { emptyMetadata, type ArticleMetadata } from '../../../src/shared/model/metadata'
import { DraftSchema, type DraftContent } from '../../../src/shared/model/draft'
import { contentHash } from '../../../src/main/services/workflow/contentHash'
import { createFaultyFs } from '../../support/faultyFs'
import { defined, makeTempDir } from '../../support/draftFixtures'
import { article, openOffice, type Office } from './fixtures'

const metadata = (patch: Partial<ArticleMetadata>): ArticleMetadata => ({ ...emptyMetadata(), ...patch })

const FIRST: DraftContent = {
  title: '我校举行2026年秋季运动会',
  column: '校园动态',
  body: article('10月30日上午，我校第二十届秋季田径运动会在东校区体育场隆重开幕。', '校长出席开幕式并致辞。', '本届运动会共有1200名运动员参赛。'),
  metadata: metadata({ sourceDepartment: '体育部', authors: ['刘晓'], photographers: ['陈晨'] })
}

describe('the 三审三校 round', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let office: Office

  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-workflow-'))
    office = openOffice(dir)
  })
  afterEach(async () => {
    await cleanup()
  })

  it('write → submit → proofread → review → edit drops the approval → diff → re-approve → publish', async () => {
    const { store, workflow, clock } = office
    const draft = await store.create()
    await workflow.recordCreated(draft.id)
    clock.minutes(1)
    const saved = await workflow.save(draft.id, FIRST)
    expect(saved).toMatchObject({ status: 'draft', statusChanged: false, invalidated: [] })

    clock.minutes(1)
    const submitted = await workflow.step(draft.id, { action: 'submit', name: '张编辑', revision: saved.revision })
    expect(submitted.draft.status).toBe('awaiting:proofread')
    expect(submitted.signOff).toMatchObject({ action: 'submit', name: '张编辑', from: 'draft', to: 'awaiting:proofread' })

    clock.minutes(5)
    const proofread = await workflow.step(draft.id, { action: 'sign', stepId: 'proofread', name: '李校对', comment: '已核对人名和数字' })
    expect(proofread.draft.status).toBe('awaiting:review')
    expect(proofread.signOff).toMatchObject({
      action: 'sign',
      stepId: 'proofread',
      name: '李校对',
      comment: '已核对人名和数字',
      at: '2026-11-02T08:07:00.000Z',
      from: 'awaiting:proofread',
      to: 'awaiting:review',
      invalidatedAt: null
    })
    expect(proofread.signOff.contentHash).toMatch(/^[0-9a-f]{64}$/)
    // The signer's name lands in the credit line's field without changing what was signed.
    expect(proofread.draft.metadata.proofreader).toBe('李校对')
    expect(contentHash(proofread.draft)).toBe(proofread.signOff.contentHash)

    clock.minutes(5)
    const reviewed = await workflow.step(draft.id, { action: 'sign', stepId: 'review', name: '王主任', comment: '同意发布' })
    expect(reviewed.draft.status).toBe('approved')
    expect(reviewed.draft.metadata.reviewer).toBe('王主任')
    expect(reviewed.state.progress[0]?.signOff?.id).toBe(proofread.signOff.id)
    expect(reviewed.state.progress[1]?.signOff?.id).toBe(reviewed.signOff.id)
    expect(reviewed.state.allowedActions).toEqual(['publish'])
    expect(reviewed.state.publishWithoutApproval).toBe(false)
    // The review did not invalidate the proofread sign-off although it wrote 审核: 王主任.
    expect(reviewed.state.signOffs.map((s) => s.valid)).toEqual([true, true, true])

    // The renderer saves the same content again (an autosave with no change): nothing is invalidated.
    clock.minutes(1)
    const unchanged = await workflow.save(draft.id, { ...FIRST, metadata: reviewed.draft.metadata })
    expect(unchanged).toMatchObject({ status: 'approved', statusChanged: false })

    // An edit after the approval: one paragraph and the source department.
    clock.minutes(1)
    const edited = await workflow.save(draft.id, {
      ...FIRST,
      body: article('10月30日上午，我校第二十届秋季田径运动会在西校区体育场隆重开幕。', '校长出席开幕式并致辞。', '本届运动会共有1200名运动员参赛。'),
      metadata: { ...reviewed.draft.metadata, sourceDepartment: '体育教学部' }
    })
    expect(edited).toMatchObject({ status: 'awaiting:proofread', statusChanged: true })
    expect(edited.invalidated).toEqual([proofread.signOff.id, reviewed.signOff.id])

    const state = await workflow.state(draft.id)
    expect(state.status).toBe('awaiting:proofread')
    expect(state.progress[0]?.signOff).toBeNull()
    expect(state.progress[1]?.signOff).toBeNull()
    expect(state.signOffs.map((s) => [s.stepId, s.valid])).toEqual([
      ['submit', true],
      ['proofread', false],
      ['review', false]
    ])
    expect(state.signOffs[2]?.invalidatedRevision).toBe(edited.revision)
    await expect(workflow.step(draft.id, { action: 'publish', name: '张编辑' })).rejects.toMatchObject({ code: 'approval-required' })

    const changes = defined(await workflow.changesSinceApproval(draft.id), 'the approval diff')
    expect(changes.signOff.id).toBe(reviewed.signOff.id)
    expect(changes.valid).toBe(false)
    const diff = defined(changes.diff, 'the diff')
    expect(diff.identical).toBe(false)
    expect(diff.fields).toEqual([{ field: 'sourceDepartment', before: '体育部', after: '体育教学部' }])
    expect(diff.paragraphs.map((p) => p.kind)).toEqual(['changed', 'same', 'same'])
    const changed = defined(diff.paragraphs[0], 'the changed paragraph')
    expect(changed.parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual(['东'])
    expect(changed.parts.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual(['西'])

    // Re-approve on the new content and publish.
    clock.minutes(2)
    await workflow.step(draft.id, { action: 'sign', stepId: 'proofread', name: '李校对' })
    clock.minutes(2)
    const again = await workflow.step(draft.id, { action: 'sign', stepId: 'review', name: '王主任' })
    expect(again.state.publishWithoutApproval).toBe(false)
    const approval = defined(await workflow.changesSinceApproval(draft.id), 'the new approval')
    expect(approval.valid).toBe(true)
    expect(approval.diff?.identical).toBe(true)
    clock.minutes(1)
    const published = await workflow.step(draft.id, { action: 'publish', name: '张编辑' })
    expect(published.draft.status).toBe('published')
    expect(published.signOff).toMatchObject({ action: 'publish', withoutApproval: false })
    expect(published.state.allowedActions).toEqual([])

    // Everything survives a restart: status, sign-offs and their validity, the log.
    const after = office.restart()
    const reopened = await after.store.open(draft.id)
    expect(reopened.status).toBe('published')
    expect(reopened.signOffs.map((s) => [s.stepId, s.name, s.invalidatedAt === null])).toEqual([
      ['submit', '张编辑', true],
      ['proofread', '李校对', false],
      ['review', '王主任', false],
      ['proofread', '李校对', true],
      ['review', '王主任', true],
      ['publish', '张编辑', true]
    ])
    await after.workflow.flush()
    const log = await after.workflow.auditList(draft.id)
    expect(log.map((e) => e.action)).toEqual(['create', 'save', 'submit', 'signoff', 'signoff', 'save', 'invalidate', 'signoff', 'signoff', 'publish'])
    expect(log.find((e) => e.action === 'invalidate')).toMatchObject({
      actor: '张编辑',
      details: { from: 'approved', to: 'awaiting:proofread', signOffIds: [proofread.signOff.id, reviewed.signOff.id] }
    })
    expect(log.filter((e) => e.action === 'signoff').map((e) => e.actor)).toEqual(['李校对', '王主任', '李校对', '王主任'])

    // A sign-off version was kept for each of the six steps, plus interval versions of the saves.
    const versions = await after.workflow.historyList(draft.id)
    expect(versions.filter((v) => v.reason === 'signoff')).toHaveLength(6)
    expect(reopened.signOffs.every((s) => versions.some((v) => v.id === s.versionId && v.signOffId === s.id))).toBe(true)
  })

  it('an edit in review drops the draft back to proofreading; an edit in proofreading keeps it there', async () => {
    const { store, workflow } = office
    const draft = await store.create()
    await workflow.save(draft.id, FIRST)
    await workflow.step(draft.id, { action: 'submit', name: '张编辑' })
    // The proofreader corrects a typo before signing: still waiting for proofreading.
    const corrected = await workflow.save(draft.id, { ...FIRST, title: '我校举行2026年秋季田径运动会' })
    expect(corrected).toMatchObject({ status: 'awaiting:proofread', statusChanged: false })
    await workflow.step(draft.id, { action: 'sign', stepId: 'proofread', name: '李校对' })
    const inReview = await workflow.save(draft.id, { ...FIRST, title: '我校隆重举行2026年秋季田径运动会' })
    expect(inReview).toMatchObject({ status: 'awaiting:proofread', statusChanged: true })
    // A rename is an edit too.
    await workflow.step(draft.id, { action: 'sign', stepId: 'proofread', name: '李校对' })
    const renamed = await workflow.rename(draft.id, '秋季运动会开幕')
    expect(renamed.statusChanged).toBe(true)
    expect(renamed.summary).toMatchObject({ status: 'awaiting:proofread', title: '秋季运动会开幕' })
  })

  it('returns with a reason from proofreading and from review, then the draft can be edited and resubmitted', async () => {
    const { store, workflow } = office
    const draft = await store.create()
    await workflow.save(draft.id, FIRST)
    await workflow.step(draft.id, { action: 'submit', name: '张编辑' })

    await expect(workflow.step(draft.id, { action: 'return', name: '李校对', comment: '  ' })).rejects.toMatchObject({ code: 'reason-required' })
    const fromProofreading = await workflow.step(draft.id, { action: 'return', name: '李校对', comment: '数字需要核实' })
    expect(fromProofreading.draft.status).toBe('returned')
    expect(fromProofreading.signOff).toMatchObject({ stepId: 'proofread', from: 'awaiting:proofread', to: 'returned', comment: '数字需要核实' })
    expect(fromProofreading.state.allowedActions).toEqual(['submit'])

    // Returned behaves as a draft: edits keep it returned, and it can be submitted again.
    expect(await workflow.save(draft.id, { ...FIRST, title: '改过的标题' })).toMatchObject({ status: 'returned', statusChanged: false })
    await workflow.step(draft.id, { action: 'submit', name: '张编辑' })
    await workflow.step(draft.id, { action: 'sign', stepId: 'proofread', name: '李校对' })
    const fromReview = await workflow.step(draft.id, { action: 'return', name: '王主任', comment: '导语太长' })
    expect(fromReview.signOff).toMatchObject({ stepId: 'review', from: 'awaiting:review', to: 'returned' })
    // The returned round's proofread no longer counts for the next round.
    await workflow.step(draft.id, { action: 'submit', name: '张编辑' })
    await expect(workflow.step(draft.id, { action: 'sign', stepId: 'review', name: '王主任' })).rejects.toMatchObject({ code: 'workflow-conflict' })
    const log = await workflow.auditList(draft.id)
    expect(log.filter((e) => e.action === 'return').map((e) => e.details.comment)).toEqual(['数字需要核实', '导语太长'])
  })

  it('refuses steps that do not fit the status, nameless sign-offs and stale revisions, changing nothing', async () => {
    const { store, workflow } = office
    const draft = await store.create()
    const saved = await workflow.save(draft.id, FIRST)
    const refuse = async (request: Parameters<typeof workflow.step>[1], code: string) => {
      const error: unknown = await workflow.step(draft.id, request).then(
        () => null,
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(AppError)
      expect(error).toMatchObject({ code })
    }
    await refuse({ action: 'sign', stepId: 'proofread', name: '李校对' }, 'workflow-conflict')
    await refuse({ action: 'sign', stepId: 'review', name: '王主任' }, 'workflow-conflict')
    await refuse({ action: 'return', name: '李校对', comment: '不行' }, 'workflow-conflict')
    await refuse({ action: 'publish', name: '张编辑' }, 'approval-required')
    await refuse({ action: 'submit', name: '   ' }, 'signer-required')
    await refuse({ action: 'submit', name: '张编辑', revision: saved.revision - 1 }, 'workflow-conflict')
    await workflow.step(draft.id, { action: 'submit', name: '张编辑' })
    await refuse({ action: 'submit', name: '张编辑' }, 'workflow-conflict')
    await refuse({ action: 'sign', stepId: 'review', name: '王主任' }, 'workflow-conflict')
    await workflow.step(draft.id, { action: 'sign', stepId: 'proofread', name: '李校对' })
    await refuse({ action: 'sign', stepId: 'proofread', name: '李校对' }, 'workflow-conflict')
    await workflow.step(draft.id, { action: 'sign', stepId: 'review', name: '王主任' })
    await workflow.step(draft.id, { action: 'publish', name: '张编辑' })
    await refuse({ action: 'publish', name: '张编辑' }, 'workflow-conflict')

    const reopened = await office.restart().store.open(draft.id)
    expect(reopened.status).toBe('published')
    expect(reopened.signOffs.map((s) => s.stepId)).toEqual(['submit', 'proofread', 'review', 'publish'])
  })

  it('with the approval gate off, publishing a plain draft is allowed and recorded as without approval', async () => {
    office.settings.requireApproval = false
    const { store, workflow } = office
    const draft = await store.create()
    await workflow.save(draft.id, FIRST)
    const state = await workflow.state(draft.id)
    expect(state.allowedActions).toEqual(['submit', 'publish'])
    expect(state.publishWithoutApproval).toBe(true)
    const published = await workflow.step(draft.id, { action: 'publish', name: '赵老师', comment: '紧急通知' })
    expect(published.draft.status).toBe('published')
    expect(published.signOff).toMatchObject({ action: 'publish', name: '赵老师', from: 'draft', withoutApproval: true })
    const log = await workflow.auditList(draft.id)
    expect(log.at(-1)).toMatchObject({ action: 'publish', actor: '赵老师', details: { withoutApproval: true, from: 'draft' } })
    // Edited after publishing without approval: back to a draft.
    expect(await workflow.save(draft.id, { ...FIRST, title: '更正' })).toMatchObject({ status: 'draft', statusChanged: true })
  })

  it('a full disk during a sign-off: a clear error, the status unchanged, no version, no log line', async () => {
    const faulty = createFaultyFs()
    office = openOffice(dir, { fs: faulty })
    const { store, workflow } = office
    const draft = await store.create()
    await workflow.save(draft.id, FIRST)
    await workflow.step(draft.id, { action: 'submit', name: '张编辑' })
    const folder = store.draftFolder(draft.id)
    const auditBefore = await readFile(join(folder, 'audit.jsonl'), 'utf8')
    const versionsBefore = (await readdir(join(folder, 'history'))).sort()
    const draftBefore = await readFile(join(folder, 'draft.json'), 'utf8')

    // Everything full: the version cannot even be written.
    faulty.fail('disk-full')
    await expect(workflow.step(draft.id, { action: 'sign', stepId: 'proofread', name: '李校对' })).rejects.toMatchObject({ name: 'AppError', code: 'disk-full' })
    // Only draft.json fails: the version and the log line were written first and are taken back.
    faulty.fail('disk-full', { only: (path) => path.includes('draft.json') })
    await expect(workflow.step(draft.id, { action: 'sign', stepId: 'proofread', name: '李校对' })).rejects.toMatchObject({ code: 'disk-full' })
    faulty.heal()

    expect(await readFile(join(folder, 'draft.json'), 'utf8')).toBe(draftBefore)
    expect(await readFile(join(folder, 'audit.jsonl'), 'utf8')).toBe(auditBefore)
    expect((await readdir(join(folder, 'history'))).sort()).toEqual(versionsBefore)
    const fresh = office.restart()
    expect((await fresh.store.open(draft.id)).status).toBe('awaiting:proofread')
    // Space freed: the same sign-off goes through.
    const signed = await fresh.workflow.step(draft.id, { action: 'sign', stepId: 'proofread', name: '李校对' })
    expect(signed.draft.status).toBe('awaiting:review')
  })

  it('a duplicate is a new draft: no sign-offs, no history, its own log saying where it came from', async () => {
    const { store, workflow } = office
    const draft = await store.create()
    await workflow.save(draft.id, FIRST)
    await workflow.step(draft.id, { action: 'submit', name: '张编辑' })
    await workflow.step(draft.id, { action: 'sign', stepId: 'proofread', name: '李校对' })
    const copy = await store.duplicate(draft.id)
    await workflow.recordDuplicated(copy.id, draft.id)
    const opened = await store.open(copy.id)
    expect(opened.status).toBe('draft')
    expect(opened.signOffs).toEqual([])
    expect(DraftSchema.parse(JSON.parse(await readFile(join(store.draftFolder(copy.id), 'draft.json'), 'utf8'))).signOffs).toEqual([])
    expect(await workflow.historyList(copy.id)).toEqual([])
    expect(await workflow.auditList(copy.id)).toMatchObject([{ action: 'duplicate', details: { from: draft.id } }])
    expect((await workflow.auditList(draft.id)).at(-1)).toMatchObject({ action: 'duplicate', details: { to: copy.id } })
  })

  it('trash and restore keep the sign-offs, the log and the history with the draft', async () => {
    const { store, workflow } = office
    const draft = await store.create()
    await workflow.save(draft.id, FIRST)
    await workflow.step(draft.id, { action: 'submit', name: '张编辑' })
    await workflow.recordTrashed(draft.id)
    await store.trash(draft.id)
    await store.restore(draft.id)
    await workflow.recordRestored(draft.id)
    expect((await store.open(draft.id)).signOffs).toHaveLength(1)
    expect((await workflow.auditList(draft.id)).map((e) => e.action)).toEqual(['save', 'submit', 'trash', 'restore'])
    expect((await workflow.historyList(draft.id)).length).toBeGreaterThanOrEqual(2)
  })

  it('a status no sign-off supports (a hand-edited file) cannot publish and falls back at the next edit', async () => {
    const draft = await office.store.create()
    const file = join(office.store.draftFolder(draft.id), 'draft.json')
    await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), status: 'approved' }))
    const fresh = office.restart()
    expect(await fresh.workflow.state(draft.id)).toMatchObject({ status: 'approved', allowedActions: [] })
    await expect(fresh.workflow.step(draft.id, { action: 'publish', name: '张编辑' })).rejects.toMatchObject({ code: 'approval-required' })
    expect(await fresh.workflow.save(draft.id, FIRST)).toMatchObject({ status: 'draft', statusChanged: true, invalidated: [] })
    expect((await fresh.workflow.auditList(draft.id)).at(-1)).toMatchObject({ action: 'invalidate', details: { from: 'approved', to: 'draft' } })
  })

  it('loads a draft written before the workflow existed (no signOffs field)', async () => {
    const draft = await office.store.create()
    const file = join(office.store.draftFolder(draft.id), 'draft.json')
    const old = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
    delete old.signOffs
    await writeFile(file, JSON.stringify(old))
    const fresh = office.restart()
    expect((await fresh.store.open(draft.id)).signOffs).toEqual([])
    expect((await fresh.workflow.state(draft.id)).allowedActions).toEqual(['submit'])
  })
})
