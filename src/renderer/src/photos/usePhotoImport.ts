import { useCallback, useEffect, useRef, useState } from 'react'
import type { InsertedPhoto, PhotoFailure } from '@shared/ipc/channels/photos'
import type { AppErrorCode } from '@shared/errors'
import type { DraftId } from '@shared/model/draft'
import { errorCodeOf } from '../drafts/errorText'
import { base64OfDataUrl, pastedPhotoName } from '../editor/plugins/images/photoFiles'
import { newsroom } from '../newsroom'
import { mergeEntries, type CullPhoto, type PhotoMark } from './culling'

export type ImportProgress = { phase: 'preview' | 'insert'; finished: number; total: number }

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
 * One import in the culling view: the session main keeps (paths never reach the page), the photos with their
 * previews as they are pushed, the marks, and the insert into the draft.
 */
export function usePhotoImport() {
  const [photos, setPhotos] = useState<CullPhoto[]>([])
  const [progress, setProgress] = useState<ImportProgress | null>(null)
  const [error, setError] = useState<AppErrorCode | null>(null)
  const session = useRef<string | null>(null)
  const previewsRunning = useRef(false)
  const previewsAgain = useRef(false)

  const update = useCallback((id: number, change: (photo: CullPhoto) => CullPhoto) => {
    setPhotos((current) => current.map((p) => (p.id === id ? change(p) : p)))
  }, [])

  useEffect(
    () =>
      newsroom().on('photos:progress', (event) => {
        if (event.sessionId !== session.current) return
        setProgress({ phase: event.phase, finished: event.finished, total: event.total })
        if (event.phase === 'preview') {
          update(event.id, (p) => ({ ...p, load: event.state, preview: event.preview ?? p.preview, failure: event.code ?? null }))
        } else {
          update(event.id, (p) => ({ ...p, insert: event.state, failure: event.state === 'done' ? p.failure : (event.code ?? p.failure) }))
        }
      }),
    [update]
  )

  // The import ends with the view: main forgets its paths and the dropped copies.
  useEffect(
    () => () => {
      const id = session.current
      session.current = null
      if (id) void newsroom().photos.close({ sessionId: id }).catch(() => undefined)
    },
    []
  )

  const runPreviews = useCallback(async () => {
    if (previewsRunning.current) {
      previewsAgain.current = true
      return
    }
    previewsRunning.current = true
    try {
      do {
        previewsAgain.current = false
        const sessionId = session.current
        if (!sessionId) return
        const { photos: states } = await newsroom().photos.previews({ sessionId })
        // The answer is the whole truth: it mends any progress event that was missed.
        const byId = new Map(states.map((s) => [s.id, s]))
        setPhotos((current) =>
          current.map((p) => {
            const state = byId.get(p.id)
            if (!state) return p
            return state.status === 'ready'
              ? { ...p, load: 'done', preview: state.preview, failure: null }
              : { ...p, load: state.code === 'cancelled' ? 'cancelled' : 'failed', failure: state.code }
          })
        )
      } while (previewsAgain.current)
    } catch (failure) {
      setError(errorCodeOf(failure))
    } finally {
      previewsRunning.current = false
      setProgress((p) => (p?.phase === 'preview' ? null : p))
    }
  }, [])

  const choose = useCallback(
    async (mode: 'files' | 'folder') => {
      setError(null)
      try {
        const answer = await newsroom().photos.choose({ mode, sessionId: session.current })
        session.current = answer.sessionId
        setPhotos((current) => mergeEntries(current, answer.photos))
        await runPreviews()
      } catch (failure) {
        setError(errorCodeOf(failure))
      }
    },
    [runPreviews]
  )

  /** Dropped or pasted pictures: their bytes go to main one at a time, then previews as for chosen files. */
  const addFiles = useCallback(
    async (files: readonly File[]) => {
      setError(null)
      const pictures = files.filter((f) => f.type === '' || f.type.startsWith('image/'))
      if (pictures.length === 0) return
      try {
        for (const file of pictures) {
          const name = file.name || pastedPhotoName(file.type, new Date())
          const base64 = await readAsBase64(file)
          const answer = await newsroom().photos.addBytes({ sessionId: session.current, name, base64 })
          session.current = answer.sessionId
          setPhotos((current) => mergeEntries(current, answer.photos))
        }
        await runPreviews()
      } catch (failure) {
        setError(errorCodeOf(failure))
      }
    },
    [runPreviews]
  )

  const cancel = useCallback(() => {
    const sessionId = session.current
    if (sessionId) void newsroom().photos.cancel({ sessionId }).catch(() => undefined)
  }, [])

  const retryCancelled = useCallback(() => void runPreviews(), [runPreviews])

  const mark = useCallback((id: number, value: PhotoMark) => update(id, (p) => ({ ...p, mark: value })), [update])

  const insert = useCallback(
    async (draftId: DraftId, ids: readonly number[], credit: string): Promise<{ photos: InsertedPhoto[]; failures: PhotoFailure[] } | null> => {
      const sessionId = session.current
      if (!sessionId || ids.length === 0) return null
      setError(null)
      setPhotos((current) => current.map((p) => (ids.includes(p.id) ? { ...p, insert: 'queued' } : p)))
      setProgress({ phase: 'insert', finished: 0, total: ids.length })
      try {
        const result = await newsroom().photos.insert({ sessionId, draftId, photoIds: [...ids], credit })
        const failed = new Map(result.failures.map((f) => [f.id, f.code]))
        setPhotos((current) =>
          current.map((p) => {
            if (!ids.includes(p.id)) return p
            const code = failed.get(p.id)
            return code ? { ...p, insert: code === 'cancelled' ? 'cancelled' : 'failed', failure: code } : { ...p, insert: 'done' }
          })
        )
        return result
      } catch (failure) {
        setError(errorCodeOf(failure))
        return null
      } finally {
        setProgress(null)
      }
    },
    []
  )

  const large = useCallback(async (id: number) => {
    const sessionId = session.current
    if (!sessionId) return null
    return newsroom().photos.large({ sessionId, id })
  }, [])

  return { photos, progress, error, choose, addFiles, cancel, retryCancelled, mark, insert, large }
}
