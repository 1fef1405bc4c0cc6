import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { composeApp, type AppServices } from '../../../src/main/compose'
import type { HandlerContext } from '../../../src/main/ipc/dispatch'
import { contentHash, wechatInHash } from '../../../src/main/services/workflow/contentHash'
import { collectAssetIds, sanitizeArticleBody } from '../../../src/shared/article/schema'
import { DEFAULT_WECHAT_TEMPLATE } from '../../../src/shared/article/wechatTemplate'
import { mayCopyForWechat } from '../../../src/shared/article/wechatLimits'
import type { Envelope } from '../../../src/shared/ipc/contract'
import type { WorkflowState } from '../../../src/shared/model/workflow'
import { seedArticle } from '../../support/outputFixtures'
import { testCapabilities } from '../../support/testApp'

const crop = { x1: 0, y1: 0.2, x2: 1, y2: 0.625 }
const square = { x1: 0.2, y1: 0, x2: 0.8, y2: 1 }

describe('the 公众号 摘要, cover crop and template are approved with the article', () => {
  let dir: string
  let app: AppServices
  const context: HandlerContext = {
    emit(channel, payload) {
      if (channel === 'app:flushRequest') app.flush.answer((payload as { requestId: string }).requestId, true)
    }
  }
  const call = (channel: string, request: unknown): Promise<Envelope> => app.dispatch(channel, request, context)
  const reviewCounts = (state: WorkflowState) => state.progress.find((p) => p.step.id === 'review')?.counts === true

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-wechat-approval-'))
    app = composeApp(testCapabilities(dir))
  })
  afterEach(() => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }))

  async function approved(): Promise<string> {
    const draft = await seedArticle(app)
    await app.workflow.step(draft.id, { action: 'submit', name: '陈编辑' })
    await app.workflow.step(draft.id, { action: 'sign', stepId: 'proofread', name: '李四' })
    await app.workflow.step(draft.id, { action: 'sign', stepId: 'review', name: '王五' })
    expect(reviewCounts(await app.workflow.state(draft.id))).toBe(true)
    return draft.id
  }

  const photoOf = async (id: string) => collectAssetIds(sanitizeArticleBody((await app.drafts().open(id)).body).body)[0] ?? ''

  it('articles and offices without a 公众号 version keep their hashes', async () => {
    const id = await approved()
    const draft = await app.drafts().open(id)
    expect(draft.wechat).toBeUndefined()
    expect(wechatInHash(undefined, { ...DEFAULT_WECHAT_TEMPLATE })).toBeNull()
    expect(wechatInHash({ digest: '  ', cover: null }, undefined)).toBeNull()
    // The hash without any 公众号 input is the one approvals were made on before this feature.
    expect(contentHash(draft, { creditTemplate: '', creditScript: 'simplified', wechatTemplate: { ...DEFAULT_WECHAT_TEMPLATE } })).toBe(contentHash({ title: draft.title, column: draft.column, body: draft.body, metadata: draft.metadata }))
  })

  it('setting the 摘要 after approval needs a new sign-off; the approved 摘要 is what the hash holds', async () => {
    const id = await approved()
    const answer = await call('wechat:setArticle', { draftId: id, wechat: { digest: '学校召开推进会，部署下一阶段重点任务。', cover: null } })
    expect(answer).toMatchObject({ ok: true, value: { statusChanged: true } })
    expect(reviewCounts(await app.workflow.state(id))).toBe(false)
    await app.workflow.step(id, { action: 'sign', stepId: 'proofread', name: '李四' })
    await app.workflow.step(id, { action: 'sign', stepId: 'review', name: '王五' })
    expect(reviewCounts(await app.workflow.state(id))).toBe(true)
    // Another 摘要, or a cover crop, voids it again.
    await call('wechat:setArticle', { draftId: id, wechat: { digest: '学校召开推进会。', cover: null } })
    expect(reviewCounts(await app.workflow.state(id))).toBe(false)
  })

  it('changing the cover crop after approval needs a new sign-off', async () => {
    const id = await approved()
    const assetId = await photoOf(id)
    await call('wechat:setArticle', { draftId: id, wechat: { digest: '', cover: { assetId, crop235: crop, crop11: square } } })
    await app.workflow.step(id, { action: 'sign', stepId: 'proofread', name: '李四' })
    await app.workflow.step(id, { action: 'sign', stepId: 'review', name: '王五' })
    expect(reviewCounts(await app.workflow.state(id))).toBe(true)
    await call('wechat:setArticle', { draftId: id, wechat: { digest: '', cover: { assetId, crop235: { ...crop, y1: 0.1, y2: 0.525 }, crop11: square } } })
    expect(reviewCounts(await app.workflow.state(id))).toBe(false)
  })

  it('changing the office’s 公众号 template voids approvals; going back to the approved one restores them', async () => {
    const id = await approved()
    const before = await app.workflow.state(id)
    app.settings.update({ wechatTemplate: { ...DEFAULT_WECHAT_TEMPLATE, version: 2, accent: '#1d4ed8' } })
    const after = await app.workflow.state(id)
    expect(after.contentHash).not.toBe(before.contentHash)
    expect(reviewCounts(after)).toBe(false)
    app.settings.update({ wechatTemplate: { ...DEFAULT_WECHAT_TEMPLATE } })
    expect(reviewCounts(await app.workflow.state(id))).toBe(true)
  })

  it('复制到公众号 copies an approved article and refuses it once its approval no longer holds', async () => {
    const copies: { html?: string; text: string }[] = []
    app = composeApp(testCapabilities(dir, { clipboard: { write: (data) => void copies.push(data) } }))
    const id = await approved()
    expect(await call('wechat:copy', { draftId: id })).toMatchObject({ ok: true })
    await call('wechat:setArticle', { draftId: id, wechat: { digest: '新的摘要。', cover: null } })
    expect(await call('wechat:copy', { draftId: id })).toMatchObject({ ok: false, error: { code: 'approval-required' } })
    expect(copies).toHaveLength(1)
  })

  it('refuses a cover that is not one of the article’s photos, and a digest over 128 characters', async () => {
    const id = await approved()
    const stranger = `sha256-${'f'.repeat(64)}.jpg`
    expect(await call('wechat:setArticle', { draftId: id, wechat: { digest: '', cover: { assetId: stranger, crop235: crop, crop11: square } } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(await call('wechat:setArticle', { draftId: id, wechat: { digest: '字'.repeat(129), cover: null } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(reviewCounts(await app.workflow.state(id))).toBe(true)
  })
})

describe('先审后发 for 复制到公众号', () => {
  it('copies only an approved (or published) article while the gate is on', () => {
    expect(mayCopyForWechat('approved', true)).toBe(true)
    expect(mayCopyForWechat('published', true)).toBe(true)
    for (const status of ['draft', 'returned', 'awaiting:review']) expect(mayCopyForWechat(status, true)).toBe(false)
    expect(mayCopyForWechat('draft', false)).toBe(true)
  })
})
