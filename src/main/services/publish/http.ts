import { classifyNetworkError, kindForStatus, PublishError, safeUrl } from './publishError'

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

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

export type HttpClient = {
  send(url: string, request: HttpRequest): Promise<HttpAnswer>
  /** The page as text (live-page check): no auth header. */
  text(url: string, step: string): Promise<{ status: number; text: string }>
}

export type HttpClientOptions = {
  fetch: FetchLike
  /** Per request; a stalled server is a timeout, not a hang. */
  timeoutMs: number
  /** The job's cancel signal. */
  signal?: AbortSignal
  /** Added to every `send` (authorization). */
  headers?: () => Record<string, string>
}

/**
 * A request's deadline: aborts after `timeoutMs` or when the job is cancelled, whichever comes first. Held
 * by the request until its body is read. Not AbortSignal.timeout(): Node 20 may garbage-collect such a
 * signal while a large upload allocates, and then the timeout never fires and a stalled server hangs the
 * publish (seen with the fault proxy's "stall").
 */
function startDeadline(options: HttpClientOptions): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${String(options.timeoutMs)} ms`, 'TimeoutError')), options.timeoutMs)
  const cancel = () => controller.abort(options.signal?.reason)
  options.signal?.addEventListener('abort', cancel, { once: true })
  if (options.signal?.aborted) cancel()
  return {
    signal: controller.signal,
    clear() {
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', cancel)
    }
  }
}

function describeFailure(data: unknown): string {
  if (data !== null && typeof data === 'object') {
    const code = (data as { code?: unknown }).code
    const message = (data as { message?: unknown }).message
    return [typeof code === 'string' ? code : '', typeof message === 'string' ? message.slice(0, 200) : ''].filter((part) => part !== '').join(': ')
  }
  return typeof data === 'string' ? data.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200) : ''
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const cancelled = (): boolean => options.signal?.aborted === true
  /** Sends the request and reads the whole answer under one deadline. */
  async function exchange(url: string, init: RequestInit, step: string): Promise<{ response: Response; text: string }> {
    if (cancelled()) throw new PublishError('cancelled', 'cancelled', { step })
    const deadline = startDeadline(options)
    try {
      let response: Response
      try {
        response = await options.fetch(url, { ...init, signal: deadline.signal, redirect: 'follow' })
      } catch (error) {
        if (cancelled()) throw new PublishError('cancelled', 'cancelled', { step, cause: error })
        throw classifyNetworkError(error, url, step)
      }
      return { response, text: await body(response, url, step) }
    } finally {
      deadline.clear()
    }
  }
  async function body(response: Response, url: string, step: string): Promise<string> {
    try {
      return await response.text()
    } catch (error) {
      if (cancelled()) throw new PublishError('cancelled', 'cancelled', { step, cause: error })
      throw classifyNetworkError(error, url, step)
    }
  }
  return {
    async send(url, request) {
      const method = request.method ?? 'GET'
      const { response, text } = await exchange(
        url,
        { method, headers: { Accept: 'application/json', ...options.headers?.(), ...request.headers }, body: request.body ?? null },
        request.step
      )
      let data: unknown = null
      if (text.trim() !== '') {
        try {
          data = JSON.parse(text) as unknown
        } catch {
          // Some PHP sites print a notice before the JSON: take the JSON that follows.
          const start = text.search(/[[{]/)
          try {
            data = start >= 0 ? (JSON.parse(text.slice(start)) as unknown) : text
          } catch {
            data = text
          }
        }
      }
      const accepted = response.ok || (request.accept ?? []).includes(response.status)
      if (!accepted) {
        const kind = kindForStatus(response.status)
        const detail = describeFailure(data)
        throw new PublishError(kind, `${method} ${safeUrl(url)} answered ${String(response.status)}${detail === '' ? '' : ` (${detail})`}`, {
          httpStatus: response.status,
          step: request.step
        })
      }
      return { status: response.status, data, headers: response.headers }
    },
    async text(url, step) {
      const { response, text } = await exchange(url, { method: 'GET', headers: { Accept: 'text/html' } }, step)
      return { status: response.status, text }
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
