import { createHttpClient as createNetClient, type NetAnswer, type Transport } from '../net/httpClient'
import { NetError } from '../net/netErrors'
import { scrubSecrets } from '../net/scrub'
import type { SiteScope } from '../net/sitePolicy'
import { kindForStatus, PublishError, safeUrl } from './publishError'

/*
 * The publishing adapters' view of the app's one HTTP client (services/net/httpClient.ts): JSON in and out,
 * failures as PublishErrors, every message scrubbed of the credentials this client carries.
 */

export type { Transport } from '../net/httpClient'
/** What composeApp takes as its network capability. */
export type FetchLike = Transport

export type HttpRequest = {
  method?: string
  headers?: Record<string, string>
  body?: RequestInit['body']
  /** Names the step in errors ("upload-image"). */
  step: string
  /** Answers that are not errors for this call (e.g. 404 while looking something up). */
  accept?: readonly number[]
}

export type HttpAnswer = { status: number; data: unknown; headers: Headers }

/** A live page as read: the raw bytes (decoded where they are parsed) and the charset the site declared. */
export type PageAnswer = { status: number; bytes: Uint8Array; contentType: string | null; url: string }

export type HttpClient = {
  send(url: string, request: HttpRequest): Promise<HttpAnswer>
  /** A page of the target's site (live-page check): no Authorization, its own byte cap. */
  page(url: string, step: string, maxBytes: number): Promise<PageAnswer>
}

export type HttpClientOptions = {
  transport: Transport
  /** The target's site: every address and redirect hop is checked against it. */
  scope: SiteScope
  /** Per request, body included; a stalled server is a timeout, not a hang. */
  timeoutMs: number
  /** The job's cancel signal. */
  signal?: AbortSignal
  /** Sent to the target's own origin only. */
  authorization?: string | null
  /** The secrets behind `authorization`, scrubbed from every message with it. */
  secrets?: readonly string[]
  /** Cap on API answers; the net module's default otherwise. */
  maxAnswerBytes?: number
}

function describeFailure(data: unknown): string {
  if (data !== null && typeof data === 'object') {
    const code = (data as { code?: unknown }).code
    const message = (data as { message?: unknown }).message
    return [typeof code === 'string' ? code : '', typeof message === 'string' ? message.slice(0, 200) : ''].filter((part) => part !== '').join(': ')
  }
  return typeof data === 'string' ? data.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200) : ''
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    // Some PHP sites print a notice before the JSON: take the JSON that follows.
    const start = text.search(/[[{]/)
    try {
      return start >= 0 ? (JSON.parse(text.slice(start)) as unknown) : text
    } catch {
      return text
    }
  }
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const net = createNetClient({ transport: options.transport, ...(options.maxAnswerBytes === undefined ? {} : { maxBytes: options.maxAnswerBytes }) })
  const credentials = [...(options.secrets ?? []), ...(options.authorization == null ? [] : [options.authorization])]
  const scrub = (text: string) => scrubSecrets(text, credentials)

  async function exchange(url: string, init: { method: string; headers: Record<string, string>; body?: RequestInit['body']; maxBytes?: number; authorized: boolean }, step: string): Promise<NetAnswer> {
    if (options.signal?.aborted === true) throw new PublishError('cancelled', 'cancelled', { step })
    try {
      return await net.request({
        url,
        scope: options.scope,
        method: init.method,
        headers: init.headers,
        ...(init.body === undefined ? {} : { body: init.body }),
        authorization: init.authorized ? (options.authorization ?? null) : null,
        timeoutMs: options.timeoutMs,
        ...(init.maxBytes === undefined ? {} : { maxBytes: init.maxBytes }),
        ...(options.signal === undefined ? {} : { signal: options.signal })
      })
    } catch (error) {
      if (error instanceof NetError) throw new PublishError(error.kind, scrub(error.message), { step, cause: error })
      throw error
    }
  }

  return {
    async send(url, request) {
      const method = request.method ?? 'GET'
      const answer = await exchange(url, { method, headers: { Accept: 'application/json', ...request.headers }, body: request.body ?? null, authorized: true }, request.step)
      const data = parseJson(new TextDecoder().decode(answer.bytes))
      const accepted = (answer.status >= 200 && answer.status < 300) || (request.accept ?? []).includes(answer.status)
      if (!accepted) {
        const detail = scrub(describeFailure(data))
        throw new PublishError(kindForStatus(answer.status), `${method} ${safeUrl(url)} answered ${String(answer.status)}${detail === '' ? '' : ` (${detail})`}`, {
          httpStatus: answer.status,
          step: request.step
        })
      }
      return { status: answer.status, data, headers: answer.headers }
    },
    async page(url, step, maxBytes) {
      const answer = await exchange(url, { method: 'GET', headers: { Accept: 'text/html' }, maxBytes, authorized: false }, step)
      return { status: answer.status, bytes: answer.bytes, contentType: answer.headers.get('content-type'), url: answer.url }
    }
  }
}

/** Runs `work` over `items` with at most `limit` in flight; the first failure stops new starts and is thrown. */
export async function runPool<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0
  let failure: { error: unknown } | null = null
  async function worker(): Promise<void> {
    while (failure === null && next < items.length) {
      const index = next++
      try {
        await work(items[index] as T, index)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker()))
  if (failure !== null) throw (failure as { error: unknown }).error
}
