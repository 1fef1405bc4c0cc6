import type { ImageFailureCode } from '../../../shared/model/image'

/** One file's failure: a code the renderer words, and technical detail for the log. */
export class ImageFileError extends Error {
  readonly code: ImageFailureCode
  constructor(code: ImageFailureCode, detail: string, options?: { cause?: unknown }) {
    super(detail, options)
    this.name = 'ImageFileError'
    this.code = code
  }
}

const errnoOf = (error: unknown) => (error as { code?: unknown } | null)?.code

/** Reading the photographer's file failed. */
export function readFailure(error: unknown): ImageFileError {
  const errno = errnoOf(error)
  const detail = error instanceof Error ? error.message : String(error)
  if (errno === 'ENOENT' || errno === 'ENOTDIR') return new ImageFileError('vanished', detail, { cause: error })
  if (errno === 'EISDIR') return new ImageFileError('not-an-image', detail, { cause: error })
  return new ImageFileError('unreadable', detail, { cause: error })
}

/** Writing into the article's asset folder (or the preview cache) failed. */
export function writeFailure(error: unknown): ImageFileError {
  const errno = errnoOf(error)
  const detail = error instanceof Error ? error.message : String(error)
  if (errno === 'ENOSPC' || errno === 'EDQUOT') return new ImageFileError('disk-full', detail, { cause: error })
  if (errno === 'EROFS' || errno === 'EACCES' || errno === 'EPERM') return new ImageFileError('read-only', detail, { cause: error })
  return new ImageFileError('write-failed', detail, { cause: error })
}

/** libvips and libheif errors while decoding. */
export function decodeFailure(error: unknown): ImageFileError {
  if (error instanceof ImageFileError) return error
  const detail = error instanceof Error ? error.message : String(error)
  if (/exceeds pixel limit/i.test(detail)) return new ImageFileError('too-large', detail, { cause: error })
  if (/unsupported image format/i.test(detail)) return new ImageFileError('not-an-image', detail, { cause: error })
  return new ImageFileError('corrupt', detail, { cause: error })
}

export function toImageFileError(error: unknown): ImageFileError {
  if (error instanceof ImageFileError) return error
  if ((error as { name?: unknown } | null)?.name === 'AbortError') return new ImageFileError('cancelled', 'cancelled', { cause: error })
  return new ImageFileError('internal', error instanceof Error ? error.stack ?? error.message : String(error), { cause: error })
}
