import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrateDraftRecord } from '../../../src/shared/model/draftMigration'
import { DRAFT_SCHEMA_VERSION } from '../../../src/shared/model/draft'
import { makeTempDir } from '../../support/draftFixtures'
import { article, openOffice, type Office } from './fixtures'

/**
 * Drafts written by the app before the office chain (schema 1), as tests/fixtures/workflow-v1 holds them:
 * generated with that app's own workflow service, not written by hand.
 */
const FIXTURES = join(__dirname, '../../fixtures/workflow-v1')
const fixture = async (name: string) => JSON.parse(await readFile(join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, unknown>

describe('migration of drafts and sign-offs written by the fixed-chain app', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let office: Office

  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-migration-'))
    for (const name of ['approved', 'review', 'returned', 'invalidated', 'published']) {
      const draft = await fixture(name)
      await mkdir(join(dir, 'drafts', String(draft.id)), { recursive: true })
      await writeFile(join(dir, 'drafts', String(draft.id), 'draft.json'), JSON.stringify(draft))
    }
    office = openOffice(dir)
  })
  afterEach(async () => {
    await cleanup()
  })

  it('maps statuses and sign-offs onto the standard chain (校对 → 审核), keeping every recorded fact', async () => {
    const raw = await fixture('approved')
    const migrated = migrateDraftRecord(raw) as { schemaVersion: number; status: string; signOffs: Record<string, unknown>[] }
    expect(migrated.schemaVersion).toBe(DRAFT_SCHEMA_VERSION)
    expect(migrated.status).toBe('approved')
    const before = raw.signOffs as Record<string, unknown>[]
    expect(migrated.signOffs.map((s) => [s.action, s.stepId, s.stepName, s.from, s.to])).toEqual([
      ['submit', 'submit', '提交', 'draft', 'awaiting:proofread'],
      ['sign', 'proofread', '校对', 'awaiting:proofread', 'awaiting:review'],
      ['sign', 'review', '审核', 'awaiting:review', 'approved']
    ])
    migrated.signOffs.forEach((s, i) => {
      for (const key of ['id', 'name', 'at', 'comment', 'revision', 'contentHash', 'versionId', 'invalidatedAt']) expect(s[key]).toEqual(before[i]?.[key])
      expect(s).not.toHaveProperty('role')
    })
    // A current record passes through untouched.
    expect(migrateDraftRecord(migrated)).toEqual(migrated)
  })

  it('an approved draft of today still opens the gate, prints its chain, and publishes', async () => {
    const id = String((await fixture('approved')).id)
    const state = await office.workflow.state(id)
    expect(state.status).toBe('approved')
    expect(state.progress.map((p) => [p.step.name, p.signOff?.name, p.signOff?.verification, p.counts])).toEqual([
      ['校对', '李校对', 'typed', true],
      ['审核', '王审核', 'typed', true]
    ])
    expect(state.allowedActions).toEqual(['publish'])
    const published = await office.workflow.step(id, { action: 'publish', name: '张编辑' })
    expect(published.draft).toMatchObject({ status: 'published', schemaVersion: DRAFT_SCHEMA_VERSION })
    expect(published.signOff.withoutApproval).toBe(false)
  })

  it('each status of today reads the same and the next step continues the round', async () => {
    const statuses = Object.fromEntries(
      await Promise.all(['review', 'returned', 'invalidated', 'published'].map(async (name) => [name, (await office.workflow.state(String((await fixture(name)).id))).status]))
    )
    expect(statuses).toEqual({ review: 'awaiting:review', returned: 'returned', invalidated: 'awaiting:proofread', published: 'published' })

    const inReview = String((await fixture('review')).id)
    const reviewed = await office.workflow.step(inReview, { action: 'sign', stepId: 'review', name: '王审核' })
    expect(reviewed.draft.status).toBe('approved')
    expect(reviewed.draft.metadata.reviewer).toBe('王审核')

    // The invalidated sign-offs of the old file stay invalid; an edit of the approved one drops it as before.
    const invalidated = await office.workflow.state(String((await fixture('invalidated')).id))
    expect(invalidated.signOffs.map((s) => [s.stepId, s.valid])).toEqual([
      ['submit', true],
      ['proofread', false],
      ['review', false]
    ])
    const approvedId = String((await fixture('approved')).id)
    const saved = await office.workflow.save(approvedId, { title: '运动会开幕', column: '校园动态', body: article('改过的第一段') })
    expect(saved).toMatchObject({ status: 'awaiting:proofread', statusChanged: true })
  })
})
