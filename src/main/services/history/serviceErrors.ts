import { AppError, fsErrorCode } from '../../../shared/errors'

/** Wraps a file-system failure in an AppError a person can act on, keeping the system's words as detail. */
export function toAppError(error: unknown, doing: string): AppError {
  if (error instanceof AppError) return error
  const message = `${doing}: ${(error as Error | null)?.message ?? String(error)}`
  return new AppError(fsErrorCode(error), message, { cause: error })
}
