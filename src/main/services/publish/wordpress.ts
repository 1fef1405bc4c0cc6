import { articleToHtml } from '../../../shared/article/toHtml'
import type { ConnectionReport, PublishRecord, WordPressRouteStyle, WordPressTarget } from '../../../shared/model/publish'
import type { AdapterOutcome, PublishAdapter, PublishContext } from './adapter'
import type { HttpClient } from './http'
import { runPool } from './http'
import type { PreparedArticle, PreparedImage } from './preparedArticle'
import { acceptedLiveUrl } from './liveAddress'
import { PublishError } from './publishError'

/*
 * Exactly once against WordPress (docs/publish.md):
 * - every post we create carries the slug `newsroom-<draftId>` (and the meta key newsroom_draft_id where the
 *   site registers it); every image the slug `newsroom-<draftId>-<first 16 hex of its sha256>`;
 * - the remote id is written to the draft's publish.json right after each create answers;
 * - when the answer was lost (cut, crash, timeout after the site acted), the next run finds the post or image
 *   by its slug before creating it again.
 */

export function postSlugFor(draftId: string): string {
  return `newsroom-${draftId}`
}
export function mediaSlugFor(draftId: string, contentHash: string): string {
  return `newsroom-${draftId}-${contentHash.slice(0, 16)}`
}

const ANY_STATUS = 'publish,future,draft,pending,private'

export type WordPressApi = {
  style: Exclude<WordPressRouteStyle, 'auto'>
  url(route: string, query?: Record<string, string>): string
}

export function wordPressApi(baseUrl: string, style: Exclude<WordPressRouteStyle, 'auto'>): WordPressApi {
  return {
    style,
    url(route, query = {}) {
      const params = new URLSearchParams(query).toString()
      if (style === 'wp-json') return `${baseUrl}/wp-json${route}${params === '' ? '' : `?${params}`}`
      return `${baseUrl}/?rest_route=${route}${params === '' ? '' : `&${params}`}`
    }
  }
}

function isRestIndex(data: unknown): boolean {
  const namespaces = (data as { namespaces?: unknown } | null)?.namespaces
  return Array.isArray(namespaces) && namespaces.includes('wp/v2')
}

const detected = new Map<string, WordPressApi>()

/** `/wp-json/` needs pretty permalinks; `/?rest_route=` works on every site. Auto tries both, once per address. */
export async function detectApi(http: HttpClient, target: WordPressTarget): Promise<WordPressApi> {
  if (target.routeStyle !== 'auto') return wordPressApi(target.baseUrl, target.routeStyle)
  const known = detected.get(target.baseUrl)
  if (known) return known
  for (const style of ['wp-json', 'rest_route'] as const) {
    const api = wordPressApi(target.baseUrl, style)
    const answer = await http.send(api.url('/'), { step: 'connect', accept: [400, 401, 403, 404, 410] })
    if (answer.status === 200 && isRestIndex(answer.data)) {
      detected.set(target.baseUrl, api)
      return api
    }
  }
  throw new PublishError('not-found', `${target.baseUrl} does not answer as a WordPress REST API (tried /wp-json/ and /?rest_route=/)`, { step: 'connect' })
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`
}

type WpPost = {
  id: number
  link: string
  status: string
  modified_gmt: string
  title: { raw?: string; rendered?: string }
  content: { raw?: string; rendered?: string }
}

function asPost(data: unknown, step: string): WpPost {
  const post = data as Partial<WpPost> | null
  if (post === null || typeof post !== 'object' || typeof post.id !== 'number' || typeof post.link !== 'string' || typeof post.modified_gmt !== 'string') {
    throw new PublishError('invalid-response', 'the site answered without a post id, link and modified time', { step })
  }
  return post as WpPost
}

function asMedia(data: unknown, step: string): { id: number; source_url: string } {
  const media = data as { id?: unknown; source_url?: unknown } | null
  if (media === null || typeof media !== 'object' || typeof media.id !== 'number' || typeof media.source_url !== 'string') {
    throw new PublishError('invalid-response', 'the site answered without a media id and address', { step })
  }
  return { id: media.id, source_url: media.source_url }
}

function list(data: unknown, step: string): unknown[] {
  if (!Array.isArray(data)) throw new PublishError('invalid-response', 'the site answered something that is not a list', { step })
  return data
}

/** Names come back HTML-escaped (`&amp;`). */
function decodeName(name: string): string {
  return name
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .trim()
}

async function findTerm(http: HttpClient, api: WordPressApi, taxonomy: 'categories' | 'tags', name: string): Promise<number | null> {
  const answer = await http.send(api.url(`/wp/v2/${taxonomy}`, { search: name, per_page: '100' }), { step: 'prepare' })
  for (const term of list(answer.data, 'prepare')) {
    const candidate = term as { id?: unknown; name?: unknown }
    if (typeof candidate.id === 'number' && typeof candidate.name === 'string' && decodeName(candidate.name) === name) return candidate.id
  }
  return null
}

async function createTerm(http: HttpClient, api: WordPressApi, taxonomy: 'categories' | 'tags', name: string): Promise<number | null> {
  try {
    const answer = await http.send(api.url(`/wp/v2/${taxonomy}`), {
      method: 'POST',
      step: 'prepare',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name })
    })
    const id = (answer.data as { id?: unknown } | null)?.id
    return typeof id === 'number' ? id : null
  } catch (error) {
    // Another run created it meanwhile: WordPress answers term_exists with the id.
    const existing = error instanceof PublishError && error.httpStatus === 400 ? await findTerm(http, api, taxonomy, name) : null
    if (existing !== null) return existing
    if (error instanceof PublishError && error.kind === 'forbidden') return null
    throw error
  }
}

async function categoryIds(http: HttpClient, api: WordPressApi, target: WordPressTarget, column: string): Promise<number[]> {
  if (column === '') return []
  const mapped = target.categoryMap[column]
  if (mapped !== undefined) return [mapped]
  const found = await findTerm(http, api, 'categories', column)
  if (found !== null) return [found]
  if (!target.allowCreateCategory) return []
  const created = await createTerm(http, api, 'categories', column)
  return created === null ? [] : [created]
}

async function tagIds(http: HttpClient, api: WordPressApi, tags: readonly string[]): Promise<number[]> {
  const ids: number[] = []
  for (const tag of tags) {
    const id = (await findTerm(http, api, 'tags', tag)) ?? (await createTerm(http, api, 'tags', tag))
    if (id !== null) ids.push(id)
  }
  return ids
}

async function findBySlug(http: HttpClient, api: WordPressApi, kind: 'posts' | 'media', slug: string, step: string): Promise<unknown> {
  const query: Record<string, string> = { slug, context: 'edit' }
  if (kind === 'posts') query.status = ANY_STATUS
  const answer = await http.send(api.url(`/wp/v2/${kind}`, query), { step })
  return list(answer.data, step)[0] ?? null
}

async function uploadImage(context: PublishContext<WordPressTarget>, api: WordPressApi, draftId: string, image: PreparedImage): Promise<{ id: number; source_url: string }> {
  const { http } = context
  const slug = mediaSlugFor(draftId, image.contentHash)
  const earlier = await findBySlug(http, api, 'media', slug, 'upload-images')
  if (earlier !== null) return asMedia(earlier, 'upload-images')
  // Multipart keeps the Chinese caption in the body: Node's fetch refuses non-ASCII header values.
  const form = new FormData()
  form.append('file', new Blob([image.bytes], { type: image.mime }), image.fileName)
  form.append('slug', slug)
  form.append('title', image.caption === '' ? image.fileName : image.caption)
  form.append('alt_text', image.alt === '' ? image.caption : image.alt)
  form.append('caption', image.caption)
  form.append('description', image.credit === '' ? '' : `摄影：${image.credit}`)
  const answer = await http.send(api.url('/wp/v2/media'), { method: 'POST', step: 'upload-images', body: form })
  return asMedia(answer.data, 'upload-images')
}

function plainTitle(post: WpPost): string {
  return post.title.raw ?? post.title.rendered ?? ''
}

/** `2024-05-01T08:00:00` in UTC, as WordPress wants date_gmt. */
function wpGmt(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19)
}

function peopleOf(article: PreparedArticle): string {
  const m = article.article.metadata
  const parts = [
    m.authors.length > 0 ? `供稿：${m.authors.join('、')}` : '',
    m.photographers.length > 0 ? `摄影：${m.photographers.join('、')}` : '',
    m.editor === '' ? '' : `编辑：${m.editor}`,
    m.proofreader === '' ? '' : `校对：${m.proofreader}`,
    m.reviewer === '' ? '' : `审核：${m.reviewer}`
  ]
  return parts.filter((part) => part !== '').join('；')
}

export function wordPressContent(article: PreparedArticle, record: PublishRecord): string {
  return articleToHtml(article.article, (assetId) => record.images[assetId]?.remoteUrl ?? null, { header: false })
}

export const wordPressAdapter: PublishAdapter<WordPressTarget> = {
  async publish(context, article): Promise<AdapterOutcome> {
    const { http, target, clock } = context
    context.progress('connect', 0, 1)
    const api = await detectApi(http, target)
    // WordPress answers public reads as if a wrong password were no password at all: check it first.
    await http.send(api.url('/wp/v2/users/me', { context: 'edit' }), { step: 'connect' })
    let record = context.record
    const metadata = article.article.metadata

    // 1. The post we published before (or created but did not hear back about).
    let existing: WpPost | null = null
    if (record.remoteArticleId !== null) {
      const answer = await http.send(api.url(`/wp/v2/posts/${record.remoteArticleId}`, { context: 'edit' }), { step: 'connect', accept: [404, 410] })
      existing = answer.status === 200 ? asPost(answer.data, 'connect') : null
    }
    if (existing === null) {
      const found = await findBySlug(http, api, 'posts', postSlugFor(article.draftId), 'connect')
      if (found !== null) {
        existing = asPost(found, 'connect')
        const adopted = existing
        record = await context.saveRecord((r) => ({ ...r, remoteArticleId: String(adopted.id), remoteUrl: acceptedLiveUrl(target, adopted.link) }))
      }
    }
    context.progress('connect', 1, 1)

    // 2. Images: only new or changed ones, a few at a time, each recorded as soon as it is up.
    const pending = article.images.filter((image) => record.images[image.assetId]?.contentHash !== image.contentHash)
    let uploaded = 0
    context.progress('upload-images', 0, pending.length)
    await runPool(pending, context.imageConcurrency, async (image) => {
      const media = await uploadImage(context, api, article.draftId, image)
      record = await context.saveRecord((r) => ({
        ...r,
        images: { ...r.images, [image.assetId]: { remoteId: String(media.id), remoteUrl: media.source_url, contentHash: image.contentHash } }
      }))
      context.progress('upload-images', ++uploaded, pending.length)
    })

    // 3. The post itself.
    const categories = await categoryIds(http, api, target, metadata.column)
    const tags = await tagIds(http, api, metadata.tags)
    const wanted = context.options.status ?? target.defaultStatus
    const future = metadata.publishAt !== null && new Date(metadata.publishAt).getTime() > clock.now().getTime()
    const status = wanted === 'publish' && future ? 'future' : wanted
    const cover = article.coverAssetId === null ? undefined : record.images[article.coverAssetId]?.remoteId
    const content = wordPressContent(article, record)
    // Edited on the site since our last publish? Only a time we recorded can tell, and a post that holds exactly
    // what we sent (an update whose answer was lost) is ours.
    const remoteContent = existing === null ? '' : (existing.content.raw ?? existing.content.rendered ?? '')
    const ours = (text: { title: string; content: string } | null) => text !== null && existing !== null && plainTitle(existing) === text.title && remoteContent === text.content
    if (
      existing !== null &&
      record.remoteModifiedAt !== null &&
      existing.modified_gmt !== record.remoteModifiedAt &&
      !context.options.overwriteRemoteEdits &&
      !ours(record.lastSent) &&
      !ours({ title: metadata.title, content })
    ) {
      throw new PublishError('conflict', `the article was edited on the site at ${existing.modified_gmt} (UTC), after our last publish`, {
        step: 'update-article',
        conflict: {
          remoteModifiedAt: existing.modified_gmt,
          ourLastPublishAt: record.lastPublishedAt,
          remote: { title: plainTitle(existing), content: remoteContent },
          ours: { title: metadata.title, content }
        }
      })
    }
    const body = {
      title: metadata.title,
      content,
      excerpt: metadata.summary,
      status,
      slug: postSlugFor(article.draftId),
      categories,
      tags,
      ...(cover === undefined ? {} : { featured_media: Number(cover) }),
      ...(metadata.publishAt === null ? {} : { date_gmt: wpGmt(metadata.publishAt) }),
      // Dropped silently by sites that do not register these keys; the credit line in the content carries them anyway.
      meta: { newsroom_draft_id: article.draftId, newsroom_people: peopleOf(article), newsroom_source_department: metadata.sourceDepartment }
    }
    const step = existing === null ? 'create-article' : 'update-article'
    context.progress(step, 0, 1)
    let saved: WpPost
    try {
      const answer = await http.send(api.url(existing === null ? '/wp/v2/posts' : `/wp/v2/posts/${String(existing.id)}`, { context: 'edit' }), {
        method: 'POST',
        step,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body)
      })
      saved = asPost(answer.data, step)
    } catch (error) {
      if (error instanceof PublishError && error.kind === 'forbidden' && (status === 'publish' || status === 'future')) {
        throw new PublishError('forbidden', `${error.message}; the account may not publish, it can submit the article for review (pending)`, {
          httpStatus: 403,
          step,
          canSubmitPending: true,
          cause: error
        })
      }
      throw error
    }
    // The site names the live address; one off the site is not recorded (nor read, nor opened).
    const liveUrl = acceptedLiveUrl(target, saved.link)
    await context.saveRecord((r) => ({
      ...r,
      remoteArticleId: String(saved.id),
      remoteUrl: liveUrl,
      remoteModifiedAt: saved.modified_gmt,
      lastPublishedAt: clock.now().toISOString(),
      lastSent: { title: metadata.title, content }
    }))
    context.progress(step, 1, 1)
    return {
      remoteArticleId: String(saved.id),
      remoteUrl: liveUrl ?? '',
      status: saved.status === 'future' || saved.status === 'pending' || saved.status === 'draft' ? saved.status : 'publish',
      imagesUploaded: pending.length,
      imagesReused: article.images.length - pending.length,
      created: existing === null
    }
  },

  async testConnection({ http, target }): Promise<ConnectionReport> {
    const report: ConnectionReport = { reachable: false, authenticated: false, canPublish: false, columns: [], detail: '', error: null }
    try {
      const api = await detectApi(http, target)
      report.reachable = true
      report.detail = api.style
      const me = await http.send(api.url('/wp/v2/users/me', { context: 'edit' }), { step: 'connect' })
      report.authenticated = true
      const caps = (me.data as { capabilities?: Record<string, unknown> } | null)?.capabilities ?? {}
      report.canPublish = caps.publish_posts === true
      const categories = await http.send(api.url('/wp/v2/categories', { per_page: '100' }), { step: 'connect' })
      report.columns = list(categories.data, 'connect').flatMap((term) => {
        const t = term as { id?: unknown; name?: unknown }
        return typeof t.id === 'number' && typeof t.name === 'string' ? [{ id: String(t.id), name: decodeName(t.name) }] : []
      })
    } catch (error) {
      if (!(error instanceof PublishError)) throw error
      report.error = error.toInfo()
    }
    return report
  }
}
