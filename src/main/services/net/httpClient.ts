import { classifyFetchFailure, NetError } from './netErrors'
import { isOnSite, isOwnOrigin, type SiteScope } from './sitePolicy'

/*
 * The one HTTP client every remote call goes through (publishing, connection tests, live-page checks and the
 * publishing channels that build on them). Main owns it; the transport is a capability: Electron's net.fetch
 * stack in the app (system proxy and PAC, the OS certificate store), Node's fetch in tests and scripts.
 *
 * What it guarantees, whatever the site answers:
 * - only http(s) addresses on the target's site are requested, the first one and every redirect hop;
 * - redirects are followed here, by hand, at most MAX_REDIRECTS; a hop off the site is `off-site`;
 * - the Authorization header goes to the target's own origin only;
 * - the whole exchange, body included, has a deadline, and the answer a byte cap (`answer-too-large`),
 *   read as a stream so a 300 MB answer is never held.
 */

/** A fetch that does not follow redirects: it answers a 3xx with its Location header. */
export type Transport = (url: string, init: RequestInit & { redirect: 'manual' }) => Promise<Response>

/** Node's fetch (undici) answers `redirect: 'manual'` with the 3xx itself, as the transport must. */
export const nodeTransport: Transport = (url, init) => fetch(url, init)

export const MAX_REDIRECTS = 5
/** API answers (JSON lists of posts, terms, media) are small; 8 MB leaves room for a long category list. */
export const DEFAULT_MAX_ANSWER_BYTES = 8 * 1024 * 1024

export type NetRequest = {
  url: string
  scope: SiteScope
  method?: string
  headers?: Record<string, string>
  body?: RequestInit['body']
  /** Sent to the target's own origin only, never to a declared host or after a hop elsewhere. */
  authorization?: string | null
  timeoutMs: number
  maxBytes?: number
  signal?: AbortSignal
}

export type NetAnswer = {
  status: number
  headers: Headers
  /** The address that answered, after redirects. */
  url: string
  bytes: Uint8Array
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

/**
 * Aborts after `timeoutMs` or when the caller's signal fires. Not AbortSignal.timeout(): Node 20 may collect
 * such a signal while a large upload allocates, and then the timeout never fires.
 */
function startDeadline(timeoutMs: number, outer: AbortSignal | undefined): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${String(timeoutMs)} ms`, 'TimeoutError')), timeoutMs)
  const cancel = () => controller.abort(outer?.reason ?? new DOMException('cancelled', 'AbortError'))
  outer?.addEventListener('abort', cancel, { once: true })
  if (outer?.aborted === true) cancel()
  return {
    signal: controller.signal,
    clear() {
      clearTimeout(timer)
      outer?.removeEventListener('abort', cancel)
    }
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'the site'
  }
}

/** Why a request failed, as a NetError whose message names the host only (a URL's query may hold a token). */
function failure(error: unknown, url: string, deadline: AbortSignal, outer: AbortSignal | undefined): NetError {
  if (error instanceof NetError) return error
  if (outer?.aborted === true) return new NetError('cancelled', 'cancelled', { cause: error })
  if (deadline.aborted) return new NetError('timeout', `${hostOf(url)} did not answer in time`, { cause: error })
  const { kind, code } = classifyFetchFailure(error)
  const host = hostOf(url)
  const message: Record<typeof kind, string> = {
    offline: `no connection to ${host} (${code})`,
    dns: `the name ${host} cannot be resolved (${code})`,
    tls: `the TLS certificate of ${host} is not trusted (${code})`,
    proxy: `the proxy refused the connection to ${host} (${code})`,
    timeout: `${host} did not answer in time`,
    cancelled: 'cancelled',
    'off-site': `${host} could not be read (${code})`,
    'answer-too-large': `${host} answered more than the app reads (${code})`
  }
  return new NetError(kind, message[kind], { cause: error })
}

/** Reads the body as a stream and stops at `maxBytes`: a lying or missing Content-Length changes nothing. */
async function readCapped(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  const tooLarge = () => new NetError('answer-too-large', `${hostOf(url)} answered more than ${String(Math.round(maxBytes / 1024))} KB`)
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    throw tooLarge()
  }
  if (response.body === null) return new Uint8Array(0)
  const reader = response.body.getReader()
  const parts: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge()
    }
    parts.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const part of parts) {
    bytes.set(part, offset)
    offset += part.byteLength
  }
  return bytes
}

/** The next hop of a redirect, or a NetError when it leaves the site. */
export function nextHop(scope: SiteScope, from: string, location: string | null): string {
  if (location === null || location === '') throw new NetError('off-site', `${hostOf(from)} redirected without saying where`)
  let next: string
  try {
    next = new URL(location, from).href
  } catch {
    throw new NetError('off-site', `${hostOf(from)} redirected to an address that is not one`)
  }
  if (!isOnSite(scope, next)) {
    const scheme = next.split(':', 1)[0] ?? ''
    throw new NetError('off-site', scheme === 'http' || scheme === 'https' ? `${hostOf(from)} redirected to another site (${hostOf(next)})` : `${hostOf(from)} redirected to a ${scheme}: address`)
  }
  return next
}

export type HttpClient = {
  /** One exchange, redirects followed and checked, the whole answer read under the cap and the deadline. */
  request(request: NetRequest): Promise<NetAnswer>
}

export function createHttpClient(options: { transport: Transport; maxBytes?: number }): HttpClient {
  return {
    async request(request) {
      if (!isOnSite(request.scope, request.url)) throw new NetError('off-site', `${hostOf(request.url)} is not the target's site`)
      const deadline = startDeadline(request.timeoutMs, request.signal)
      let url = request.url
      let method = (request.method ?? 'GET').toUpperCase()
      let body = request.body ?? null
      try {
        for (let hop = 0; ; hop++) {
          const headers: Record<string, string> = { ...request.headers }
          if (request.authorization != null && isOwnOrigin(request.scope, url)) headers.Authorization = request.authorization
          if (body === null) delete headers['Content-Type']
          let response: Response
          try {
            response = await options.transport(url, { method, headers, body, redirect: 'manual', signal: deadline.signal })
          } catch (error) {
            throw failure(error, url, deadline.signal, request.signal)
          }
          if (REDIRECTS.has(response.status)) {
            await response.body?.cancel().catch(() => undefined)
            if (hop >= MAX_REDIRECTS) throw new NetError('off-site', `${hostOf(url)} redirected more than ${String(MAX_REDIRECTS)} times`)
            url = nextHop(request.scope, url, response.headers.get('location'))
            // As browsers do: 303, and 301/302 after a POST, continue as a GET without the body.
            if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
              method = method === 'HEAD' ? 'HEAD' : 'GET'
              body = null
            }
            continue
          }
          try {
            const bytes = await readCapped(response, request.maxBytes ?? options.maxBytes ?? DEFAULT_MAX_ANSWER_BYTES, url)
            return { status: response.status, headers: response.headers, url, bytes }
          } catch (error) {
            throw failure(error, url, deadline.signal, request.signal)
          }
        }
      } finally {
        deadline.clear()
      }
    }
  }
}

/** The answer as text in the charset it declares (GBK school sites exist), UTF-8 otherwise. */
export function decodeText(bytes: Uint8Array, contentType: string | null): string {
  const charset = /charset\s*=\s*["']?([\w-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase()
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes)
  } catch {
    return new TextDecoder('utf-8').decode(bytes)
  }
}
