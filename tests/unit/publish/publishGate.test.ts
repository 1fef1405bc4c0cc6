import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import Conf from 'conf'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { composeApp, type AppCapabilities, type AppServices } from '../../../src/main/compose'
import { backoffMs } from '../../../src/main/services/publish/publishService'
import { createMemorySecretStore } from '../../../src/main/services/publish/secretStore'
import type { Draft } from '../../../src/shared/model/draft'
import { envelopeCode, envelopeValue } from '../../support/envelope'
import { makeTempDir } from '../../support/draftFixtures'
import { startCmsServer, type CmsServer } from '../../support/cmsServer'
import { localSitePage } from '../../support/publishFixtures'

const paragraph = (text: string) => ({
  root: { type: 'root' as const, version: 1, direction: null, format: '', indent: 0, children: [{ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children: [{ type: 'text', version: 1, text, detail: 0, format: 0, mode: 'normal', style: '' }] }] }
})

describe('先审后发 for publishing, and an honest outbox', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let cms: CmsServer
  let now: number
  let app: AppServices
  /** Runs before each request the publisher sends (an edit made while the article is on its way). */
  let beforeRequest: ((route: string) => Promise<void>) | null = null
  const events: { channel: string; payload: unknown }[] = []
  const logged: string[] = []
  const context = { emit: (channel: string, payload: unknown) => events.push({ channel, payload }) }

  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-publish-gate-'))
    cms = await startCmsServer()
    events.length = 0
    logged.length = 0
    beforeRequest = null
    now = Date.parse('2026-11-20T08:00:00Z')
    const capabilities: AppCapabilities = {
      userDataDir: join(dir, 'userData'),
      settingsStore: new Conf<Record<string, unknown>>({ cwd: join(dir, 'config'), projectName: 'newsroom-test' }),
      shell: { openExternal: async () => undefined, showInFolder: () => undefined },
      appInfo: { version: '0.0.0-test', platform: 'linux', assetUrlBase: 'newsroom-asset://' },
      dialogs: { openFiles: async () => [], saveFile: async () => null },
      clock: { now: () => new Date((now += 10)) },
      secrets: createMemorySecretStore(),
      broadcast: (channel, payload) => void events.push({ channel, payload }),
      logger: { error: (message, error) => void logged.push(`${message}: ${String(error)}`) },
      fetch: async (input, init) => {
        await beforeRequest?.(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`)
        return fetch(input, init)
      }
    }
    app = composeApp(capabilities)
  })
  afterEach(async () => {
    await cms.close()
    await cleanup()
  })

  const call = (channel: string, request: unknown) => app.dispatch(channel, request, context)
  const value = envelopeValue
  const codeOf = envelopeCode
  const stored = async (id: string) => JSON.parse(await readFile(join(app.drafts().dataDir, 'drafts', id, 'draft.json'), 'utf8')) as Draft
  const outboxEvents = () => events.filter((e) => e.channel === 'publish:outboxChanged').map((e) => (e.payload as { jobs: { jobId: string; state: string }[] }).jobs)

  it('refuses a first publish without approval, a stale revision or a signer; records the sign-off after the site took it', async () => {
    const draft = await app.drafts().create({ title: '运动会开幕', column: '校园动态' })
    expect(codeOf(await call('publish:run', { jobId: 'a1', draftId: draft.id }))).toBe('approval-required')
    expect(codeOf(await call('publish:run', { jobId: 'a2', draftId: draft.id, signOff: { name: '张编辑', revision: draft.revision } }))).toBe('approval-required')
    app.settings.update({ requireApproval: false })
    expect(codeOf(await call('publish:run', { jobId: 'a3', draftId: draft.id, signOff: { name: '  ', revision: draft.revision } }))).toBe('signer-required')
    expect(codeOf(await call('publish:run', { jobId: 'a4', draftId: draft.id, signOff: { name: '张编辑', revision: draft.revision + 5 } }))).toBe('workflow-conflict')
    await expect(localSitePage(join(app.drafts().dataDir, 'site'), draft.id)).rejects.toThrow('is not on the site')

    const published = value(await call('publish:run', { jobId: 'a5', draftId: draft.id, signOff: { name: '张编辑', comment: '同意', revision: draft.revision } }))
    expect(published).toMatchObject({ outcome: 'published', result: { targetId: 'local' }, signOffError: null, workflow: { draft: { status: 'published' }, signOff: { action: 'publish', name: '张编辑', comment: '同意', withoutApproval: true } } })
    expect(await readFile(await localSitePage(join(app.drafts().dataDir, 'site'), draft.id), 'utf8')).toContain('运动会开幕')
    expect((await stored(draft.id)).status).toBe('published')
    expect(events.some((e) => e.channel === 'workflow:changed')).toBe(true)

    // Sent again as it was signed: no new sign-off needed, and none recorded.
    const again = value(await call('publish:run', { jobId: 'a6', draftId: draft.id }))
    expect(again).toMatchObject({ outcome: 'published', workflow: null, signOffError: null })
    expect((await stored(draft.id)).signOffs.filter((s) => s.action === 'publish')).toHaveLength(1)
    // A second sign-off on a published draft is the workflow's conflict.
    expect(codeOf(await call('publish:run', { jobId: 'a7', draftId: draft.id, signOff: { name: '张编辑', revision: (await stored(draft.id)).revision } }))).toBe('workflow-conflict')

    // An edit drops 已发布: sending it again needs a new sign-off.
    await app.workflow.save(draft.id, { title: '运动会开幕（更正）', column: '校园动态', body: paragraph('改过') })
    expect(codeOf(await call('publish:run', { jobId: 'a8', draftId: draft.id }))).toBe('approval-required')
  })

  it('an article the site took stays published when its sign-off cannot be recorded, and says why', async () => {
    app.settings.update({ requireApproval: false })
    value(await call('publish:saveTarget', { target: { id: 'cms', name: 'CMS', kind: 'cms', baseUrl: cms.url }, secret: cms.token }))
    const draft = await app.drafts().create({ title: '边发边改', column: '校园动态' })
    beforeRequest = async (route) => {
      if (route !== 'POST /articles') return
      beforeRequest = null
      await app.workflow.save(draft.id, { title: '边发边改', column: '校园动态', body: paragraph('发送途中加的一句') })
    }
    const outcome = value(await call('publish:run', { jobId: 'r1', draftId: draft.id, targetId: 'cms', signOff: { name: '李四', revision: draft.revision } }))
    expect(outcome).toMatchObject({ outcome: 'published', workflow: null, signOffError: 'workflow-conflict' })
    expect(cms.articles.size).toBe(1)
    expect((await stored(draft.id)).signOffs.some((s) => s.action === 'publish')).toBe(false)
    expect(logged).toEqual([expect.stringContaining('sign-off could not be recorded')])
  })

  it('a queued job keeps its sign-off: sent when due, the sign-off recorded then, and the windows told', async () => {
    app.settings.update({ requireApproval: false })
    value(await call('publish:saveTarget', { target: { id: 'cms', name: 'CMS', kind: 'cms', baseUrl: cms.url }, secret: cms.token }))
    const draft = await app.drafts().create({ title: '待发稿件', column: '校园动态' })
    cms.failNext('GET /columns', { status: 503 })
    const queued = value(await call('publish:run', { jobId: 'q1', draftId: draft.id, targetId: 'cms', signOff: { name: '李四', revision: draft.revision } }))
    expect(queued).toMatchObject({ outcome: 'failed', error: { kind: 'server' }, queued: { jobId: 'q1', signOff: { name: '李四' } } })
    expect(outboxEvents()).toEqual([[expect.objectContaining({ jobId: 'q1', state: 'waiting' })]])
    expect((await stored(draft.id)).status).toBe('draft')

    expect(await app.outbox.runDue()).toBe(0)
    now += backoffMs(1)
    expect(await app.outbox.runDue()).toBe(1)
    expect(cms.articles.size).toBe(1)
    const after = await stored(draft.id)
    expect(after.status).toBe('published')
    expect(after.signOffs.at(-1)).toMatchObject({ action: 'publish', name: '李四' })
    expect(outboxEvents().at(-1)).toEqual([])
    expect(events.some((e) => e.channel === 'publish:progress' && (e.payload as { jobId: string }).jobId === 'q1')).toBe(true)
  })

  it('a queued job is not sent once the draft was edited after it was signed', async () => {
    app.settings.update({ requireApproval: false })
    value(await call('publish:saveTarget', { target: { id: 'cms', name: 'CMS', kind: 'cms', baseUrl: cms.url }, secret: cms.token }))
    const draft = await app.drafts().create({ title: '签发后又改', column: '校园动态' })
    cms.failNext('GET /columns', { status: 500 })
    value(await call('publish:run', { jobId: 'q2', draftId: draft.id, targetId: 'cms', signOff: { name: '李四', revision: draft.revision } }))
    await app.workflow.save(draft.id, { title: '签发后又改', column: '校园动态', body: paragraph('没有人审过的一句话') })

    // 立即重试 does not wait for the backoff, and still refuses.
    expect(value(await call('publish:outboxRetry', { jobId: 'q2' }))).toEqual({ published: false })
    expect(cms.articles.size).toBe(0)
    const jobs = (value(await call('publish:outbox', {})) as { jobs: { state: string; lastError: { kind: string } | null }[] }).jobs
    expect(jobs).toMatchObject([{ state: 'failed', lastError: { kind: 'content-changed', retryable: false } }])
    expect((await stored(draft.id)).signOffs.some((s) => s.action === 'publish')).toBe(false)
    now += backoffMs(5)
    expect(await app.outbox.runDue()).toBe(0)
    expect(cms.articles.size).toBe(0)

    value(await call('publish:outboxCancel', { jobId: 'q2' }))
    expect(outboxEvents().at(-1)).toEqual([])
    expect(JSON.parse(await readFile(join(app.drafts().dataDir, 'publish-outbox.json'), 'utf8'))).toEqual({ jobs: [] })
  })
})
