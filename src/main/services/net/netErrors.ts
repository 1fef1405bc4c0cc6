/*
 * Every way a remote call can fail, in the kinds a person can act on. Two network stacks report failures:
 * Node's fetch (tests, scripts) as error codes in `cause`, Electron's net.fetch (the app) as `net::ERR_*`
 * strings. Both map through the tables below, so a certificate problem is never filed as "offline" and
 * retried forever.
 */

export const NET_ERROR_KINDS = ['offline', 'dns', 'tls', 'proxy', 'timeout', 'cancelled', 'off-site', 'answer-too-large'] as const
export type NetErrorKind = (typeof NET_ERROR_KINDS)[number]

/** Worth trying again later without changing anything. A refused redirect, a certificate or a proxy is not. */
export const RETRYABLE_NET_KINDS: ReadonlySet<NetErrorKind> = new Set(['offline', 'dns', 'timeout'])

export class NetError extends Error {
  readonly kind: NetErrorKind
  constructor(kind: NetErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'NetError'
    this.kind = kind
  }
}

/**
 * Chromium's net error names (net/base/net_error_list.h) as Electron reports them, without the `net::` prefix.
 * Whole families go by prefix further down (ERR_CERT_*, ERR_SSL_*, ERR_PROXY_*); listed here are the rest.
 */
const CHROMIUM_ERRORS: Readonly<Record<string, NetErrorKind>> = {
  ERR_INTERNET_DISCONNECTED: 'offline',
  ERR_NETWORK_CHANGED: 'offline',
  ERR_NETWORK_IO_SUSPENDED: 'offline',
  ERR_CONNECTION_REFUSED: 'offline',
  ERR_CONNECTION_RESET: 'offline',
  ERR_CONNECTION_CLOSED: 'offline',
  ERR_CONNECTION_ABORTED: 'offline',
  ERR_CONNECTION_FAILED: 'offline',
  ERR_ADDRESS_UNREACHABLE: 'offline',
  ERR_NETWORK_ACCESS_DENIED: 'offline',
  ERR_EMPTY_RESPONSE: 'offline',
  ERR_NAME_NOT_RESOLVED: 'dns',
  ERR_NAME_RESOLUTION_FAILED: 'dns',
  ERR_ADDRESS_INVALID: 'dns',
  ERR_ICANN_NAME_COLLISION: 'dns',
  ERR_DNS_TIMED_OUT: 'dns',
  ERR_TIMED_OUT: 'timeout',
  ERR_CONNECTION_TIMED_OUT: 'timeout',
  ERR_ABORTED: 'cancelled',
  ERR_BAD_SSL_CLIENT_AUTH_CERT: 'tls',
  ERR_SSL_PROTOCOL_ERROR: 'tls',
  ERR_TUNNEL_CONNECTION_FAILED: 'proxy',
  ERR_MANDATORY_PROXY_CONFIGURATION_FAILED: 'proxy',
  ERR_PROXY_AUTH_REQUESTED: 'proxy',
  ERR_PROXY_AUTH_UNSUPPORTED: 'proxy',
  ERR_PAC_SCRIPT_FAILED: 'proxy',
  ERR_PAC_NOT_IN_DHCP: 'proxy',
  // A redirect net.fetch refused (unsafe scheme) or a scheme it will not fetch: the site sent us off it.
  ERR_UNSAFE_REDIRECT: 'off-site',
  ERR_UNKNOWN_URL_SCHEME: 'off-site',
  ERR_DISALLOWED_URL_SCHEME: 'off-site',
  ERR_TOO_MANY_REDIRECTS: 'off-site',
  ERR_FILE_TOO_BIG: 'answer-too-large',
  ERR_RESPONSE_HEADERS_TOO_BIG: 'answer-too-large'
}

/** The kind for a Chromium error name (`ERR_CERT_DATE_INVALID`, with or without `net::`), or null when it is none. */
export function kindForChromiumError(name: string): NetErrorKind | null {
  const code = name.replace(/^net::/, '')
  if (!code.startsWith('ERR_')) return null
  const listed = CHROMIUM_ERRORS[code]
  if (listed !== undefined) return listed
  if (code.startsWith('ERR_CERT_') || code.startsWith('ERR_SSL_') || code.includes('_CERTIFICATE')) return 'tls'
  if (code.startsWith('ERR_PROXY_') || code.startsWith('ERR_SOCKS_')) return 'proxy'
  if (code.startsWith('ERR_QUIC_') || code.startsWith('ERR_HTTP2_')) return 'offline'
  // Anything else (a protocol violation, a content decoding error) is not fixed by waiting: not retried.
  return 'off-site'
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'EPROTO'
])

const NODE_CODES: Readonly<Record<string, NetErrorKind>> = {
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NONAME: 'dns'
}

type Link = { code?: unknown; name?: unknown; message?: unknown }

function causeChain(error: unknown): Link[] {
  const chain: Link[] = []
  let current: unknown = error
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    chain.push(current as Link)
    current = (current as { cause?: unknown }).cause
  }
  return chain
}

/** The kind of a thrown fetch error, and the code that said so (for the log line). */
export function classifyFetchFailure(error: unknown): { kind: NetErrorKind; code: string } {
  if (error instanceof NetError) return { kind: error.kind, code: error.kind }
  const chain = causeChain(error)
  for (const link of chain) {
    const code = typeof link.code === 'string' ? link.code : ''
    const name = typeof link.name === 'string' ? link.name : ''
    if (name === 'TimeoutError') return { kind: 'timeout', code: name }
    if (name === 'AbortError') return { kind: 'cancelled', code: name }
    if (NODE_CODES[code] !== undefined) return { kind: NODE_CODES[code], code }
    if (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL')) return { kind: 'tls', code }
    const chromium = typeof link.message === 'string' ? /net::(ERR_[A-Z0-9_]+)/.exec(link.message)?.[1] : undefined
    if (chromium !== undefined) return { kind: kindForChromiumError(chromium) ?? 'offline', code: chromium }
  }
  const code = chain.map((link) => link.code).find((value): value is string => typeof value === 'string') ?? 'network error'
  return { kind: 'offline', code }
}
