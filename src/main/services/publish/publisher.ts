import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { AssetId } from '../../../shared/article/schema'
import type { Article } from '../../../shared/article/toHtml'
import type { Draft, DraftId } from '../../../shared/model/draft'
import type { ArticleMetadata } from '../../../shared/model/metadata'
import type {
  ConnectionReport,
  LivePageReport,
  PublishOptions,
  PublishProgress,
  PublishRecord,
  PublishResult,
  PublishTarget
} from '../../../shared/model/publish'
import type { Clock } from '../clock'
import { defaultSiteCss } from '../export/siteStyles'
import { nodeServiceFs, type ServiceFs } from '../fs/serviceFs'
import { resolveOptions, type PublishAdapter, type PublishContext } from './adapter'
import { createCmsAdapter } from './cms'
import { createHttpClient, type FetchLike, type HttpClient } from './http'
import { checkLivePage } from './livePage'
import { createLocalSiteAdapter } from './localSite'
import { prepareArticle } from './preparedArticle'
import { createPublishRecords, type PublishRecords } from './publishRecords'
import { PublishError } from './publishError'
import { basicAuth, wordPressAdapter } from './wordpress'

/** Uploads at once: enough to hide a campus network's round trips without crowding a small site's PHP workers. */
export const DEFAULT_IMAGE_CONCURRENCY = 4

export type PublisherDeps = {
  fetch: FetchLike
  secrets: { get(ref: string): Promise<string | null> }
  drafts: { open(id: DraftId): Promise<Draft>; draftFolder(id: DraftId): string }
  assets: { read(draftId: DraftId, assetId: AssetId): Promise<Uint8Array> }
  clock: Clock
  /** The article a draft stands for, with its full metadata. */
  resolveArticle(draft: Draft): Article & { metadata: ArticleMetadata }
  fs?: ServiceFs
  /** Per HTTP request; 30 s by default. */
  timeoutMs?: number
  /** Images in flight at once; 4 by default. */
  imageConcurrency?: number
  siteCss?: () => Promise<string>
  /** The library folder: a local site may not be inside it (its own `site/` aside). */
  dataDir?: () => string
}

export type PublishRequest = {
  draftId: DraftId
  target: PublishTarget
  options?: PublishOptions
  onProgress?: (progress: PublishProgress) => void
  /** Cancels the run; what was uploaded stays recorded, so the next run continues from there. */
  signal?: AbortSignal
  jobId?: string
}

export type Publisher = {
  publish(request: PublishRequest): Promise<PublishResult>
  testConnection(target: PublishTarget): Promise<ConnectionReport>
  /** Fetches the published page and compares it with what we last sent. */
  verify(draftId: DraftId, target: PublishTarget): Promise<LivePageReport>
  records: PublishRecords
}

let jobCounter = 0

export function createPublisher(deps: PublisherDeps): Publisher {
  const fs = deps.fs ?? nodeServiceFs
  const records = createPublishRecords({ draftFolder: (id) => deps.drafts.draftFolder(id), fs })
  const local = createLocalSiteAdapter({ fs, siteCss: deps.siteCss ?? (() => Promise.resolve(defaultSiteCss())), ...(deps.dataDir ? { dataDir: deps.dataDir } : {}) })
  const cms = createCmsAdapter()

  function adapterFor(target: PublishTarget): PublishAdapter {
    switch (target.kind) {
      case 'local':
        return local as PublishAdapter
      case 'wordpress':
        return wordPressAdapter as PublishAdapter
      case 'cms':
        return cms as PublishAdapter
    }
  }

  async function secretFor(target: PublishTarget): Promise<string | null> {
    if (target.kind === 'local') return null
    const secret = await deps.secrets.get(target.secretRef)
    if (secret === null || secret === '') throw new PublishError('no-credentials', `no password or token is stored for the target "${target.name}"`, { step: 'connect' })
    return secret
  }

  function httpFor(target: PublishTarget, secret: string | null, signal?: AbortSignal): HttpClient {
    const authorization =
      target.kind === 'wordpress' && secret !== null ? basicAuth(target.username, secret) : target.kind === 'cms' && secret !== null ? `Bearer ${secret}` : null
    return createHttpClient({
      fetch: deps.fetch,
      timeoutMs: deps.timeoutMs ?? 30_000,
      ...(signal === undefined ? {} : { signal }),
      headers: (): Record<string, string> => (authorization === null ? {} : { Authorization: authorization })
    })
  }

  async function verifyWith(http: HttpClient, record: PublishRecord): Promise<LivePageReport> {
    const checkedAt = deps.clock.now().toISOString()
    const url = record.remoteUrl
    if (url === null || record.lastSent === null) {
      return { url: url ?? '', checkedAt, ok: false, findings: [{ kind: 'unreachable', detail: 'not published to this target yet' }] }
    }
    let page: string
    try {
      if (url.startsWith('file:')) {
        page = await readFile(fileURLToPath(url), 'utf8')
      } else {
        const answer = await http.text(url, 'verify')
        if (answer.status !== 200) return { url, checkedAt, ok: false, findings: [{ kind: 'unreachable', detail: `the page answered ${String(answer.status)}` }] }
        page = answer.text
      }
    } catch (error) {
      return { url, checkedAt, ok: false, findings: [{ kind: 'unreachable', detail: error instanceof Error ? error.message : String(error) }] }
    }
    const findings = checkLivePage(page, { title: record.lastSent.title, html: record.lastSent.content })
    return { url, checkedAt, ok: findings.length === 0, findings }
  }

  return {
    records,
    async publish(request) {
      const { draftId, target } = request
      const jobId = request.jobId ?? `job-${String(++jobCounter)}`
      const emit = (step: PublishProgress['step'], done: number, total: number) => request.onProgress?.({ jobId, draftId, targetId: target.id, step, done, total })
      const signal = request.signal ?? new AbortController().signal
      emit('prepare', 0, 1)
      const secret = await secretFor(target)
      const draft = await deps.drafts.open(draftId)
      const prepared = await prepareArticle(draftId, deps.resolveArticle(draft), (id, assetId) => deps.assets.read(id, assetId))
      const http = httpFor(target, secret, signal)
      const context: PublishContext = {
        target,
        http,
        secret,
        record: await records.read(draftId, target.id),
        saveRecord: (change) => records.update(draftId, target.id, change),
        progress: emit,
        options: resolveOptions(request.options),
        clock: deps.clock,
        imageConcurrency: deps.imageConcurrency ?? DEFAULT_IMAGE_CONCURRENCY,
        signal
      }
      const outcome = await adapterFor(target).publish(context, prepared)
      let verification: LivePageReport | null = null
      if (context.options.verify && (outcome.status === 'publish' || outcome.status === 'local')) {
        emit('verify', 0, 1)
        verification = await verifyWith(httpFor(target, null, signal), await records.read(draftId, target.id))
        emit('verify', 1, 1)
      }
      emit('done', 1, 1)
      return { ...outcome, targetId: target.id, verification }
    },
    async testConnection(target) {
      let secret: string | null
      try {
        secret = await secretFor(target)
      } catch (error) {
        if (!(error instanceof PublishError)) throw error
        return { reachable: false, authenticated: false, canPublish: false, columns: [], detail: '', error: error.toInfo() }
      }
      return adapterFor(target).testConnection({ target, http: httpFor(target, secret), secret })
    },
    async verify(draftId, target) {
      return verifyWith(httpFor(target, null), await records.read(draftId, target.id))
    }
  }
}
