/**
 * What can go wrong, as codes. Main reports a code plus technical detail; the renderer turns the code
 * into a sentence in the UI language that says what to do next.
 */
export const APP_ERROR_CODES = [
  'disk-full',
  'read-only',
  'not-found',
  'draft-damaged',
  'unsupported-file',
  'file-too-large',
  'corrupt-file',
  /** A staff list (CSV) without a recognisable header line. */
  'csv-invalid',
  /** A name the directory already has (people, departments and columns are each unique by name). */
  'already-exists',
  /** A .newsroom package that is damaged or unsafe; the message names the entry and what is wrong with it. */
  'package-invalid',
  /** A .newsroom package written by a newer version of the app. */
  'package-too-new',
  /** The workflow step does not fit the draft's status (already signed, not submitted, changed meanwhile). */
  'workflow-conflict',
  /** Publishing with the approval gate on, without a valid proofread and review on the current content. */
  'approval-required',
  /** A sign-off without the signer's name. */
  'signer-required',
  /** A return (退回) without a reason. */
  'reason-required',
  /** The signer is not among the people or directory roles the chain's step names. */
  'signer-not-allowed',
  /** A separation-of-duties check of the step failed (e.g. 校对人 is the author). */
  'separation-required',
  /** The signer has a signing key on this desk: its PIN is needed. */
  'pin-required',
  /** The PIN does not open the signer's key. */
  'pin-wrong',
  /** This desk requires signed sign-offs and the signer has no key here. */
  'signature-required',
  /** Keys cannot be stored: the system offers no encryption (safeStorage), or the key file is damaged. */
  'key-unavailable',
  /** A directory key differs from the one trusted for that name: a person must compare and confirm it. */
  'key-changed',
  /** 发布前检查 found an error-level finding nobody waived with a reason: submit and sign-offs wait for a fix or a waiver. */
  'checks-failed',
  'cancelled',
  'invalid-request',
  'invalid-response',
  'untrusted-sender',
  'unknown-channel',
  'internal'
] as const
export type AppErrorCode = (typeof APP_ERROR_CODES)[number]
/** What crosses the process border of an error; its schemas are in errorSchemas.ts (this file stays free of zod). */
export type AppErrorPayload = { code: AppErrorCode; message: string }

export class AppError extends Error {
  readonly code: AppErrorCode
  constructor(code: AppErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'AppError'
    this.code = code
  }
  toPayload(): AppErrorPayload {
    return { code: this.code, message: this.message }
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError
}

/** Maps a Node file-system error to the code a person can act on. */
export function fsErrorCode(error: unknown): AppErrorCode {
  const code = (error as { code?: unknown } | null)?.code
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'disk-full'
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return 'read-only'
    case 'ENOENT':
      return 'not-found'
    default:
      return 'internal'
  }
}
