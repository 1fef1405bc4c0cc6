import { describe, expect, it } from 'vitest'
import { classifyFetchFailure, kindForChromiumError, RETRYABLE_NET_KINDS, type NetErrorKind } from '../../../src/main/services/net/netErrors'

describe("net::ERR_* and Node's error codes → the app's error kinds", () => {
  const table: [string, NetErrorKind][] = [
    ['net::ERR_INTERNET_DISCONNECTED', 'offline'],
    ['net::ERR_CONNECTION_REFUSED', 'offline'],
    ['net::ERR_CONNECTION_RESET', 'offline'],
    ['net::ERR_NAME_NOT_RESOLVED', 'dns'],
    ['net::ERR_NAME_RESOLUTION_FAILED', 'dns'],
    ['net::ERR_TIMED_OUT', 'timeout'],
    ['net::ERR_CONNECTION_TIMED_OUT', 'timeout'],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'tls'],
    ['net::ERR_CERT_DATE_INVALID', 'tls'],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'tls'],
    ['net::ERR_CERT_REVOKED', 'tls'],
    ['net::ERR_CERTIFICATE_TRANSPARENCY_REQUIRED', 'tls'],
    ['net::ERR_SSL_PROTOCOL_ERROR', 'tls'],
    ['net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH', 'tls'],
    ['net::ERR_BAD_SSL_CLIENT_AUTH_CERT', 'tls'],
    ['net::ERR_PROXY_CONNECTION_FAILED', 'proxy'],
    ['net::ERR_TUNNEL_CONNECTION_FAILED', 'proxy'],
    ['net::ERR_PROXY_AUTH_REQUESTED', 'proxy'],
    ['net::ERR_PAC_SCRIPT_FAILED', 'proxy'],
    ['net::ERR_SOCKS_CONNECTION_FAILED', 'proxy'],
    ['net::ERR_UNSAFE_REDIRECT', 'off-site'],
    ['net::ERR_UNKNOWN_URL_SCHEME', 'off-site'],
    ['net::ERR_TOO_MANY_REDIRECTS', 'off-site'],
    ['net::ERR_ABORTED', 'cancelled']
  ]

  it.each(table)('%s is %s', (name, kind) => {
    expect(kindForChromiumError(name)).toBe(kind)
    // As Electron throws it: an Error whose message carries the name.
    expect(classifyFetchFailure(new Error(name)).kind).toBe(kind)
  })

  it('a certificate or proxy problem is never offline and never retried; an unknown error is not retried forever', () => {
    for (const [name, kind] of table) if (name.includes('CERT') || name.includes('SSL')) expect(RETRYABLE_NET_KINDS.has(kind)).toBe(false)
    expect(RETRYABLE_NET_KINDS.has('proxy')).toBe(false)
    expect(RETRYABLE_NET_KINDS.has('off-site')).toBe(false)
    expect(kindForChromiumError('net::ERR_INVALID_HTTP_RESPONSE')).toBe('off-site')
    expect(kindForChromiumError('something else')).toBeNull()
  })

  it("reads Node's fetch failures from the cause chain", () => {
    const wrapped = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) })
    expect(classifyFetchFailure(wrapped('ECONNREFUSED')).kind).toBe('offline')
    expect(classifyFetchFailure(wrapped('ENOTFOUND')).kind).toBe('dns')
    expect(classifyFetchFailure(wrapped('DEPTH_ZERO_SELF_SIGNED_CERT')).kind).toBe('tls')
    expect(classifyFetchFailure(wrapped('ERR_TLS_CERT_ALTNAME_INVALID')).kind).toBe('tls')
    expect(classifyFetchFailure(wrapped('UND_ERR_HEADERS_TIMEOUT')).kind).toBe('timeout')
    expect(classifyFetchFailure(new DOMException('x', 'AbortError')).kind).toBe('cancelled')
  })
})
