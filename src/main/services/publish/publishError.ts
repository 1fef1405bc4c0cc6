import type { PublishConflict, PublishErrorInfo, PublishErrorKind } from '../../../shared/model/publish'

const RETRYABLE: ReadonlySet<PublishErrorKind> = new Set(['timeout', 'offline', 'server', 'dns'])

/** A failed publish step, in the kinds a person can act on. Messages never hold a secret. */
export class PublishError extends Error {
  readonly kind: PublishErrorKind
  readonly httpStatus: number | null
  step: string | null
  readonly canSubmitPending: boolean
  readonly conflict: PublishConflict | null
  constructor(
    kind: PublishErrorKind,
    message: string,
    extra: { httpStatus?: number | null; step?: string | null; canSubmitPending?: boolean; conflict?: PublishConflict; cause?: unknown } = {}
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause })
    this.name = 'PublishError'
    this.kind = kind
    this.httpStatus = extra.httpStatus ?? null
    this.step = extra.step ?? null
    this.canSubmitPending = extra.canSubmitPending ?? false
    this.conflict = extra.conflict ?? null
  }
  get retryable(): boolean {
    return RETRYABLE.has(this.kind)
  }
  toInfo(): PublishErrorInfo {
    return {
      kind: this.kind,
      message: this.message,
      httpStatus: this.httpStatus,
      step: this.step,
      canSubmitPending: this.canSubmitPending,
      retryable: this.retryable,
      conflict: this.conflict
    }
  }
}

/** The kind for an HTTP answer that is not a success. */
export function kindForStatus(status: number): PublishErrorKind {
  if (status === 401) return 'auth'
  if (status === 403) return 'forbidden'
  if (status === 404 || status === 410) return 'not-found'
  if (status === 408) return 'timeout'
  if (status === 409) return 'conflict'
  if (status === 413) return 'too-large'
  if (status >= 500) return 'server'
  return 'invalid-response'
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_NOT_YET_VALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO'
])

function causeChain(error: unknown): { code?: string; name?: string; message?: string }[] {
  const chain: { code?: string; name?: string; message?: string }[] = []
  let current: unknown = error
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    chain.push(current as { code?: string; name?: string; message?: string })
    current = (current as { cause?: unknown }).cause
  }
  return chain
}

/**
 * What a thrown fetch error means. Node's fetch wraps the socket error in `cause` ("fetch failed" on top),
 * and an AbortSignal.timeout() throws a TimeoutError DOMException.
 */
export function classifyNetworkError(error: unknown, url: string, step: string | null): PublishError {
  if (error instanceof PublishError) return error
  const host = safeHost(url)
  for (const link of causeChain(error)) {
    if (link.name === 'TimeoutError' || link.code === 'UND_ERR_HEADERS_TIMEOUT' || link.code === 'UND_ERR_BODY_TIMEOUT' || link.code === 'ETIMEDOUT') {
      return new PublishError('timeout', `${host} did not answer in time`, { step, cause: error })
    }
    if (link.code === 'ENOTFOUND' || link.code === 'EAI_AGAIN' || link.code === 'EAI_NONAME') {
      return new PublishError('dns', `the name ${host} cannot be resolved (${link.code})`, { step, cause: error })
    }
    if (link.code !== undefined && (TLS_CODES.has(link.code) || link.code.startsWith('ERR_TLS') || link.code.startsWith('ERR_SSL'))) {
      return new PublishError('tls', `the TLS certificate of ${host} is not trusted (${link.code})`, { step, cause: error })
    }
    if (link.name === 'AbortError') return new PublishError('cancelled', 'cancelled', { step, cause: error })
  }
  const code = causeChain(error).find((link) => typeof link.code === 'string')?.code ?? 'network error'
  return new PublishError('offline', `no connection to ${host} (${code})`, { step, cause: error })
}

/** host[:port] only: a URL may carry credentials or tokens in its query. */
export function safeHost(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'the site'
  }
}

/** A URL fit for a log line: no user info, no query. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url)
    const route = parsed.searchParams.get('rest_route')
    return `${parsed.origin}${parsed.pathname}${route === null ? '' : `?rest_route=${route}`}`
  } catch {
    return 'the site'
  }
}
