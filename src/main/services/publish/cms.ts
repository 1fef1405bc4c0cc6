import { articleToHtml } from '../../../shared/article/toHtml'
import type { CmsArticleField, CmsTarget, ConnectionReport } from '../../../shared/model/publish'
import type { AdapterOutcome, PublishAdapter } from './adapter'
import { runPool } from './http'
import type { HttpClient } from './http'
import { acceptedLiveUrl } from './liveAddress'
import { PublishError } from './publishError'

/*
 * The generic school-CMS API (docs/cms-api.yaml). Exactly once: every article and medium carries our
 * `externalId` (`<draftId>` and `<draftId>:<sha256>`), which the CMS keeps and lets us look up, so an answer
 * lost on the way is found again instead of created twice.
 */

type CmsArticle = { id: string; url: string; modifiedAt: string; title?: unknown; content?: unknown }

function asArticle(data: unknown, step: string): CmsArticle {
  const article = data as Partial<CmsArticle> | null
  if (article === null || typeof article !== 'object' || typeof article.id !== 'string' || typeof article.url !== 'string' || typeof article.modifiedAt !== 'string') {
    throw new PublishError('invalid-response', 'the CMS answered without an article id, url and modifiedAt', { step })
  }
  return article as CmsArticle
}

function asMedia(data: unknown, step: string): { id: string; url: string } {
  const media = data as { id?: unknown; url?: unknown } | null
  if (media === null || typeof media !== 'object' || typeof media.id !== 'string' || typeof media.url !== 'string') {
    throw new PublishError('invalid-response', 'the CMS answered without a media id and url', { step })
  }
  return { id: media.id, url: media.url }
}

function items(data: unknown, step: string): unknown[] {
  const list = (data as { items?: unknown } | null)?.items
  if (!Array.isArray(list)) throw new PublishError('invalid-response', 'the CMS answered a list without items', { step })
  return list
}

/** Our field names → the CMS's, per the target's mapping; unmapped fields keep our names. */
export function mapFields(mapping: CmsTarget['fieldMapping'], fields: Partial<Record<CmsArticleField, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue
    out[mapping[name as CmsArticleField] ?? name] = value
  }
  return out
}

async function columnsOf(http: HttpClient, baseUrl: string): Promise<{ id: string; name: string }[]> {
  const answer = await http.send(`${baseUrl}/columns`, { step: 'connect' })
  return items(answer.data, 'connect').flatMap((column) => {
    const c = column as { id?: unknown; name?: unknown }
    return typeof c.id === 'string' && typeof c.name === 'string' ? [{ id: c.id, name: c.name }] : []
  })
}

export function createCmsAdapter(): PublishAdapter<CmsTarget> {
  return {
    async publish(context, article): Promise<AdapterOutcome> {
      const { http, target, clock } = context
      const base = target.baseUrl
      const metadata = article.article.metadata
      let record = context.record
      context.progress('connect', 0, 1)
      const columns = await columnsOf(http, base)

      let existing: CmsArticle | null = null
      if (record.remoteArticleId !== null) {
        const answer = await http.send(`${base}/articles/${encodeURIComponent(record.remoteArticleId)}`, { step: 'connect', accept: [404] })
        existing = answer.status === 200 ? asArticle(answer.data, 'connect') : null
      }
      if (existing === null) {
        const found = await http.send(`${base}/articles?externalId=${encodeURIComponent(article.draftId)}`, { step: 'connect' })
        const first = items(found.data, 'connect')[0]
        if (first !== undefined) {
          const adopted = asArticle(first, 'connect')
          existing = adopted
          record = await context.saveRecord((r) => ({ ...r, remoteArticleId: adopted.id, remoteUrl: acceptedLiveUrl(target, adopted.url) }))
        }
      }
      context.progress('connect', 1, 1)

      const pending = article.images.filter((image) => record.images[image.assetId]?.contentHash !== image.contentHash)
      let uploaded = 0
      context.progress('upload-images', 0, pending.length)
      await runPool(pending, context.imageConcurrency, async (image) => {
        const externalId = `${article.draftId}:${image.contentHash}`
        const found = await http.send(`${base}/media?externalId=${encodeURIComponent(externalId)}`, { step: 'upload-images' })
        let media = items(found.data, 'upload-images')[0]
        if (media === undefined) {
          const form = new FormData()
          form.append('file', new Blob([image.bytes], { type: image.mime }), image.fileName)
          form.append('externalId', externalId)
          form.append('alt', image.alt === '' ? image.caption : image.alt)
          form.append('caption', image.caption)
          form.append('credit', image.credit)
          media = (await http.send(`${base}/media`, { method: 'POST', step: 'upload-images', body: form })).data
        }
        const { id, url } = asMedia(media, 'upload-images')
        record = await context.saveRecord((r) => ({ ...r, images: { ...r.images, [image.assetId]: { remoteId: id, remoteUrl: url, contentHash: image.contentHash } } }))
        context.progress('upload-images', ++uploaded, pending.length)
      })

      const content = articleToHtml(article.article, (assetId) => record.images[assetId]?.remoteUrl ?? null, { header: false })
      const remoteTitle = typeof existing?.title === 'string' ? existing.title : ''
      const remoteContent = typeof existing?.content === 'string' ? existing.content : ''
      const isOurs = (sent: { title: string; content: string } | null) => sent !== null && sent.title === remoteTitle && sent.content === remoteContent
      if (
        existing !== null &&
        record.remoteModifiedAt !== null &&
        existing.modifiedAt !== record.remoteModifiedAt &&
        !context.options.overwriteRemoteEdits &&
        !isOurs(record.lastSent) &&
        !isOurs({ title: metadata.title, content })
      ) {
        throw new PublishError('conflict', `the article was edited in the CMS at ${existing.modifiedAt}, after our last publish`, {
          step: 'update-article',
          conflict: {
            remoteModifiedAt: existing.modifiedAt,
            ourLastPublishAt: record.lastPublishedAt,
            remote: { title: remoteTitle, content: remoteContent },
            ours: { title: metadata.title, content }
          }
        })
      }

      const wanted = context.options.status ?? 'publish'
      const future = metadata.publishAt !== null && new Date(metadata.publishAt).getTime() > clock.now().getTime()
      const status = wanted === 'publish' && future ? 'future' : wanted
      const cover = article.coverAssetId === null ? undefined : record.images[article.coverAssetId]?.remoteId
      const body = mapFields(target.fieldMapping, {
        externalId: article.draftId,
        title: metadata.title,
        subtitle: metadata.subtitle,
        content,
        summary: metadata.summary,
        columnId: columns.find((column) => column.name === metadata.column)?.id ?? null,
        tags: metadata.tags,
        coverMediaId: cover ?? null,
        publishAt: metadata.publishAt,
        status,
        authors: metadata.authors,
        photographers: metadata.photographers,
        editor: metadata.editor,
        sourceDepartment: metadata.sourceDepartment
      })
      const step = existing === null ? 'create-article' : 'update-article'
      context.progress(step, 0, 1)
      let saved: CmsArticle
      try {
        const answer = await http.send(existing === null ? `${base}/articles` : `${base}/articles/${encodeURIComponent(existing.id)}`, {
          method: existing === null ? 'POST' : 'PUT',
          step,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body)
        })
        saved = asArticle(answer.data, step)
      } catch (error) {
        if (error instanceof PublishError && error.kind === 'forbidden' && status !== 'pending' && status !== 'draft') {
          throw new PublishError('forbidden', `${error.message}; the account may not publish, it can submit the article for review`, { httpStatus: 403, step, canSubmitPending: true, cause: error })
        }
        throw error
      }
      // The CMS names the live address; one off the site is not recorded (nor read, nor opened).
      const liveUrl = acceptedLiveUrl(target, saved.url)
      await context.saveRecord((r) => ({
        ...r,
        remoteArticleId: saved.id,
        remoteUrl: liveUrl,
        remoteModifiedAt: saved.modifiedAt,
        lastPublishedAt: clock.now().toISOString(),
        lastSent: { title: metadata.title, content }
      }))
      context.progress(step, 1, 1)
      return { remoteArticleId: saved.id, remoteUrl: liveUrl ?? '', status, imagesUploaded: pending.length, imagesReused: article.images.length - pending.length, created: existing === null }
    },

    async testConnection({ http, target }): Promise<ConnectionReport> {
      const report: ConnectionReport = { reachable: false, authenticated: false, canPublish: false, columns: [], detail: '', error: null }
      try {
        const me = await http.send(`${target.baseUrl}/me`, { step: 'connect' })
        report.reachable = true
        report.authenticated = true
        const who = me.data as { name?: unknown; canPublish?: unknown } | null
        report.canPublish = who?.canPublish === true
        report.detail = typeof who?.name === 'string' ? who.name : ''
        report.columns = await columnsOf(http, target.baseUrl)
      } catch (error) {
        if (!(error instanceof PublishError)) throw error
        report.reachable = error.kind === 'auth' || error.kind === 'forbidden'
        report.error = error.toInfo()
      }
      return report
    }
  }
}
