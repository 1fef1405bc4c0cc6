import { join } from 'node:path'
import type { DraftId } from '../../../shared/model/draft'
import {
  OutboxJobSchema,
  PublishTargetListSchema,
  PublishTargetSchema,
  type ConnectionReport,
  type LivePageReport,
  type ManualTarget,
  type OutboxJob,
  type PublishErrorInfo,
  type PublishOptions,
  type PublishProgress,
  type PublishRecordFile,
  type PublishResult,
  type PublishSignOff,
  type PublishTarget,
  type PublishTargetId,
  type PublishTargetInput,
  type PublishTargetList
} from '../../../shared/model/publish'
import { z } from 'zod'
import type { Clock } from '../clock'
import { atomicWriteFile } from '../fs/atomicWrite'
import type { ServiceFs } from '../fs/serviceFs'
import type { Publisher } from './publisher'
import type { HandCopyView } from './manual/handPublish'
import { PublishError } from './publishError'
import { AppError } from '../../../shared/errors'
import { acceptedLiveUrl } from './liveAddress'
import { keepsSecret, secretRefFor } from './secretBinding'
import { SecretKeepingError, type SecretKeeping, type SecretProtection, type SecretStore } from './secretStore'
import { scrubSecrets } from '../net/scrub'

export const TARGETS_FILE = 'publish-targets.json'
export const OUTBOX_FILE = 'publish-outbox.json'
/** Where a damaged publish-targets.json is kept, with the time it was found. */
export const DAMAGED_TARGETS_PREFIX = 'publish-targets.damaged-'
const OutboxFileSchema = z.object({ jobs: z.array(OutboxJobSchema) })

/** 30 s, 1 min, 2 min … at most an hour between attempts. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000)
}

export type PublishRunOutcome =
  | { outcome: 'published'; result: PublishResult }
  | { outcome: 'failed'; error: PublishErrorInfo; queued: OutboxJob | null }

/** What a queued job keeps of the approval it was sent with (see the publish gate in ipc/handlers/publish.ts). */
export type PublishApproval = { signOff: PublishSignOff | null; contentHash: string | null }

export type RetryHooks = {
  /** Retry this job now, whether due or failed (the person pressed 立即重试). */
  only?: string
  /** Asked before a queued job is sent; an error stops it (e.g. the draft changed since it was signed). */
  check?(job: OutboxJob): Promise<PublishErrorInfo | null>
  /** Told after a queued job got through (records the sign-off it carried). */
  onPublished?(job: OutboxJob, result: PublishResult): Promise<void>
}

/** The targets as the settings page sees them: which have a usable secret, which need it typed again, never a secret. */
export type PublishTargetsView = PublishTargetList & {
  withSecret: PublishTargetId[]
  /** Stored, but it cannot be decrypted here any more (请重新输入密码). */
  needsPassword: PublishTargetId[]
  /** Kept in memory for this run only: asked again after a restart. */
  sessionOnly: PublishTargetId[]
  secretProtection: SecretProtection
  /** Damaged target lists set aside (full paths); the built-in target is used meanwhile. */
  setAside: string[]
}

export type PublishService = {
  targets(): Promise<PublishTargetsView>
  /**
   * Adds or replaces a target; the secret (when given) goes to the SecretStore only, under the reference main
   * derives from the target. A changed kind, site or user name drops the stored secret.
   */
  saveTarget(input: PublishTargetInput, secret?: string, makeDefault?: boolean, keeping?: SecretKeeping): Promise<PublishTargetsView>
  removeTarget(id: PublishTargetId): Promise<PublishTargetsView>
  /** The address 打开网页 may open: the recorded one, only when it is still the target's own (else null). */
  liveAddress(draftId: DraftId, targetId: PublishTargetId): Promise<string | null>
  testConnection(id: PublishTargetId): Promise<ConnectionReport>
  /** Runs one publish; a failure worth retrying (offline, timeout, 5xx) is queued in the outbox. */
  run(
    request: { jobId: string; draftId: DraftId; targetId?: PublishTargetId | undefined; options?: PublishOptions | undefined; approval?: PublishApproval | undefined },
    onProgress?: (progress: PublishProgress) => void
  ): Promise<PublishRunOutcome>
  cancel(jobId: string): boolean
  outbox(): Promise<OutboxJob[]>
  cancelQueued(jobId: string): Promise<void>
  /** Attempts the queued jobs that are due (or the one `hooks.only` names); returns how many were published. */
  retryDue(onProgress?: (progress: PublishProgress) => void, hooks?: RetryHooks): Promise<number>
  verify(draftId: DraftId, targetId: PublishTargetId): Promise<LivePageReport>
  acceptBaseline(draftId: DraftId, targetId: PublishTargetId): Promise<boolean>
  /** 网站后台（手动）: the target must be a hand-publish one. */
  handCopy(draftId: DraftId, targetId: PublishTargetId): Promise<HandCopyView>
  recordHandAddress(draftId: DraftId, targetId: PublishTargetId, url: string): Promise<LivePageReport>
  exportHandPhotos(draftId: DraftId, parent: string): Promise<{ folder: string; photos: number }>
  records(draftId: DraftId): Promise<PublishRecordFile>
}

export type PublishServiceOptions = {
  dataDir(): string
  fs: ServiceFs
  clock: Clock
  secrets: SecretStore
  publisher: Publisher
  /** The built-in local site's name in the UI's language (it is the person's own data once saved). */
  localSiteName?: () => string
  /** Told after each article a site took, queued or not (the audit log); its failure never fails the publish. */
  onPublished?: (draftId: DraftId, target: PublishTarget, result: PublishResult) => Promise<void>
}

export function createPublishService(options: PublishServiceOptions): PublishService {
  const { fs, clock, secrets, publisher } = options
  const running = new Map<string, AbortController>()
  let writes: Promise<unknown> = Promise.resolve()
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = writes.catch(() => undefined).then(work)
    writes = next
    return next
  }

  async function readJson<T>(name: string, schema: z.ZodType<T>, empty: T): Promise<T> {
    try {
      return schema.parse(JSON.parse(await fs.readFile(join(options.dataDir(), name), 'utf8')))
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return empty
      throw error
    }
  }
  const writeJson = async (name: string, value: unknown) => {
    await fs.mkdir(options.dataDir(), { recursive: true })
    await atomicWriteFile(fs, join(options.dataDir(), name), `${JSON.stringify(value, null, 2)}\n`)
  }
  // Out of the box the local site works with no setup; it becomes a saved target once the person edits the list.
  const builtInTargets = (): PublishTargetList => ({
    targets: [{ id: 'local', kind: 'local', name: options.localSiteName?.() ?? '本地网站', folder: join(options.dataDir(), 'site') }],
    defaultTargetId: 'local'
  })
  // A damaged list is set aside (never deleted) and the built-in one used, as a damaged draft is quarantined:
  // publishing and the settings page keep working, and the page is told (setAside) until the file is removed.
  const readTargets = () =>
    readJson(TARGETS_FILE, PublishTargetListSchema, builtInTargets()).catch(async (error: unknown) => {
      if (!(error instanceof SyntaxError || error instanceof z.ZodError)) throw error
      const stamp = clock.now().toISOString().replace(/[:.]/g, '-')
      await fs.rename(join(options.dataDir(), TARGETS_FILE), join(options.dataDir(), `${DAMAGED_TARGETS_PREFIX}${stamp}.json`)).catch(() => undefined)
      return builtInTargets()
    })
  const setAsideTargets = async () =>
    (await fs.readdir(options.dataDir()).catch(() => [] as string[]))
      .filter((name) => name.startsWith(DAMAGED_TARGETS_PREFIX))
      .sort()
      .map((name) => join(options.dataDir(), name))
  const readOutbox = async () => (await readJson(OUTBOX_FILE, OutboxFileSchema, { jobs: [] })).jobs
  const writeOutbox = (jobs: OutboxJob[]) => writeJson(OUTBOX_FILE, { jobs })

  async function withSecretFlags(list: PublishTargetList): Promise<PublishTargetsView> {
    const withSecret: PublishTargetId[] = []
    const needsPassword: PublishTargetId[] = []
    const sessionOnly: PublishTargetId[] = []
    for (const target of list.targets) {
      // Never decrypts: one secret from another computer must not break the list.
      const state = !keepsSecret(target) ? (target.kind === 'local' ? 'stored' : 'none') : await secrets.state(secretRefFor(target))
      if (state === 'stored' || state === 'session') withSecret.push(target.id)
      if (state === 'session') sessionOnly.push(target.id)
      if (state === 'unreadable') needsPassword.push(target.id)
    }
    return { ...list, withSecret, needsPassword, sessionOnly, secretProtection: secrets.protection(), setAside: await setAsideTargets() }
  }

  async function targetFor(id: PublishTargetId | undefined): Promise<PublishTarget> {
    const list = await readTargets()
    const wanted = id ?? list.defaultTargetId ?? list.targets[0]?.id
    const target = list.targets.find((t) => t.id === wanted)
    if (target === undefined) throw new PublishError('not-found', `no publishing target ${wanted ?? ''} is configured`, { step: 'prepare' })
    return target
  }

  async function manualTarget(id: PublishTargetId): Promise<ManualTarget> {
    const target = await targetFor(id)
    if (target.kind !== 'manual') throw new AppError('invalid-request', `the target "${target.name}" is not published by hand`)
    return target
  }

  function errorInfo(error: unknown): PublishErrorInfo {
    // The publisher scrubbed its run's secret already; this catches credentials in any form it did not know.
    if (error instanceof PublishError) return { ...error.toInfo(), message: scrubSecrets(error.message) }
    // Not a network answer: a damaged draft, an unreadable picture.
    return { kind: 'invalid-response', message: scrubSecrets(error instanceof Error ? error.message : String(error)), httpStatus: null, step: null, canSubmitPending: false, retryable: false, conflict: null }
  }

  async function attempt(jobId: string, draftId: DraftId, target: PublishTarget, publishOptions: PublishOptions | undefined, onProgress?: (p: PublishProgress) => void) {
    const controller = new AbortController()
    running.set(jobId, controller)
    try {
      const result = await publisher.publish({ jobId, draftId, target, options: publishOptions ?? {}, signal: controller.signal, ...(onProgress ? { onProgress } : {}) })
      await options.onPublished?.(draftId, target, result).catch(() => undefined)
      return result
    } finally {
      running.delete(jobId)
    }
  }

  return {
    async targets() {
      return withSecretFlags(await readTargets())
    },
    saveTarget(input, secret, makeDefault, keeping) {
      return serial(async () => {
        const target = PublishTargetSchema.parse(input)
        const list = await readTargets()
        const before = list.targets.find((t) => t.id === target.id)
        const ref = keepsSecret(target) ? secretRefFor(target) : null
        // Another kind, site or account: the old secret was given for something else and goes.
        if (before !== undefined && keepsSecret(before) && secretRefFor(before) !== ref) await secrets.delete(secretRefFor(before))
        if (secret !== undefined && ref !== null) {
          try {
            await secrets.set(ref, secret, keeping)
          } catch (error) {
            if (error instanceof SecretKeepingError) throw new AppError('invalid-request', error.message, { cause: error })
            throw error
          }
        }
        // An edited target keeps its place in the list.
        const targets = before === undefined ? [...list.targets, target] : list.targets.map((t) => (t.id === target.id ? target : t))
        const next = { targets, defaultTargetId: makeDefault === true ? target.id : (list.defaultTargetId ?? target.id) }
        await writeJson(TARGETS_FILE, next)
        return withSecretFlags(next)
      })
    },
    removeTarget(id) {
      return serial(async () => {
        const list = await readTargets()
        const gone = list.targets.find((t) => t.id === id)
        if (gone !== undefined && keepsSecret(gone)) await secrets.delete(secretRefFor(gone))
        const targets = list.targets.filter((t) => t.id !== id)
        const next = { targets, defaultTargetId: list.defaultTargetId === id ? (targets[0]?.id ?? null) : list.defaultTargetId }
        await writeJson(TARGETS_FILE, next)
        return withSecretFlags(next)
      })
    },
    async testConnection(id) {
      return publisher.testConnection(await targetFor(id))
    },
    async run(request, onProgress) {
      let target: PublishTarget | null = null
      try {
        target = await targetFor(request.targetId)
        return { outcome: 'published', result: await attempt(request.jobId, request.draftId, target, request.options, onProgress) }
      } catch (error) {
        const info = errorInfo(error)
        if (!info.retryable || target === null) return { outcome: 'failed', error: info, queued: null }
        const now = clock.now()
        const job: OutboxJob = {
          jobId: request.jobId,
          draftId: request.draftId,
          targetId: target.id,
          options: { overwriteRemoteEdits: false, verify: true, ...request.options },
          queuedAt: now.toISOString(),
          attempts: 1,
          nextAttemptAt: new Date(now.getTime() + backoffMs(1)).toISOString(),
          state: 'waiting',
          lastError: info,
          signOff: request.approval?.signOff ?? null,
          contentHash: request.approval?.contentHash ?? null
        }
        await serial(async () => writeOutbox([...(await readOutbox()).filter((j) => j.jobId !== job.jobId), job]))
        return { outcome: 'failed', error: info, queued: job }
      }
    },
    cancel(jobId) {
      const controller = running.get(jobId)
      controller?.abort()
      return controller !== undefined
    },
    outbox: readOutbox,
    cancelQueued(jobId) {
      running.get(jobId)?.abort()
      return serial(async () => writeOutbox((await readOutbox()).filter((j) => j.jobId !== jobId)))
    },
    async retryDue(onProgress, hooks = {}) {
      const now = clock.now().getTime()
      const due = (await readOutbox()).filter((job) =>
        hooks.only !== undefined ? job.jobId === hooks.only && !running.has(job.jobId) : job.state === 'waiting' && Date.parse(job.nextAttemptAt) <= now && !running.has(job.jobId)
      )
      let published = 0
      for (const job of due) {
        let outcome: { done: true; result: PublishResult } | { done: false; info: PublishErrorInfo }
        try {
          const refusal = hooks.check ? await hooks.check(job) : null
          outcome = refusal
            ? { done: false, info: refusal }
            : { done: true, result: await attempt(job.jobId, job.draftId, await targetFor(job.targetId), job.options, onProgress) }
        } catch (error) {
          outcome = { done: false, info: errorInfo(error) }
        }
        if (outcome.done) published++
        await serial(async () => {
          const jobs = await readOutbox()
          // Cancelled by the person meanwhile: stays cancelled.
          if (!jobs.some((j) => j.jobId === job.jobId)) return
          const rest = jobs.filter((j) => j.jobId !== job.jobId)
          if (outcome.done) return writeOutbox(rest)
          const attempts = job.attempts + 1
          const updated: OutboxJob = {
            ...job,
            attempts,
            lastError: outcome.info,
            state: outcome.info.retryable ? 'waiting' : 'failed',
            nextAttemptAt: new Date(clock.now().getTime() + backoffMs(attempts)).toISOString()
          }
          return writeOutbox([...rest, updated])
        })
        if (outcome.done) await hooks.onPublished?.(job, outcome.result)
      }
      return published
    },
    async verify(draftId, targetId) {
      return publisher.verify(draftId, await targetFor(targetId))
    },
    async acceptBaseline(draftId, targetId) {
      return publisher.acceptBaseline(draftId, await targetFor(targetId))
    },
    async handCopy(draftId, targetId) {
      return publisher.hand.copy(draftId, await manualTarget(targetId))
    },
    async recordHandAddress(draftId, targetId, url) {
      return publisher.hand.recordAddress(draftId, await manualTarget(targetId), url)
    },
    exportHandPhotos: (draftId, parent) => publisher.hand.exportPhotos(draftId, parent),
    records: (draftId) => publisher.records.readAll(draftId),
    async liveAddress(draftId, targetId) {
      const url = (await publisher.records.readAll(draftId)).targets[targetId]?.remoteUrl ?? null
      return url === null ? null : acceptedLiveUrl(await targetFor(targetId), url)
    }
  }
}
