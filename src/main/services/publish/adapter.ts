import type { ConnectionReport, PublishOptions, PublishRecord, PublishResult, PublishStep, PublishTarget } from '../../../shared/model/publish'
import type { Clock } from '../clock'
import type { HttpClient } from './http'
import type { PreparedArticle } from './preparedArticle'

export type ResolvedPublishOptions = { status?: 'publish' | 'pending' | 'draft'; overwriteRemoteEdits: boolean; verify: boolean }

/** What one publish run hands an adapter. */
export type PublishContext<T extends PublishTarget = PublishTarget> = {
  target: T
  http: HttpClient
  secret: string | null
  record: PublishRecord
  /** Changes the record and writes it to disk before resolving. */
  saveRecord(change: (record: PublishRecord) => PublishRecord): Promise<PublishRecord>
  progress(step: PublishStep, done: number, total: number): void
  options: ResolvedPublishOptions
  clock: Clock
  imageConcurrency: number
  signal: AbortSignal
}

export type AdapterOutcome = Omit<PublishResult, 'verification' | 'targetId'>

export type PublishAdapter<T extends PublishTarget = PublishTarget> = {
  publish(context: PublishContext<T>, article: PreparedArticle): Promise<AdapterOutcome>
  testConnection(context: Pick<PublishContext<T>, 'target' | 'http' | 'secret'>): Promise<ConnectionReport>
}

export function resolveOptions(options: PublishOptions | undefined): ResolvedPublishOptions {
  return {
    ...(options?.status === undefined ? {} : { status: options.status }),
    overwriteRemoteEdits: options?.overwriteRemoteEdits ?? false,
    verify: options?.verify ?? true
  }
}
