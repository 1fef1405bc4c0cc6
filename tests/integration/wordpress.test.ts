import { randomBytes } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPublisher, type Publisher } from '../../src/main/services/publish/publisher'
import { PublishError } from '../../src/main/services/publish/publishError'
import { secretRefFor } from '../../src/main/services/publish/secretBinding'
import { createMemorySecretStore } from '../../src/main/services/publish/secretStore'
import { mediaSlugFor, postSlugFor } from '../../src/main/services/publish/wordpress'
import { formatCreditLine } from '../../src/shared/article/creditLine'
import { ArticleMetadataSchema } from '../../src/shared/model/metadata'
import type { PublishProgress, WordPressTarget } from '../../src/shared/model/publish'
import { WordPressTargetSchema } from '../../src/shared/model/publish'
import { makeTempDir } from '../support/draftFixtures'
import { startFaultProxy, type Fault, type FaultProxy } from '../support/faultProxy'
import { campusArticle, createFixtureLibrary, photo, uniqueSeed } from '../support/publishFixtures'
import { findWordPress, type WordPressEnv } from '../support/wordpressEnv'

const found = await findWordPress()
if ('reason' in found) console.warn(`[integration] WordPress tests skipped: ${found.reason}`)
const describeWordPress = 'env' in found ? describe : describe.skip
const wp: WordPressEnv = 'env' in found ? found.env : { url: 'http://127.0.0.1:1', user: '', appPassword: '' }

const auth = () => `Basic ${Buffer.from(`${wp.user}:${wp.appPassword}`).toString('base64')}`
async function rest(route: string, query: Record<string, string> = {}, init: RequestInit = {}): Promise<{ status: number; data: unknown; total: number }> {
  const params = new URLSearchParams(query).toString()
  const response = await fetch(`${wp.url}/?rest_route=${route}${params === '' ? '' : `&${params}`}`, {
    ...init,
    headers: { Authorization: auth(), ...(init.headers as Record<string, string> | undefined) }
  })
  return { status: response.status, data: (await response.json()) as unknown, total: Number(response.headers.get('x-wp-total') ?? '0') }
}
const ANY = 'publish,future,draft,pending,private'
const postCount = async () => (await rest('/wp/v2/posts', { status: ANY, per_page: '1' })).total
const mediaCount = async () => (await rest('/wp/v2/media', { per_page: '1' })).total
type Post = { id: number; link: string; status: string; featured_media: number; categories: number[]; tags: number[]; meta?: Record<string, unknown>; title: { raw: string }; content: { raw: string; rendered: string }; excerpt: { raw: string } }

/** Requests of a publish with three new photos, one column and one tag (route style fixed). */
const REQUESTS = 11
const unique = () => `it-${randomBytes(5).toString('hex')}`

describeWordPress('publishing to a real WordPress', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>
  let library: ReturnType<typeof createFixtureLibrary>
  let photos: Buffer[]
  const logs: string[] = []
  const original = { log: console.log, warn: console.warn, error: console.error }
  const secrets = createMemorySecretStore()

  function target(fields: Partial<WordPressTarget> & { baseUrl?: string } = {}): WordPressTarget {
    return WordPressTargetSchema.parse({
      id: 'school-wp',
      name: '学校官网',
      kind: 'wordpress',
      baseUrl: wp.url,
      username: wp.user,
      allowCreateCategory: true,
      ...fields
    })
  }
  function publisher(timeoutMs = 20_000): Publisher {
    return createPublisher({ fetch, secrets, clock: { now: () => new Date() }, timeoutMs, ...library.deps() })
  }
  async function addCampusDraft(id: string) {
    return library.add(id, {
      title: campusArticle.title,
      paragraphs: campusArticle.paragraphs,
      photos: campusArticle.captions.map((caption, index) => ({ bytes: photos[index] ?? Buffer.alloc(0), caption, alt: `${caption}（照片）`, credit: '赵六' })),
      metadata: campusArticle.metadata
    })
  }

  beforeAll(async () => {
    temp = await makeTempDir('newsroom-wp-it-')
    library = createFixtureLibrary(temp.dir)
    photos = await Promise.all([1, 2, 3].map(() => photo(uniqueSeed())))
    await secrets.set(secretRefFor(target()), wp.appPassword)
    for (const level of ['log', 'warn', 'error'] as const) {
      console[level] = (...args: unknown[]) => {
        logs.push(args.map(String).join(' '))
        original[level](...args)
      }
    }
  })
  afterAll(async () => {
    Object.assign(console, original)
    await temp.cleanup()
  })

  it('publishes a Chinese article with three captioned photos: REST and the rendered page show all of it; publishing again updates in place', async () => {
    const draftId = unique()
    const { assetIds } = await addCampusDraft(draftId)
    const posts = await postCount()
    const media = await mediaCount()
    const progress: PublishProgress[] = []
    const result = await publisher().publish({ draftId, target: target(), onProgress: (p) => progress.push(p) })

    expect(result.created).toBe(true)
    expect(result.status).toBe('publish')
    expect(result.imagesUploaded).toBe(3)
    expect(await postCount()).toBe(posts + 1)
    expect(await mediaCount()).toBe(media + 3)
    expect(progress.filter((p) => p.step === 'upload-images').map((p) => `${String(p.done)}/${String(p.total)}`)).toEqual(['0/3', '1/3', '2/3', '3/3'])
    expect(result.verification).toMatchObject({ ok: true, findings: [] })

    const post = (await rest(`/wp/v2/posts/${result.remoteArticleId}`, { context: 'edit' })).data as Post
    expect(post.title.raw).toBe(campusArticle.title)
    expect(post.excerpt.raw).toBe(campusArticle.metadata.summary)
    for (const paragraph of campusArticle.paragraphs) expect(post.content.raw).toContain(`<p>${paragraph}</p>`)
    const credit = formatCreditLine(ArticleMetadataSchema.parse({ ...campusArticle.metadata, title: campusArticle.title }))
    expect(credit).not.toBe('')
    expect(post.content.raw).toContain(`<p>${credit}</p>`)
    const record = await publisher().records.read(draftId, 'school-wp')
    const cover = record.images[assetIds[0] ?? '']
    expect(post.featured_media).toBe(Number(cover?.remoteId))
    for (const [index, assetId] of assetIds.entries()) {
      const uploaded = record.images[assetId]
      const item = (await rest(`/wp/v2/media/${uploaded?.remoteId ?? ''}`, { context: 'edit' })).data as { source_url: string; alt_text: string; caption: { raw: string }; description: { raw: string }; slug: string }
      expect(item.source_url).toBe(uploaded?.remoteUrl)
      expect(item.alt_text).toBe(`${campusArticle.captions[index] ?? ''}（照片）`)
      expect(item.caption.raw).toBe(campusArticle.captions[index])
      expect(item.description.raw).toBe('摄影：赵六')
      expect(item.slug).toBe(mediaSlugFor(draftId, uploaded?.contentHash ?? ''))
      expect(post.content.raw).toContain(`<img src="${item.source_url}"`)
    }
    const category = (await rest('/wp/v2/categories', { search: '校园动态' })).data as { id: number; name: string }[]
    expect(post.categories).toEqual([category.find((c) => c.name === '校园动态')?.id])
    expect(post.tags).toHaveLength(1)
    expect(post.meta?.newsroom_draft_id).toBe(draftId)
    expect(post.meta?.newsroom_source_department).toBe('双高办')
    expect(post.meta?.newsroom_people).toContain('张三')

    // The rendered page, as a reader gets it.
    const page = await (await fetch(post.link)).text()
    expect(page).toMatch(/<h1[^>]*>学校召开“双高计划”建设推进会<\/h1>/)
    for (const paragraph of campusArticle.paragraphs) expect(page).toContain(paragraph)
    for (const caption of campusArticle.captions) expect(page).toContain(`<figcaption>${caption}</figcaption>`)
    expect(page).toContain(credit)
    const coverUrl = cover?.remoteUrl ?? 'missing'
    expect(page).toMatch(new RegExp(`wp-block-post-featured-image[\\s\\S]*?<img[^>]+src="${coverUrl.replace(/\.jpg$/, '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[^"]*"`))

    // Again, after an edit: the same post, no new media.
    library.update(draftId, (draft) => ({ ...draft, title: `${campusArticle.title}（更新）` }))
    const again = await publisher().publish({ draftId, target: target() })
    expect(again).toMatchObject({ created: false, remoteArticleId: result.remoteArticleId, imagesUploaded: 0, imagesReused: 3 })
    expect(await postCount()).toBe(posts + 1)
    expect(await mediaCount()).toBe(media + 3)
    expect(((await rest(`/wp/v2/posts/${result.remoteArticleId}`, { context: 'edit' })).data as Post).title.raw).toBe(`${campusArticle.title}（更新）`)
  })

  it('works through /?rest_route= and auto-detects the route style', async () => {
    for (const routeStyle of ['rest_route', 'auto'] as const) {
      const draftId = unique()
      await library.add(draftId, { title: `路由测试 ${routeStyle}`, paragraphs: ['正文一段。'], photos: [], metadata: { column: '校园动态' } })
      const result = await publisher().publish({ draftId, target: target({ routeStyle }) })
      expect(result.created).toBe(true)
      expect(((await rest(`/wp/v2/posts/${result.remoteArticleId}`)).data as Post).status).toBe('publish')
    }
  })

  it('schedules an article whose publication time is in the future', async () => {
    const draftId = unique()
    await library.add(draftId, { title: '定时发布测试', paragraphs: ['将在明天发布。'], photos: [], metadata: { column: '校园动态', publishAt: new Date(Date.now() + 86_400_000).toISOString() } })
    const result = await publisher().publish({ draftId, target: target() })
    expect(result.status).toBe('future')
    expect(result.verification).toBeNull()
  })

  it('refuses to overwrite an article edited on the site, shows both versions, and overwrites when told to', async () => {
    const draftId = unique()
    await library.add(draftId, { title: '冲突测试', paragraphs: ['我们的正文。'], photos: [], metadata: { column: '校园动态' } })
    const first = await publisher().publish({ draftId, target: target() })
    // WordPress keeps modification times to the second.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    await rest(`/wp/v2/posts/${first.remoteArticleId}`, {}, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ content: '<p>网站编辑改过的正文。</p>' }) })
    const error = await publisher()
      .publish({ draftId, target: target() })
      .then(() => null, (e: unknown) => e)
    expect(error).toBeInstanceOf(PublishError)
    expect((error as PublishError).kind).toBe('conflict')
    expect((error as PublishError).conflict?.remote.content).toBe('<p>网站编辑改过的正文。</p>')
    expect((error as PublishError).conflict?.ours.content).toContain('我们的正文。')
    await publisher().publish({ draftId, target: target(), options: { overwriteRemoteEdits: true } })
    expect(((await rest(`/wp/v2/posts/${first.remoteArticleId}`, { context: 'edit' })).data as Post).content.raw).toContain('我们的正文。')
  })

  it('flags a link injected into the live article', async () => {
    const draftId = unique()
    await library.add(draftId, { title: '页面检查测试', paragraphs: ['干净的正文。'], photos: [], metadata: { column: '校园动态' } })
    const result = await publisher().publish({ draftId, target: target() })
    expect(result.verification?.ok).toBe(true)
    const post = (await rest(`/wp/v2/posts/${result.remoteArticleId}`, { context: 'edit' })).data as Post
    await rest(`/wp/v2/posts/${result.remoteArticleId}`, {}, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ content: `${post.content.raw}\n<p><a href="https://spam.example/casino">cheap pills</a></p>` })
    })
    const report = await publisher().verify(draftId, target())
    expect(report.ok).toBe(false)
    expect(report.findings).toEqual([{ kind: 'foreign-link', detail: 'https://spam.example/casino' }])
  })

  it('a wrong application password is an auth error that does not carry the password', async () => {
    const wrong = 'abcd efgh ijkl mnop qrst uvwx'
    await secrets.set(secretRefFor(target({ id: 'wrong-wp' })), wrong)
    const draftId = unique()
    await library.add(draftId, { title: '密码错误', paragraphs: ['正文'], photos: [], metadata: {} })
    const error = await publisher()
      .publish({ draftId, target: target({ id: 'wrong-wp' }) })
      .then(() => null, (e: unknown) => e)
    expect((error as PublishError).kind).toBe('auth')
    expect(JSON.stringify((error as PublishError).toInfo())).not.toContain(wrong)
    expect(String((error as Error).message)).not.toContain(wrong)
    const report = await publisher().testConnection(target({ id: 'wrong-wp' }))
    expect(report).toMatchObject({ reachable: true, authenticated: false, error: { kind: 'auth' } })
    const good = await publisher().testConnection(target())
    expect(good).toMatchObject({ reachable: true, authenticated: true, canPublish: true })
    expect(good.columns.map((c) => c.name)).toContain('校园动态')
  })

  describe('network faults at each request of a publish, then a retry: exactly one article with all photos', () => {
    let proxy: FaultProxy
    beforeAll(async () => {
      proxy = await startFaultProxy(wp.url)
      // The password belongs to an origin: the proxy's address is another one, so it is given again for it.
      await secrets.set(secretRefFor(target({ baseUrl: proxy.url, routeStyle: 'wp-json' })), wp.appPassword)
    })
    afterAll(async () => {
      await proxy.close()
    })

    it('counts the requests of a clean publish through the proxy', async () => {
      const draftId = unique()
      await addCampusDraft(draftId)
      proxy.reset()
      await publisher().publish({ draftId, target: target({ baseUrl: proxy.url, routeStyle: 'wp-json' }), options: { verify: false } })
      // credentials, post lookup, 3 × (media lookup + upload), category, tag, create
      expect(proxy.count).toBe(REQUESTS)
    })

    for (const fault of ['drop', 'status-500', 'stall'] as Fault[]) {
      it(`${fault} at request 1…${String(REQUESTS)}`, async () => {
        for (let n = 1; n <= REQUESTS; n++) {
          const draftId = unique()
          photos = await Promise.all([1, 2, 3].map(() => photo(uniqueSeed())))
          await addCampusDraft(draftId)
          const posts = await postCount()
          const media = await mediaCount()
          const via = target({ baseUrl: proxy.url, routeStyle: 'wp-json' })
          proxy.failAt(n, fault)
          const failed = await publisher(fault === 'stall' ? 2500 : 20_000)
            .publish({ draftId, target: via, options: { verify: false } })
            .then(() => null, (e: unknown) => e)
          expect(failed, `${fault} at request ${String(n)}`).toBeInstanceOf(PublishError)
          expect((failed as PublishError).retryable, `${fault} at ${String(n)}: ${(failed as Error).message}`).toBe(true)
          proxy.reset()
          const retried = await publisher().publish({ draftId, target: via, options: { verify: false } })
          const matching = (await rest('/wp/v2/posts', { slug: postSlugFor(draftId), status: ANY })).data as Post[]
          expect(matching.map((p) => String(p.id)), `${fault} at request ${String(n)}`).toEqual([retried.remoteArticleId])
          expect(await postCount(), `${fault} at request ${String(n)}: posts`).toBe(posts + 1)
          expect(await mediaCount(), `${fault} at request ${String(n)}: media`).toBe(media + 3)
          const content = ((await rest(`/wp/v2/posts/${retried.remoteArticleId}`, { context: 'edit' })).data as Post).content.raw
          expect(content.match(/<figure>/g)).toHaveLength(3)
        }
      })
    }
  })

  it('after all of the above (publishes, a 401, faults), no password is in the data folder or the logs', async () => {
    const files: string[] = []
    for (const entry of await readdir(temp.dir, { recursive: true, withFileTypes: true })) if (entry.isFile()) files.push(join(entry.parentPath, entry.name))
    expect(files.some((file) => file.endsWith('publish.json'))).toBe(true)
    for (const file of files) {
      const bytes = await readFile(file)
      expect(bytes.includes(wp.appPassword), file).toBe(false)
      expect(bytes.includes('abcd efgh ijkl mnop qrst uvwx'), file).toBe(false)
    }
    expect(logs.join('\n')).not.toContain(wp.appPassword)
  })
})
