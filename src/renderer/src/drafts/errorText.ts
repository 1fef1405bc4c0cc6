// Relative, not @shared: this module is unit-tested under Vitest, which has no @shared alias.
import { APP_ERROR_CODES, type AppErrorCode } from '../../../shared/errors'

/** The code behind a failed call: NewsroomError carries one; anything else (a broken transport) is internal. */
export function errorCodeOf(error: unknown): AppErrorCode {
  const code = (error as { code?: unknown } | null | undefined)?.code
  return (APP_ERROR_CODES as readonly unknown[]).includes(code) ? (code as AppErrorCode) : 'internal'
}

/** Technical words for a tooltip or log, never the main message. */
export function errorDetailOf(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
