import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { composeApp, type AppServices } from '../../../src/main/compose'
import { testCapabilities } from '../../support/testApp'
import { createMemorySettingsStore } from '../../../src/main/services/settings/settingsService'
import type { HandlerContext } from '../../../src/main/ipc/dispatch'
import type { Envelope } from '../../../src/shared/ipc/contract'
import { makeTempDir } from '../../support/draftFixtures'
import { article, manualClock } from './fixtures'

type Emitted = { channel: string; payload: unknown }

describe('workflow, audit and history channels through the dispatcher', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let app: AppServices
  let emitted: Emitted[]
  let context: HandlerContext
  const clock = manualClock()

  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-workflow-ipc-'))
    emitted = []
    context = { emit: (channel, payload) => void emitted.push({ channel, payload }) }
    app = composeApp(testCapabilities(dir, { settingsStore: createMemorySettingsStore({ userName: '张编辑' }), clock }))
  })
  afterEach(async () => {
    await cleanup()
  })

  async function call<T>(channel: string, payload: unknown): Promise<T> {
    clock.minutes(1)
    const answer: Envelope = await app.dispatch(channel, payload, context)
    if (!answer.ok) throw new Error(`${channel} failed: ${answer.error.code} ${answer.error.message}`)
    return answer.value as T
  }
  const refusal = async (channel: string, payload: unknown) => {
    const answer = await app.dispatch(channel, payload, context)
    return answer.ok ? null : answer.error.code
  }

  it('runs the round: save, sign, edit (status drops, event), diff, audit, history, restore', async () => {
    const { id } = await call<{ id: string }>('drafts:create', { title: '' })
    const content = { title: '运动会开幕', column: '校园动态', body: article('今天上午开幕。') }
    expect(await call('drafts:save', { id, content })).toMatchObject({ status: 'draft', statusChanged: false })
    const { revision } = await call<{ revision: number }>('drafts:open', { id })

    expect(await refusal('workflow:sign', { draftId: id, stepId: 'proofread', name: '李校对' })).toBe('workflow-conflict')
    expect(await refusal('workflow:submit', { draftId: id, name: '' })).toBe('signer-required')
    expect(await refusal('workflow:submit', { draftId: id, name: '张编辑', revision: revision + 5 })).toBe('workflow-conflict')
    expect(await refusal('workflow:publish', { draftId: id, name: '张编辑' })).toBe('approval-required')
    expect(await refusal('workflow:submit', { draftId: 'not a draft', name: '张编辑' })).toBe('invalid-request')

    await call('workflow:submit', { draftId: id, name: '张编辑', revision })
    await call('workflow:sign', { draftId: id, stepId: 'proofread', name: '李校对', comment: '无误' })
    const reviewed = await call<{ state: { status: string; allowedActions: string[] } }>('workflow:sign', { draftId: id, stepId: 'review', name: '王主任' })
    expect(reviewed.state).toMatchObject({ status: 'approved', allowedActions: ['publish'] })
    expect(emitted.filter((e) => e.channel === 'workflow:changed').map((e) => (e.payload as { status: string }).status)).toEqual([
      'awaiting:proofread',
      'awaiting:review',
      'approved'
    ])

    emitted = []
    const edited = await call('drafts:save', { id, content: { ...content, body: article('今天下午开幕。') } })
    expect(edited).toMatchObject({ status: 'awaiting:proofread', statusChanged: true })
    expect(emitted.map((e) => e.channel)).toEqual(['drafts:saveState', 'drafts:saveState', 'workflow:changed'])
    expect(emitted[2]?.payload).toMatchObject({ draftId: id, status: 'awaiting:proofread', cause: 'edit' })

    const changes = await call<{ valid: boolean; diff: { paragraphs: { kind: string }[] } }>('workflow:changesSinceApproval', { draftId: id })
    expect(changes.valid).toBe(false)
    expect(changes.diff.paragraphs.map((p) => p.kind)).toEqual(['changed'])

    expect(await refusal('workflow:return', { draftId: id, name: '李校对', reason: '' })).toBe('reason-required')
    await call('workflow:return', { draftId: id, name: '李校对', reason: '时间写错了' })
    const state = await call<{ status: string; signOffs: { stepId: string; valid: boolean }[] }>('workflow:get', { draftId: id })
    expect(state.status).toBe('returned')
    expect(state.signOffs.map((s) => `${s.stepId}:${s.valid}`)).toEqual(['submit:true', 'proofread:false', 'review:false', 'proofread:true'])

    const log = await call<{ action: string; actor: string }[]>('audit:list', { draftId: id })
    expect(log.map((e) => `${e.action}/${e.actor}`)).toEqual([
      'create/张编辑',
      'save/张编辑',
      'submit/张编辑',
      'signoff/李校对',
      'signoff/王主任',
      'invalidate/张编辑',
      'return/李校对'
    ])

    const versions = await call<{ id: string; reason: string; title: string }[]>('history:list', { draftId: id })
    expect(versions.filter((v) => v.reason === 'signoff')).toHaveLength(4)
    const oldest = versions.at(-1)
    expect(oldest?.reason).toBe('interval')
    const diff = await call<{ identical: boolean }>('history:diff', { draftId: id, from: oldest?.id, to: 'current' })
    expect(diff.identical).toBe(false)
    expect(await call('history:get', { draftId: id, versionId: oldest?.id })).toMatchObject({ content: { body: article('今天上午开幕。') } })
    expect(await refusal('history:get', { draftId: id, versionId: '../draft' })).toBe('invalid-request')

    emitted = []
    const restored = await call<{ draft: { body: unknown; status: string } }>('history:restore', { draftId: id, versionId: oldest?.id })
    expect(restored.draft).toMatchObject({ body: article('今天上午开幕。'), status: 'returned' })
    expect(emitted).toEqual([{ channel: 'workflow:changed', payload: expect.objectContaining({ draftId: id, cause: 'restore' }) }])
    expect(await call('history:snapshot', { draftId: id })).toMatchObject({ reason: 'manual', title: '运动会开幕' })
    expect((await call<unknown[]>('history:list', { draftId: id })).length).toBe(versions.length + 2)
  })

  it('publishes without approval when the office turned the gate off, and logs a duplicate', async () => {
    await call('settings:set', { requireApproval: false })
    const { id } = await call<{ id: string }>('drafts:create', {})
    await call('drafts:save', { id, content: { title: '停水通知', column: '通知公告', body: article('明天停水。') } })
    const published = await call<{ signOff: { withoutApproval: boolean; name: string } }>('workflow:publish', { draftId: id, name: '赵老师' })
    expect(published.signOff).toMatchObject({ withoutApproval: true, name: '赵老师' })
    const copy = await call<{ id: string; status: string }>('drafts:duplicate', { id })
    expect(copy.status).toBe('draft')
    expect(await call('audit:list', { draftId: copy.id })).toMatchObject([{ action: 'duplicate', details: { from: id } }])
    expect(await call('workflow:get', { draftId: copy.id })).toMatchObject({ signOffs: [], allowedActions: ['submit', 'publish'] })
  })
})
