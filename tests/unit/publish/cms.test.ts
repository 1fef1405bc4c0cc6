import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPublisher } from '../../../src/main/services/publish/publisher'
import { PublishError } from '../../../src/main/services/publish/publishError'
import { secretRefFor } from '../../../src/main/services/publish/secretBinding'
import { createMemorySecretStore } from '../../../src/main/services/publish/secretStore'
import { CmsTargetSchema, type CmsTarget } from '../../../src/shared/model/publish'
import { contractChecker, validatedCmsApi } from '../../support/cmsApiContract'
import { startCmsServer, type CmsServer } from '../../support/cmsServer'
import { makeTempDir } from '../../support/draftFixtures'
import { campusArticle, createFixtureLibrary, photo } from '../../support/publishFixtures'
import { rejectionOf } from '../../support/rejection'

const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, PublishError)

describe('the school-CMS adapter against the conforming test server', () => {
  let cms: CmsServer
  let temp: Awaited<ReturnType<typeof makeTempDir>>
  let library: ReturnType<typeof createFixtureLibrary>
  let target: CmsTarget
  const secrets = createMemorySecretStore()

  beforeEach(async () => {
    cms = await startCmsServer()
    temp = await makeTempDir('newsroom-cms-')
    library = createFixtureLibrary(temp.dir)
    target = CmsTargetSchema.parse({ id: 'school-cms', name: '学校CMS', kind: 'cms', baseUrl: cms.url })
    await secrets.set(secretRefFor(target), cms.token)
    const photos = await Promise.all([1, 2, 3].map((n) => photo(n + 40)))
    await library.add('draft-cms-1', {
      title: campusArticle.title,
      paragraphs: campusArticle.paragraphs,
      photos: photos.map((bytes, index) => ({ bytes, caption: campusArticle.captions[index] ?? '', credit: '赵六' })),
      metadata: campusArticle.metadata
    })
  })
  afterEach(async () => {
    // What the adapter really sent and the server really answered, held against the published document.
    const { problems } = await contractChecker(await validatedCmsApi()).checkAll(cms.exchanges, cms.fieldNames)
    expect(problems).toEqual([])
    await cms.close()
    await temp.cleanup()
  })
  const publisher = (timeoutMs = 5000) =>
    createPublisher({
      fetch,
      secrets,
      clock: { now: () => new Date('2026-11-20T03:00:00Z') },
      timeoutMs,
      ...library.deps()
    })

  it('publishes with pictures, maps the fields, and a second publish updates the same article without new uploads', async () => {
    cms.fieldNames = { title: 'biaoti', content: 'zhengwen' }
    target = { ...target, fieldMapping: { title: 'biaoti', content: 'zhengwen', columnId: 'lanmu' } }
    const first = await publisher().publish({ draftId: 'draft-cms-1', target })
    expect(first).toMatchObject({ created: true, imagesUploaded: 3, status: 'publish', verification: { ok: true } })
    const stored = cms.articles.get(first.remoteArticleId)
    expect(stored?.biaoti).toBe(campusArticle.title)
    expect(stored?.lanmu).toBe('c1')
    expect(stored?.sourceDepartment).toBe('双高办')
    expect(String(stored?.zhengwen)).toContain('<figcaption>推进会会议现场</figcaption>')
    expect([...cms.media.values()].map((m) => m.credit)).toEqual(['赵六', '赵六', '赵六'])
    expect(stored?.coverMediaId).toBe([...cms.media.keys()][0])
    const again = await publisher().publish({ draftId: 'draft-cms-1', target })
    expect(again).toMatchObject({ created: false, remoteArticleId: first.remoteArticleId, imagesUploaded: 0, imagesReused: 3 })
    expect(cms.articles.size).toBe(1)
    expect(cms.media.size).toBe(3)
  })

  it('answers 401, 403 (offer pending), 413, 500 and a stall each as their own kind, and never duplicates on retry', async () => {
    const cases = [
      { match: 'GET /columns', fault: { status: 401 as const }, kind: 'auth' },
      { match: 'POST /media', fault: { status: 413 as const }, kind: 'too-large' },
      { match: 'POST /media', fault: { status: 500 as const }, kind: 'server' },
      { match: 'POST /articles', fault: { stall: true as const }, kind: 'timeout' }
    ]
    for (const { match, fault, kind } of cases) {
      cms.failNext(match, fault)
      const error = await failureOf(publisher(500).publish({ draftId: 'draft-cms-1', target }))
      expect(error.kind, match).toBe(kind)
      expect(error.message).not.toContain(cms.token)
    }
    cms.canPublish = false
    const forbidden = await failureOf(publisher().publish({ draftId: 'draft-cms-1', target }))
    expect(forbidden.toInfo()).toMatchObject({ kind: 'forbidden', canSubmitPending: true })
    const pending = await publisher().publish({ draftId: 'draft-cms-1', target, options: { status: 'pending' } })
    expect(pending.status).toBe('pending')
    expect(cms.articles.size).toBe(1)
    expect(cms.media.size).toBe(3)
  })

  it('an article edited in the CMS is a conflict with both versions', async () => {
    const first = await publisher().publish({ draftId: 'draft-cms-1', target })
    cms.editInCms(first.remoteArticleId, { content: '<p>CMS 里改过</p>' })
    const error = await failureOf(publisher().publish({ draftId: 'draft-cms-1', target }))
    expect(error.kind).toBe('conflict')
    expect(error.conflict?.remote.content).toBe('<p>CMS 里改过</p>')
    expect(error.conflict?.ours.title).toBe(campusArticle.title)
  })

  it('test connection reports rights and columns, and a wrong token as auth', async () => {
    expect(await publisher().testConnection(target)).toMatchObject({ reachable: true, authenticated: true, canPublish: true, columns: [{ id: 'c1', name: '校园动态' }, { id: 'c2', name: '通知公告' }] })
    const other = { ...target, id: 'wrong-cms' }
    await secrets.set(secretRefFor(other), 'not-the-token')
    const wrong = await publisher().testConnection(other)
    expect(wrong).toMatchObject({ reachable: true, authenticated: false, error: { kind: 'auth' } })
    expect(JSON.stringify(wrong)).not.toContain('not-the-token')
  })
})
