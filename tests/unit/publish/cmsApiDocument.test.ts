import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CMS_API_DOCUMENT, contractChecker, documentedOperations, validatedCmsApi, type CmsApiDocument } from '../../support/cmsApiContract'
import { startCmsServer, type CmsServer } from '../../support/cmsServer'
import { makeTempDir } from '../../support/draftFixtures'

const article = { externalId: 'draft-doc-1', title: '校园动态', content: '<p>正文</p>', status: 'publish', tags: ['双高'], publishAt: null, columnId: 'c1' }

describe('docs/cms-api.yaml', () => {
  it('is valid OpenAPI 3.1 for a maintained validator', async () => {
    const doc = await validatedCmsApi()
    expect(documentedOperations(doc)).toEqual([
      'GET /me',
      'GET /columns',
      'GET /media',
      'POST /media',
      'GET /articles',
      'POST /articles',
      'GET /articles/{id}',
      'PUT /articles/{id}'
    ])
  })

  it('is rejected as soon as a description holds an unquoted ": " again (the bug this guards)', async () => {
    const temp = await makeTempDir('newsroom-cms-doc-')
    try {
      const text = await readFile(CMS_API_DOCUMENT, 'utf8')
      const broken = text.replace("description: 'A token the CMS issues per account, sent as `Authorization: Bearer <token>`.'", 'description: A token the CMS issues per account, sent as `Authorization: Bearer <token>`.')
      expect(broken).not.toBe(text)
      const path = join(temp.dir, 'cms-api.yaml')
      await writeFile(path, broken)
      await expect(validatedCmsApi(path)).rejects.toThrow()
    } finally {
      await temp.cleanup()
    }
  })
})

describe('the CMS test server conforms to docs/cms-api.yaml', () => {
  let cms: CmsServer
  let doc: CmsApiDocument
  beforeEach(async () => {
    doc = await validatedCmsApi()
    cms = await startCmsServer({ maxUploadBytes: 64 * 1024 })
  })
  afterEach(() => cms.close())

  const call = (method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}, token: string | null = cms.token) =>
    fetch(`${cms.url}${path}`, { method, ...(body === undefined ? {} : { body }), headers: { ...(token === null ? {} : { Authorization: `Bearer ${token}` }), ...headers } })
  const json = (value: unknown) => [JSON.stringify(value), { 'Content-Type': 'application/json' }] as const
  const upload = (bytes: number, externalId: string) => {
    const form = new FormData()
    form.set('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg')
    form.set('externalId', externalId)
    form.set('caption', '会议现场')
    form.set('credit', '赵六')
    return form
  }

  it('serves every documented operation, its errors included, with bodies matching the schemas', async () => {
    expect((await call('GET', '/me')).status).toBe(200)
    expect((await call('GET', '/me', undefined, {}, null)).status).toBe(401)
    expect((await call('GET', '/columns')).status).toBe(200)
    expect((await call('GET', '/media?externalId=draft-doc-1:abc')).status).toBe(200)
    expect((await call('POST', '/media', upload(1024, 'draft-doc-1:abc'))).status).toBe(201)
    expect((await call('POST', '/media', upload(128 * 1024, 'draft-doc-1:big'))).status).toBe(413)
    expect((await call('GET', '/articles?externalId=draft-doc-1')).status).toBe(200)
    const created = await call('POST', '/articles', ...json(article))
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    expect((await call('POST', '/articles', ...json(article))).status).toBe(409)
    expect((await call('GET', `/articles/${id}`)).status).toBe(200)
    expect((await call('PUT', `/articles/${id}`, ...json({ ...article, title: '校园动态（更新）' }))).status).toBe(200)
    expect((await call('GET', '/articles/nope')).status).toBe(404)
    expect((await call('PUT', `/articles/${id}`, ...json({ ...article, content: 7 }))).status).toBe(400)
    cms.canPublish = false
    expect((await call('PUT', `/articles/${id}`, ...json(article))).status).toBe(403)

    const { covered, problems } = await contractChecker(doc).checkAll(cms.exchanges)
    expect(problems).toEqual([])
    expect([...covered].sort()).toEqual(documentedOperations(doc).sort())
  })

  it('the check catches a server that drifts: an undocumented route, status or field, a missing required field', async () => {
    const checker = contractChecker(doc)
    await call('POST', '/articles', ...json(article))
    const [answer] = cms.exchanges
    if (answer === undefined) throw new Error('no exchange recorded')
    const withoutUrl = { ...answer, responseBody: { ...(answer.responseBody as object), url: undefined } }
    expect((await checker.check(withoutUrl)).problems.join()).toMatch(/url/)
    expect((await checker.check({ ...answer, status: 202 })).problems.join()).toMatch(/status 202 is not documented/)
    expect((await checker.check({ ...answer, path: '/posts' })).problems.join()).toMatch(/not an operation/)
    const badRequest = { ...answer, requestBody: Buffer.from(JSON.stringify({ ...article, status: 'published' })) }
    expect((await checker.check(badRequest)).problems.join()).toMatch(/request/)
    const noQuery = { ...answer, method: 'GET', query: {}, status: 200, responseBody: { items: [] } }
    expect((await checker.check(noQuery)).problems.join()).toMatch(/externalId missing/)
  })
})
