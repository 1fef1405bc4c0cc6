import type { ArticlePhoto } from '@shared/article/schema'
import type { DraftId } from '@shared/model/draft'
import { errorCodeOf } from '../../../drafts/errorText'
import { newsroom } from '../../../newsroom'
import { newArticlePhoto } from '../../nodes/ImageNode'
import { base64OfDataUrl, pastedPhotoName, sortPhotoFiles, type PhotoFailure } from './photoFiles'

export type ImportedPhotos = { photos: ArticlePhoto[]; failures: PhotoFailure[] }

function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      try {
        resolve(base64OfDataUrl(String(reader.result)))
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    }
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'))
    reader.readAsDataURL(file)
  })
}

/**
 * Stores dropped or pasted files as assets of the draft, one at a time so a large drop never holds more than
 * one picture's bytes in memory; a file that fails is reported and the rest carry on.
 */
export async function importPhotoFiles(draftId: DraftId, files: readonly File[]): Promise<ImportedPhotos> {
  const { toImport, refused } = sortPhotoFiles(files)
  const failures: PhotoFailure[] = [...refused]
  const photos: ArticlePhoto[] = []
  for (const file of toImport) {
    const name = file.name || pastedPhotoName(file.type, new Date())
    try {
      const base64 = await readAsBase64(file).catch(() => {
        throw Object.assign(new Error(`${name} could not be read`), { code: 'corrupt-file' })
      })
      const asset = await newsroom().assets.import({ draftId, source: { kind: 'bytes', name, base64 } })
      photos.push(newArticlePhoto(asset.assetId))
    } catch (error) {
      failures.push({ name, code: errorCodeOf(error) })
    }
  }
  return { photos, failures }
}

/** Shows the system's file dialog (in main) and stores the chosen pictures. Cancelling gives no photos. */
export async function pickPhotos(draftId: DraftId): Promise<ImportedPhotos> {
  try {
    const { assets, failures } = await newsroom().assets.pickImages({ draftId })
    return {
      photos: assets.map((asset) => newArticlePhoto(asset.assetId)),
      failures: failures.map((failure) => ({ name: failure.name, code: failure.error.code }))
    }
  } catch (error) {
    return { photos: [], failures: [{ name: '', code: errorCodeOf(error) }] }
  }
}
