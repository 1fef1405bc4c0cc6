import type { PublishConflict, PublishErrorInfo, PublishErrorKind } from '../../../shared/model/publish'

// A refused redirect, a certificate, a proxy or an oversized answer is not fixed by waiting: never retried.
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
