import type { ArticlePhoto } from '@shared/article/schema'
import { PHOTO_INSERT_MAX, type PhotoEntry } from '@shared/ipc/channels/photos'
import type { DraftId } from '@shared/model/draft'
import { newsroom } from '../../../newsroom'
import { newArticlePhoto } from '../../nodes/ImageNode'
import { base64OfDataUrl, pastedPhotoName, photoFailureCodeOf, sortPhotoFiles, type PhotoFailure } from './photoFiles'

export type ImportedPhotos = { photos: ArticlePhoto[]; failures: PhotoFailure[] }

/** Photos main holds for one import (photos:addPaths / addBytes / choose), not yet in the article. */
export type PhotoSession = { sessionId: string; photos: PhotoEntry[] }

/** What dropped or pasted files became: a session (null when none could be added), and the ones refused. */
export type DroppedPhotos = { session: PhotoSession | null; failures: PhotoFailure[]; folders: number }

export function readAsBase64(file: Blob): Promise<string> {
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
 * Adds dropped or pasted files to an import session: files on disk (and folders) by path, so main reads
 * them where they are; the rest (a picture pasted from another program) by their bytes, one at a time so
 * a large paste never holds more than one picture's bytes in memory.
 */
export async function addDroppedFiles(files: readonly File[], sessionId: string | null = null): Promise<DroppedPhotos> {
  const tokens = await newsroom().dropTokens(files)
  const onDisk = tokens.filter((token) => token !== '')
  const { toImport, refused } = sortPhotoFiles(files.filter((_, index) => tokens[index] === ''))
  const failures: PhotoFailure[] = [...refused]
  let session: PhotoSession | null = null
  let folders = 0
  if (onDisk.length > 0) {
    try {
      const answer = await newsroom().photos.addPaths({ sessionId, tokens: onDisk })
      session = { sessionId: answer.sessionId, photos: answer.photos }
      folders = answer.folders
      failures.push(...answer.refused.map(({ name, code }) => ({ name, code })))
    } catch (error) {
      failures.push({ name: '', code: photoFailureCodeOf(error) })
    }
  }
  for (const file of toImport) {
    const name = file.name || pastedPhotoName(file.type, new Date())
    try {
      const base64 = await readAsBase64(file).catch((error: unknown) => {
        throw Object.assign(new Error(`${name} could not be read`, { cause: error }), { code: 'corrupt-file' })
      })
      const answer = await newsroom().photos.addBytes({ sessionId: session?.sessionId ?? sessionId, name, base64 })
      session = { sessionId: answer.sessionId, photos: answer.photos }
    } catch (error) {
      failures.push({ name, code: photoFailureCodeOf(error) })
    }
  }
  return { session, failures, folders }
}

/**
 * Compresses every photo of a session into the draft with the settings' profile (upright, sRGB, no GPS,
 * the credit in XMP), then ends the session. A photo that fails is reported by name; the rest carry on.
 */
export async function insertSession(draftId: DraftId, session: PhotoSession, credit: string): Promise<ImportedPhotos> {
  const photos: ArticlePhoto[] = []
  const failures: PhotoFailure[] = []
  try {
    for (let start = 0; start < session.photos.length; start += PHOTO_INSERT_MAX) {
      const batch = session.photos.slice(start, start + PHOTO_INSERT_MAX)
      try {
        const result = await newsroom().photos.insert({ sessionId: session.sessionId, draftId, photoIds: batch.map((p) => p.id), credit })
        photos.push(...result.photos.map((photo) => ({ ...newArticlePhoto(photo.assetId), credit })))
        failures.push(...result.failures.map(({ name, code }) => ({ name, code })))
      } catch (error) {
        const code = photoFailureCodeOf(error)
        failures.push(...batch.map(({ name }) => ({ name, code })))
      }
    }
  } finally {
    void newsroom()
      .photos.close({ sessionId: session.sessionId })
      .catch(() => undefined)
  }
  return { photos, failures }
}

/** Dropped or pasted files straight into the article through the photo pipeline. */
export async function importPhotoFiles(draftId: DraftId, files: readonly File[], credit = ''): Promise<ImportedPhotos> {
  const { session, failures } = await addDroppedFiles(files)
  if (!session) return { photos: [], failures }
  const inserted = await insertSession(draftId, session, credit)
  return { photos: inserted.photos, failures: [...failures, ...inserted.failures] }
}

/** Shows the system's file dialog (in main) and puts the chosen photos through the pipeline. Cancelling gives no photos. */
export async function pickPhotos(draftId: DraftId, credit = ''): Promise<ImportedPhotos> {
  let session: PhotoSession
  try {
    session = await newsroom().photos.choose({ mode: 'files', sessionId: null })
  } catch (error) {
    return { photos: [], failures: [{ name: '', code: photoFailureCodeOf(error) }] }
  }
  return insertSession(draftId, session, credit)
}
