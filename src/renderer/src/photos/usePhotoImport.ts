import { useCallback, useEffect, useRef, useState } from 'react'
import type { InsertedPhoto, PhotoFailure } from '@shared/ipc/channels/photos'
import type { AppErrorCode } from '@shared/errors'
import type { DraftId } from '@shared/model/draft'
import { errorCodeOf } from '../drafts/errorText'
import type { OpenPhotosPayload } from '../editor/plugins/images/commands'
import { addDroppedFiles } from '../editor/plugins/images/importPhotos'
import type { PhotoFailure as RefusedFile } from '../editor/plugins/images/photoFiles'
import { newsroom } from '../newsroom'
import { mergeEntries, type CullPhoto, type PhotoMark } from './culling'

export type ImportProgress = { phase: 'preview' | 'insert'; finished: number; total: number }

/**
 * One import in the culling view: the session main keeps (paths never reach the page), the photos with their
 * previews as they are pushed, the marks, and the insert into the draft.
 */
export function usePhotoImport(initial?: OpenPhotosPayload) {
  const [photos, setPhotos] = useState<CullPhoto[]>(() => (initial ? mergeEntries([], initial.photos) : []))
  const [progress, setProgress] = useState<ImportProgress | null>(null)
  const [error, setError] = useState<AppErrorCode | null>(null)
  /** Dropped files and folders main did not take, by name. */
  const [refused, setRefused] = useState<RefusedFile[]>(() => initial?.refused ?? [])
  const session = useRef<string | null>(initial?.sessionId ?? null)
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

  /** Dropped or pasted pictures: files and folders on disk by path, others by their bytes; then previews as for chosen files. */
  const addFiles = useCallback(
    async (files: readonly File[]) => {
      setError(null)
      if (files.length === 0) return
      const added = await addDroppedFiles(files, session.current)
      setRefused(added.failures)
      if (!added.session) return
      session.current = added.session.sessionId
      const entries = added.session.photos
      setPhotos((current) => mergeEntries(current, entries))
      await runPreviews()
    },
    [runPreviews]
  )

  // A session handed over by the editor (a dropped folder) has its previews made as soon as the view opens.
  const started = useRef(false)
  useEffect(() => {
    if (started.current || !initial) return
    started.current = true
    void runPreviews()
  }, [initial, runPreviews])

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

  return { photos, progress, error, refused, choose, addFiles, cancel, retryCancelled, mark, insert, large }
}
