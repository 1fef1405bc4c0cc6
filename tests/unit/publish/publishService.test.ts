import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { nodeServiceFs } from '../../../src/main/services/fs/serviceFs'
import { createPublisher } from '../../../src/main/services/publish/publisher'
import { backoffMs, createPublishService, type PublishService } from '../../../src/main/services/publish/publishService'
import { createEncryptedSecretStore, createMemorySecretStore, type SecretCipher } from '../../../src/main/services/publish/secretStore'
import { startCmsServer, type CmsServer } from '../../support/cmsServer'
import { makeTempDir } from '../../support/draftFixtures'
import { createFixtureLibrary, localSitePage, photo } from '../../support/publishFixtures'

/** Reversible and visibly not plain text, like safeStorage's output. */
const testCipher: SecretCipher = {
  available: () => true,
  encrypt: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decrypt: (bytes) => Buffer.from(bytes.map((b) => b ^ 0x5a)).toString('utf8')
}

async function filesContaining(folder: string, needle: string): Promise<string[]> {
  const hits: string[] = []
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    if ((await readFile(path)).includes(needle)) hits.push(path)
  }
  return hits
}

describe('the publish service: targets, secrets, outbox', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>
  let cms: CmsServer
  let now: number
  let service: PublishService
  let library: ReturnType<typeof createFixtureLibrary>

  beforeEach(async () => {
    temp = await makeTempDir('newsroom-publish-service-')
    cms = await startCmsServer({ token: 'Very-Secret-Token-42' })
    now = Date.parse('2026-11-20T08:00:00Z')
    const clock = { now: () => new Date(now) }
    library = createFixtureLibrary(join(temp.dir, 'library'))
    const secrets = createEncryptedSecretStore({ file: join(temp.dir, 'userData', 'publish-secrets.json'), fs: nodeServiceFs, cipher: testCipher })
    const publisher = createPublisher({ fetch, secrets, clock, timeoutMs: 2000, ...library.deps() })
    service = createPublishService({ dataDir: () => join(temp.dir, 'library'), fs: nodeServiceFs, clock, secrets, publisher })
    await library.add('draft-svc-1', { title: '外网发布', paragraphs: ['正文。'], photos: [{ bytes: await photo(77), caption: '图一' }], metadata: { column: '校园动态' } })
  })
  afterEach(async () => {
    await cms.close()
    await temp.cleanup()
  })

  it('keeps the token only encrypted; targets, records and errors never hold it', async () => {
    const view = await service.saveTarget({ id: 'cms', name: 'CMS', kind: 'cms', baseUrl: cms.url }, 'Very-Secret-Token-42', true)
    expect(view).toMatchObject({ defaultTargetId: 'cms', withSecret: ['local', 'cms'] })
    const published = await service.run({ jobId: 'j1', draftId: 'draft-svc-1' })
    expect(published.outcome).toBe('published')
    await service.saveTarget({ id: 'cms', name: 'CMS', kind: 'cms', baseUrl: cms.url }, 'Wrong-Token-Also-Secret')
    const refused = await service.run({ jobId: 'j2', draftId: 'draft-svc-1' })
    expect(refused).toMatchObject({ outcome: 'failed', error: { kind: 'auth' }, queued: null })
    expect(JSON.stringify(refused)).not.toContain('Wrong-Token')
    expect(await filesContaining(temp.dir, 'Very-Secret-Token-42')).toEqual([])
    expect(await filesContaining(temp.dir, 'Wrong-Token-Also-Secret')).toEqual([])
    // Main names the secret; the library's files carry no reference to it.
    expect(await readFile(join(temp.dir, 'userData', 'publish-secrets.json'), 'utf8')).toContain('publish:cms:')
    expect(await filesContaining(join(temp.dir, 'library'), 'publish:cms:')).toEqual([])
    await service.removeTarget('cms')
    expect(await readFile(join(temp.dir, 'userData', 'publish-secrets.json'), 'utf8')).not.toContain('publish:cms:')
  })

  it('queues a job the site could not take, retries it with backoff when due, and lets the person cancel one', async () => {
    await service.saveTarget({ id: 'cms', name: 'CMS', kind: 'cms', baseUrl: cms.url }, 'Very-Secret-Token-42', true)
    cms.failNext('GET /columns', { status: 500 })
    const first = await service.run({ jobId: 'queued-1', draftId: 'draft-svc-1' })
    expect(first).toMatchObject({ outcome: 'failed', error: { kind: 'server', retryable: true }, queued: { jobId: 'queued-1', attempts: 1 } })
    expect((await service.outbox()).map((job) => job.jobId)).toEqual(['queued-1'])

    // Not due yet: nothing happens.
    expect(await service.retryDue()).toBe(0)
    cms.failNext('GET /columns', { status: 503 })
    now += backoffMs(1)
    expect(await service.retryDue()).toBe(0)
    const [waiting] = await service.outbox()
    expect(waiting).toMatchObject({ attempts: 2, state: 'waiting', nextAttemptAt: new Date(now + backoffMs(2)).toISOString() })
    now += backoffMs(2)
    expect(await service.retryDue()).toBe(1)
    expect(await service.outbox()).toEqual([])
    expect(cms.articles.size).toBe(1)

    cms.failNext('GET /columns', { status: 500 })
    await service.run({ jobId: 'queued-2', draftId: 'draft-svc-1' })
    await service.cancelQueued('queued-2')
    now += backoffMs(1)
    expect(await service.retryDue()).toBe(0)
    expect(await service.outbox()).toEqual([])
  })

  it('works out of the box with the local site under the library; once targets are edited it is a saved one', async () => {
    expect(await service.targets()).toEqual({
      targets: [{ id: 'local', kind: 'local', name: '本地网站', folder: join(temp.dir, 'library', 'site') }],
      defaultTargetId: 'local',
      withSecret: ['local'],
      needsPassword: [],
      sessionOnly: [],
      secretProtection: 'strong',
      setAside: []
    })
    expect(await service.run({ jobId: 'd1', draftId: 'draft-svc-1' })).toMatchObject({ outcome: 'published', result: { targetId: 'local', status: 'local' } })
    expect(await readFile(await localSitePage(join(temp.dir, 'library', 'site'), 'draft-svc-1'), 'utf8')).toContain('外网发布')
    await service.saveTarget({ id: 'cms', name: 'CMS', kind: 'cms', baseUrl: cms.url }, 'Very-Secret-Token-42')
    const saved = JSON.parse(await readFile(join(temp.dir, 'library', 'publish-targets.json'), 'utf8')) as { targets: { id: string }[]; defaultTargetId: string }
    expect(saved).toMatchObject({ defaultTargetId: 'local', targets: [{ id: 'local' }, { id: 'cms' }] })
    await service.removeTarget('local')
    expect(await service.targets()).toMatchObject({ defaultTargetId: 'cms', targets: [{ id: 'cms' }] })
  })

  it('publishes to the default target when none is named; an unknown target is not-found', async () => {
    await service.saveTarget({ id: 'site', name: '本地网站', kind: 'local', folder: join(temp.dir, 'site') }, undefined, true)
    expect(await service.run({ jobId: 'l1', draftId: 'draft-svc-1' })).toMatchObject({ outcome: 'published', result: { targetId: 'site', status: 'local' } })
    expect(await service.run({ jobId: 'l2', draftId: 'draft-svc-1', targetId: 'nope' })).toMatchObject({ outcome: 'failed', error: { kind: 'not-found' } })
    expect((await service.records('draft-svc-1')).targets.site?.remoteUrl).toMatch(/^file:/)
  })
})

describe('secret stores', () => {
  it('the in-memory store gets, sets and deletes', async () => {
    const store = createMemorySecretStore({ a: '1' })
    expect(await store.get('a')).toBe('1')
    await store.set('b', '2')
    await store.delete('a')
    expect([await store.get('a'), await store.get('b')]).toEqual([null, '2'])
  })
  it('the encrypted store refuses to store anything when the system has no encryption', async () => {
    const temp = await makeTempDir('newsroom-secrets-')
    const store = createEncryptedSecretStore({ file: join(temp.dir, 's.json'), fs: nodeServiceFs, cipher: { ...testCipher, available: () => false } })
    await expect(store.set('x', 'secret')).rejects.toThrow(/no encryption/)
    await temp.cleanup()
  })
})
