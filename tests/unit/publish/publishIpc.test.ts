import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import Conf from 'conf'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { composeApp, type AppCapabilities } from '../../../src/main/compose'
import { createMemorySecretStore } from '../../../src/main/services/publish/secretStore'
import type { Envelope } from '../../../src/shared/ipc/contract'
import { makeTempDir, steppingClock } from '../../support/draftFixtures'
import { startCmsServer, type CmsServer } from '../../support/cmsServer'
import { localSitePage } from '../../support/publishFixtures'

describe('publish channels through the dispatcher', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let cms: CmsServer
  const opened: string[] = []
  let chosen: string[] = []
  const events: { channel: string; payload: unknown }[] = []
  const context = { emit: (channel: string, payload: unknown) => events.push({ channel, payload }) }

  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-publish-ipc-'))
    cms = await startCmsServer()
    events.length = 0
    opened.length = 0
  })
  afterEach(async () => {
    await cms.close()
    await cleanup()
  })

  const capabilities = (): AppCapabilities => ({
    userDataDir: join(dir, 'userData'),
    settingsStore: new Conf<Record<string, unknown>>({ cwd: join(dir, 'config'), projectName: 'newsroom-test' }),
    shell: {
      openExternal: async (url) => {
        opened.push(url)
      },
      showInFolder: () => undefined
    },
    appInfo: { version: '0.0.0-test', platform: 'linux', assetUrlBase: 'newsroom-asset://' },
    dialogs: { openFiles: async () => chosen, saveFile: async () => null },
    clock: steppingClock(),
    secrets: createMemorySecretStore()
  })
  const value = (envelope: Envelope): unknown => {
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
    return envelope.value
  }

  it('names the built-in local site in the UI language until the person saves the list', async () => {
    const app = composeApp(capabilities())
    const names = async () => ((value(await app.dispatch('publish:targets', {}, context)) as { targets: { name: string }[] }).targets).map((t) => t.name)
    expect(await names()).toEqual(['本地网站'])
    app.settings.update({ language: 'en' })
    expect(await names()).toEqual(['Local site'])
    value(await app.dispatch('publish:saveTarget', { target: { id: 'local', name: 'Local site', kind: 'local', folder: join(dir, 'site') } }, context))
    app.settings.update({ language: 'zh-CN' })
    expect(await names()).toEqual(['Local site'])
  })

  it('saves targets without their secret, publishes a draft with progress events, opens the live page', async () => {
    const app = composeApp(capabilities())
    const draft = await app.drafts().create({ title: '通过 IPC 发布', column: '校园动态' })
    const site = join(dir, 'site')
    chosen = [site]
    const { grant } = value(await app.dispatch('publish:chooseFolder', {}, context)) as { grant: string }
    const saved = value(await app.dispatch('publish:saveTarget', { target: { id: 'site', name: '本地网站', kind: 'local', folder: site }, makeDefault: true, folderGrant: grant }, context))
    expect(saved).toMatchObject({ defaultTargetId: 'site', withSecret: ['local', 'site'] })
    value(await app.dispatch('publish:saveTarget', { target: { id: 'cms', name: 'CMS', kind: 'cms', baseUrl: cms.url }, secret: cms.token }, context))
    const targetsFile = await readFile(join(app.drafts().dataDir, 'publish-targets.json'), 'utf8')
    expect(targetsFile).not.toContain(cms.token)
    expect(value(await app.dispatch('publish:testConnection', { targetId: 'cms' }, context))).toMatchObject({ authenticated: true, canPublish: true })

    app.settings.update({ requireApproval: false })
    const outcome = value(await app.dispatch('publish:run', { jobId: 'job-1', draftId: draft.id, signOff: { name: '张编辑', revision: draft.revision } }, context))
    expect(outcome).toMatchObject({ outcome: 'published', result: { targetId: 'site', status: 'local' }, workflow: { draft: { status: 'published' } }, signOffError: null })
    expect(events.filter((e) => e.channel === 'publish:progress').map((e) => (e.payload as { step: string }).step)).toContain('create-article')
    const page = await localSitePage(site, draft.id)
    expect(await readFile(page, 'utf8')).toContain('通过 IPC 发布')
    value(await app.dispatch('publish:openLive', { draftId: draft.id, targetId: 'site' }, context))
    expect(opened).toEqual([pathToFileURL(page).href])
    const never = await app.dispatch('publish:openLive', { draftId: draft.id, targetId: 'cms' }, context)
    expect(never.ok).toBe(false)
    expect(value(await app.dispatch('publish:outbox', {}, context))).toEqual({ jobs: [] })
  })

  it('cancelling a running publish ends it as cancelled, not queued', async () => {
    const app = composeApp(capabilities())
    const draft = await app.drafts().create({ title: '取消测试', column: '校园动态' })
    value(await app.dispatch('publish:saveTarget', { target: { id: 'cms', name: 'CMS', kind: 'cms', baseUrl: cms.url }, secret: cms.token }, context))
    cms.failNext('GET /columns', { stall: true })
    app.settings.update({ requireApproval: false })
    const running = app.dispatch('publish:run', { jobId: 'job-c', draftId: draft.id, targetId: 'cms', signOff: { name: '张编辑', revision: draft.revision } }, context)
    await new Promise((resolve) => setTimeout(resolve, 200))
    value(await app.dispatch('publish:cancel', { jobId: 'job-c' }, context))
    expect(value(await running)).toMatchObject({ outcome: 'failed', error: { kind: 'cancelled' }, queued: null })
  })
})
