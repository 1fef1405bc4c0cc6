// Relative, not @shared: unit-tested under Node, which has no @shared alias.
import type { AppErrorCode } from '../../../../../shared/errors'
import { AppErrorCodeSchema } from '../../../../../shared/errorSchemas'
import type { ImageFailureCode } from '../../../../../shared/model/image'

/**
 * A dropped or pasted picture without a path on disk travels as base64, which photos:addBytes caps near
 * 67 MB; refusing larger ones here spares reading and sending a file main would turn away, and names the
 * reason rather than a transport error.
 */
export const MAX_PHOTO_BYTES = 60 * 1024 * 1024

/** The parts of a File the choice depends on, so it can be tested without a browser. */
export type FileFacts = { name: string; type: string; size: number }

/** A picture that did not make it into the article, and why (the photo pipeline's words), to tell the person by file name. */
export type PhotoFailure = { name: string; code: ImageFailureCode }

const FROM_APP_ERROR: Partial<Record<AppErrorCode, ImageFailureCode>> = {
  'disk-full': 'disk-full',
  'read-only': 'read-only',
  'not-found': 'vanished',
  'corrupt-file': 'corrupt',
  'unsupported-file': 'unsupported',
  'file-too-large': 'too-large',
  cancelled: 'cancelled'
}

/** A whole request that failed (main's AppError code), as the failure of the photos it carried. */
export function photoFailureCodeOf(error: unknown): ImageFailureCode {
  const parsed = AppErrorCodeSchema.safeParse((error as { code?: unknown } | null | undefined)?.code)
  return (parsed.success ? FROM_APP_ERROR[parsed.data] : undefined) ?? 'internal'
}

/**
 * Which dropped or pasted files go to the asset store. Whether a file really is a picture is decided there,
 * from its bytes: a browser's type is only the file name's extension, so a renamed text file still says
 * image/jpeg. Files that announce themselves as something else (a PDF, a Word document) are refused here.
 */
export function sortPhotoFiles<F extends FileFacts>(files: readonly F[]): { toImport: F[]; refused: PhotoFailure[] } {
  const toImport: F[] = []
  const refused: PhotoFailure[] = []
  for (const file of files) {
    if (file.type !== '' && !file.type.startsWith('image/')) refused.push({ name: file.name, code: 'unsupported' })
    else if (file.size > MAX_PHOTO_BYTES) refused.push({ name: file.name, code: 'too-large' })
    else if (file.size === 0) refused.push({ name: file.name, code: 'empty' })
    else toImport.push(file)
  }
  return { toImport, refused }
}

/** The base64 payload of a `data:…;base64,` URL, as FileReader.readAsDataURL gives it. */
export function base64OfDataUrl(dataUrl: string): string {
  const comma = dataUrl.indexOf(',')
  if (!dataUrl.startsWith('data:') || comma < 0 || !dataUrl.slice(0, comma).endsWith(';base64')) {
    throw new Error('not a base64 data URL')
  }
  return dataUrl.slice(comma + 1)
}

/** A name for a pasted picture, which has none of its own ("image.png" from every screenshot tool). */
export function pastedPhotoName(type: string, when: Date): string {
  const extension = type.replace(/^image\//, '').replace('jpeg', 'jpg').replace(/[^a-z0-9]/g, '') || 'png'
  const pad = (n: number): string => String(n).padStart(2, '0')
  const stamp = `${when.getFullYear()}${pad(when.getMonth() + 1)}${pad(when.getDate())}-${pad(when.getHours())}${pad(when.getMinutes())}${pad(when.getSeconds())}`
  return `pasted-${stamp}.${extension}`
}
