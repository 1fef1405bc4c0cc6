import { readFile, realpath, stat } from 'node:fs/promises'
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
import { acceptedLiveUrl, isInsideFolder, localPagePath } from './liveAddress'
import { verdictOf } from './livePage/check'
import { createInlineLivePageChecker, LIVE_PAGE_MAX_BYTES, type LivePageChecker } from './livePage/checker'
import { keepsSecret, secretRefFor } from './secretBinding'
import { SecretUnreadableError, type SecretStore } from './secretStore'
import { createLocalSiteAdapter } from './localSite'
import { createHandPublish, type HandPublish } from './manual/handPublish'
import { prepareArticle } from './preparedArticle'
import { createPublishRecords, type PublishRecords } from './publishRecords'
import { PublishError } from './publishError'
import { scrubSecrets } from '../net/scrub'
import { basicAuth, wordPressAdapter } from './wordpress'

/** Uploads at once: enough to hide a campus network's round trips without crowding a small site's PHP workers. */
export const DEFAULT_IMAGE_CONCURRENCY = 4

export type PublisherDeps = {
  fetch: FetchLike
  secrets: Pick<SecretStore, 'get'>
  /** Where the live page is parsed: a worker thread in the app; inline by default (tests). */
  livePage?: LivePageChecker
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
  /** 网站后台（手动）: the copy panel, the photo export and the pasted address. */
  hand: HandPublish
  /** The person looked at the page's own links and scripts and accepts them as its template; false when none was taken. */
  acceptBaseline(draftId: DraftId, target: PublishTarget): Promise<boolean>
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
      case 'manual':
        return handPublishedAdapter
    }
  }

  const livePage = deps.livePage ?? createInlineLivePageChecker()

  async function secretFor(target: PublishTarget): Promise<string | null> {
    if (!keepsSecret(target)) return null
    let secret: string | null
    try {
      secret = await deps.secrets.get(secretRefFor(target))
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error
      throw new PublishError('no-credentials', `${error.message}: enter the password for "${target.name}" again`, { step: 'connect', cause: error })
    }
    if (secret === null || secret === '') throw new PublishError('no-credentials', `no password or token is stored for the target "${target.name}"`, { step: 'connect' })
    return secret
  }

  function httpFor(target: PublishTarget, secret: string | null, signal?: AbortSignal): HttpClient {
    const authorization = authorizationFor(target, secret)
    return createHttpClient({
      transport: deps.fetch,
      // The local site reads no network; its scope admits nothing.
      scope: target.kind === 'local' ? { baseUrl: 'about:blank' } : { baseUrl: target.baseUrl, hosts: target.siteHosts },
      timeoutMs: deps.timeoutMs ?? 30_000,
      ...(signal === undefined ? {} : { signal }),
      authorization,
      secrets: secret === null ? [] : [secret]
    })
  }

  const authorizationFor = (target: PublishTarget, secret: string | null): string | null =>
    secret === null || !keepsSecret(target) ? null : target.kind === 'wordpress' ? basicAuth(target.username, secret) : `Bearer ${secret}`
  const credentialsOf = (target: PublishTarget, secret: string | null): string[] => (secret === null ? [] : [secret, authorizationFor(target, secret) ?? secret])

  /** A server can echo what it was sent: every message leaving the publisher is scrubbed of this run's secret. */
  function scrubbed(error: unknown, secret: string | null, target: PublishTarget): unknown {
    if (!(error instanceof PublishError)) return error
    const message = scrubSecrets(error.message, credentialsOf(target, secret))
    if (message === error.message) return error
    return new PublishError(error.kind, message, { httpStatus: error.httpStatus, step: error.step, canSubmitPending: error.canSubmitPending, ...(error.conflict === null ? {} : { conflict: error.conflict }) })
  }

  /** The local site's page, read only when it is a regular file inside the site folder, capped and time-limited. */
  async function readLocalPage(folder: string, url: string): Promise<Uint8Array> {
    const path = localPagePath(folder, url)
    if (path === null) throw new Error('the page is not inside the site folder')
    // Symlinks resolved on both sides: a link inside the folder to a file elsewhere is still elsewhere.
    const real = await realpath(path)
    if (!isInsideFolder(await realpath(folder), real)) throw new Error('the page is not inside the site folder')
    const info = await stat(real)
    // A FIFO or a device would block the read forever.
    if (!info.isFile()) throw new Error('the page is not a regular file')
    if (info.size > LIVE_PAGE_MAX_BYTES) throw new PageTooLarge()
    return readFile(real, { signal: AbortSignal.timeout(deps.timeoutMs ?? 30_000) })
  }

  async function verifyWith(http: HttpClient, target: PublishTarget, draftId: DraftId, record: PublishRecord): Promise<LivePageReport> {
    const checkedAt = deps.clock.now().toISOString()
    const url = record.remoteUrl
    const report = (findings: LivePageReport['findings'], more: Partial<LivePageReport> = {}): LivePageReport => ({
      url: url ?? '',
      checkedAt,
      ok: findings.length === 0,
      findings,
      verdict: verdictOf(findings),
      family: null,
      baselineToAccept: null,
      ...more
    })
    if (url === null && record.remoteArticleId !== null && record.lastSent !== null) {
      // Published, but the site answered an address off itself, which was not recorded.
      return report([{ kind: 'refused-address', detail: "the site gave an address that is not on the target's site" }])
    }
    if (url === null || record.lastSent === null) return report([{ kind: 'unreachable', detail: 'not published to this target yet' }])
    if (acceptedLiveUrl(target, url) === null) {
      return report([{ kind: 'refused-address', detail: target.kind === 'local' ? 'the recorded address is not inside the site folder' : "the recorded address is not on the target's site" }])
    }
    let page: { bytes: Uint8Array; contentType: string | null; status: number; url: string }
    try {
      if (target.kind === 'local') {
        page = { bytes: await readLocalPage(target.folder, url), contentType: 'text/html; charset=utf-8', status: 200, url }
      } else {
        page = await http.page(url, 'verify', LIVE_PAGE_MAX_BYTES)
      }
    } catch (error) {
      if (error instanceof PageTooLarge || (error instanceof PublishError && error.kind === 'answer-too-large')) {
        return report([{ kind: 'page-too-large', detail: `the page is larger than ${String(LIVE_PAGE_MAX_BYTES / 1024 / 1024)} MB; it was not checked` }])
      }
      if (error instanceof PublishError && error.kind === 'off-site') return report([{ kind: 'refused-address', detail: error.message }])
      return report([{ kind: 'unreachable', detail: error instanceof PublishError ? error.message : 'the page could not be read' }])
    }
    const baseline = record.liveBaseline
    const inspection = await livePage.check({
      bytes: page.bytes,
      contentType: page.contentType,
      sent: { title: record.lastSent.title, html: record.lastSent.content },
      context: { status: page.status, pageUrl: page.url, baseline }
    })
    const blocked = inspection.findings.some((f) => f.kind === 'blocked')
    // Only a challenge page says something when the status is not 200; any other error page is just unreachable.
    if (page.status !== 200 && !blocked) return report([{ kind: 'unreachable', detail: `the page answered ${String(page.status)}` }])
    let toAccept = baseline?.acceptedAt === null ? baseline : null
    if (baseline === null && verdictOf(inspection.findings) !== 'blocked' && verdictOf(inspection.findings) !== 'unchecked') {
      // The first real look at the page: its template's links and scripts become the reference, shown once.
      toAccept = { ...inspection.outside, takenAt: checkedAt, acceptedAt: null }
      const taken = toAccept
      await records.update(draftId, target.id, (current) => ({ ...current, liveBaseline: taken }))
    }
    return report(inspection.findings, { family: inspection.family, baselineToAccept: toAccept })
  }

  const hand = createHandPublish({
    fs,
    clock: deps.clock,
    records,
    drafts: deps.drafts,
    resolveArticle: deps.resolveArticle,
    assets: deps.assets,
    verify: async (draftId, target) => verifyWith(httpFor(target, null), target, draftId, await records.read(draftId, target.id))
  })

  return {
    records,
    hand,
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
      let outcome: Awaited<ReturnType<PublishAdapter['publish']>>
      try {
        outcome = await adapterFor(target).publish(context, prepared)
      } catch (error) {
        throw scrubbed(error, secret, target)
      }
      let verification: LivePageReport | null = null
      if (context.options.verify && (outcome.status === 'publish' || outcome.status === 'local')) {
        emit('verify', 0, 1)
        verification = await verifyWith(httpFor(target, null, signal), target, draftId, await records.read(draftId, target.id))
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
      const report = await adapterFor(target).testConnection({ target, http: httpFor(target, secret), secret })
      const credentials = credentialsOf(target, secret)
      return { ...report, detail: scrubSecrets(report.detail, credentials), error: report.error === null ? null : { ...report.error, message: scrubSecrets(report.error.message, credentials) } }
    },
    async verify(draftId, target) {
      return verifyWith(httpFor(target, null), target, draftId, await records.read(draftId, target.id))
    },
    async acceptBaseline(draftId, target) {
      const at = deps.clock.now().toISOString()
      const record = await records.update(draftId, target.id, (current) => ({ ...current, liveBaseline: current.liveBaseline === null ? null : { ...current.liveBaseline, acceptedAt: current.liveBaseline.acceptedAt ?? at } }))
      return record.liveBaseline !== null
    }
  }
}

class PageTooLarge extends Error {}

/** A back end without an API is published by the person (handPublish/); asking the publisher to send is refused. */
const handPublishedAdapter: PublishAdapter = {
  publish: () => Promise.reject(new PublishError('forbidden', 'this target is published by hand in its back end (网站后台（手动）); paste the address after publishing', { step: 'prepare' })),
  testConnection: () => Promise.resolve({ reachable: false, authenticated: false, canPublish: false, columns: [], detail: 'published by hand', error: null })
}
