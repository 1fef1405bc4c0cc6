import type { Transport } from './httpClient'
import { headersFrom, mayHaveBody, requestBytes } from './transportParts'

/** The part of Electron's `net.request` this transport uses (main hands it over; services never import electron). */
export type NetRequestOptions = {
  url: string
  method: string
  redirect: 'manual'
  credentials: 'omit'
  useSessionCookies: false
  bypassCustomProtocolHandlers: true
}
export type NetIncoming = {
  statusCode: number
  headers: Record<string, string | string[]>
  on(event: 'data', listener: (chunk: Buffer) => void): unknown
  on(event: 'end', listener: () => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
}
/** What an authenticating proxy says when it asks (Electron's AuthInfo). */
export type NetLoginInfo = { isProxy: boolean; scheme: string; host: string; port: number; realm: string }
/** Answers a proxy's question: credentials, or nothing to give up (the request then fails with an auth error). */
export type NetLoginAnswer = (info: NetLoginInfo, callback: (username?: string, password?: string) => void) => void

export type NetClientRequest = {
  setHeader(name: string, value: string): void
  write(chunk: Buffer): void
  end(): void
  abort(): void
  on(event: 'redirect', listener: (statusCode: number, method: string, redirectUrl: string, headers: Record<string, string[]>) => void): unknown
  on(event: 'response', listener: (response: NetIncoming) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  on(event: 'login', listener: (info: NetLoginInfo, callback: (username?: string, password?: string) => void) => void): unknown
}

/**
 * The app's transport for the one HTTP client: Chromium's network stack (system proxy and PAC, the OS
 * certificate store) through net.request, because net.fetch cannot hand back a redirect unfollowed (with
 * `redirect: 'manual'` it fails with "Redirect was cancelled", electron/electron#43715) and the client must see
 * every hop to check it. No cookies, no stored HTTP auth: the client sends exactly what it means to send.
 */
export function createNetRequestTransport(open: (options: NetRequestOptions) => NetClientRequest, proxyLogin?: NetLoginAnswer): Transport {
  return async (url, init) => {
    const body = await requestBytes(init.body ?? null)
    init.signal?.throwIfAborted()
    return new Promise<Response>((resolve, reject) => {
      const request = open({ url, method: init.method ?? 'GET', redirect: 'manual', credentials: 'omit', useSessionCookies: false, bypassCustomProtocolHandlers: true })
      const headers = new Headers(init.headers)
      if (body.contentType !== null && !headers.has('content-type')) headers.set('content-type', body.contentType)
      headers.forEach((value, name) => request.setHeader(name, value))
      init.signal?.addEventListener(
        'abort',
        () => {
          request.abort()
          reject(init.signal?.reason ?? new DOMException('aborted', 'AbortError'))
        },
        { once: true }
      )
      request.on('redirect', (statusCode, _method, redirectUrl, responseHeaders) => {
        // Not followed here: the client decides about every hop.
        const answer = headersFrom(responseHeaders)
        answer.set('location', redirectUrl)
        resolve(new Response(null, { status: statusCode, headers: answer }))
        request.abort()
      })
      request.on('response', (response) => {
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            response.on('data', (chunk) => controller.enqueue(new Uint8Array(chunk)))
            response.on('end', () => controller.close())
            response.on('error', (error) => controller.error(error))
          },
          cancel() {
            request.abort()
          }
        })
        resolve(new Response(mayHaveBody(response.statusCode) ? stream : null, { status: response.statusCode, headers: headersFrom(response.headers) }))
      })
      // A campus proxy that asks for a login goes to the app's sign-in (the request's own event, not app's);
      // a site asking for HTTP auth gets nothing: the client sends its own Authorization or none.
      request.on('login', (info, callback) => (info.isProxy && proxyLogin ? proxyLogin(info, callback) : callback()))
      // Chromium's errors arrive as "net::ERR_…" messages: netErrors.ts maps them.
      request.on('error', (error) => reject(error))
      if (body.bytes !== null) request.write(Buffer.from(body.bytes))
      request.end()
    })
  }
}
