/*
 * The pure halves of a transport built on a request API without fetch's body and header types (Electron's
 * net.request): what bytes and Content-Type a fetch body stands for, and a header record as Headers.
 */

/** A fetch body (string, bytes, Blob, FormData, URLSearchParams) as bytes and the Content-Type it implies. */
export async function requestBytes(body: RequestInit['body']): Promise<{ bytes: Uint8Array | null; contentType: string | null }> {
  if (body === null || body === undefined) return { bytes: null, contentType: null }
  // The platform's own serialiser: multipart boundaries and charsets exactly as fetch would send them.
  const request = new Request('http://body.invalid/', { method: 'POST', body })
  return { bytes: new Uint8Array(await request.arrayBuffer()), contentType: request.headers.get('content-type') }
}

/** Electron gives response headers as name → value(s); Set-Cookie and friends may repeat. */
export function headersFrom(record: Record<string, string | string[]>): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(record)) for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
  return headers
}

/** Statuses whose Response may not carry a body (the Response constructor throws otherwise). */
export function mayHaveBody(status: number): boolean {
  return !(status === 204 || status === 205 || status === 304 || (status >= 100 && status < 200))
}
