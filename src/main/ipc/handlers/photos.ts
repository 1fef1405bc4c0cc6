import { createHash, randomBytes } from 'node:crypto'
import { basename, extname, isAbsolute, join, resolve } from 'node:path'
import { AppError } from '../../../shared/errors'
import type { PhotoEntry, PhotoPreviewState, InsertedPhoto, PhotoFailure, RefusedPath, photoChannels } from '../../../shared/ipc/channels/photos'
import type { DraftId } from '../../../shared/model/draft'
import type { ImageFailureCode } from '../../../shared/model/image'
import { atomicWriteFile, syncFolder } from '../../services/fs/atomicWrite'
import { nodeServiceFs, type ServiceFs } from '../../services/fs/serviceFs'
import { readFailure, toImageFileError, writeFailure } from '../../services/images/failures'
import { runBounded } from '../../services/images/pool'
import type { HandlerContext, HandlerTable } from '../dispatch'
import type { HandlerDeps } from './deps'

const PHOTO_EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'heic', 'heif', 'tif', 'tiff']
export const PHOTO_FILE_FILTERS = [{ name: 'photos', extensions: PHOTO_EXTENSIONS }]
/** A memory card holds a few thousand at most; more than this in one import is a mistake (a whole disk). */
const MAX_SESSION_PHOTOS = 3000
/** Sessions left open by a page that went away are dropped oldest first. */
const MAX_SESSIONS = 8
/** Folders below the chosen one searched for photos (a card's DCIM/100CANON is two down). */
const MAX_FOLDER_DEPTH = 3
const PREVIEW_LANES = 4
/** Beside each draft's assets: asset id → the photographer's file it was made from. */
export const PHOTO_ORIGINALS_FILE = 'photo-originals.json'
const PREVIEW_FILE = /^[0-9a-f]{40}\.jpg$/

/** The preview a `<previewUrlBase><file name>` address names; only the service's own file names, so nothing else is reachable. */
export function previewFileFor(cacheDir: string, tail: string): string | null {
  let name: string
  try {
    name = decodeURIComponent(tail.replace(/^\/+/, ''))
  } catch {
    return null
  }
  return PREVIEW_FILE.test(name) ? join(cacheDir, 'previews', name) : null
}

/** `original` is what photo-originals.json records: the path, or for dropped bytes (which have none) the name they came with. */
type SessionPhoto = { id: number; name: string; path: string; original: string; preview: PhotoPreviewState | null }
type Session = { id: string; photos: SessionPhoto[]; byPath: Map<string, SessionPhoto>; running: Set<AbortController> }

const isPhotoFile = (name: string) => !name.startsWith('.') && PHOTO_EXTENSIONS.includes(extname(name).slice(1).toLowerCase())

/** The photos in a folder and a few levels below, in name order (cameras number their files). */
async function photosInFolder(fs: ServiceFs, folder: string): Promise<string[]> {
  const found: string[] = []
  async function walk(dir: string, depth: number): Promise<void> {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => [])
    entries.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
    for (const entry of entries) {
      if (found.length >= MAX_SESSION_PHOTOS) return
      if (entry.isDirectory() && depth < MAX_FOLDER_DEPTH && !entry.name.startsWith('.')) await walk(join(dir, entry.name), depth + 1)
      else if (entry.isFile() && isPhotoFile(entry.name)) found.push(join(dir, entry.name))
    }
  }
  await walk(folder, 0)
  return found
}

function writeCode(error: unknown): ImageFailureCode {
  return writeFailure(error).code
}

/**
 * The culling view's errands: an import session per open view (paths stay in main), previews streamed as
 * `photos:progress`, and the picked photos compressed into the draft's assets with the settings' profile.
 */
export function createPhotoHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof photoChannels> {
  const fs = deps.fs ?? nodeServiceFs
  const sessions = new Map<string, Session>()
  const originalsWrites = new Map<DraftId, Promise<void>>()
  const cacheDir = () => join(deps.drafts().dataDir, '.cache')

  function sessionFor(id: string | null): Session {
    const existing = id ? sessions.get(id) : undefined
    if (existing) return existing
    while (sessions.size >= MAX_SESSIONS) {
      const oldest = sessions.keys().next().value
      if (oldest === undefined) break
      void forget(oldest)
    }
    const session: Session = { id: randomBytes(8).toString('hex'), photos: [], byPath: new Map(), running: new Set() }
    sessions.set(session.id, session)
    return session
  }

  function existingSession(id: string): Session {
    const session = sessions.get(id)
    if (!session) throw new AppError('not-found', 'this photo import has ended; add the photos again')
    return session
  }

  function forget(id: string): Promise<void> {
    const session = sessions.get(id)
    if (!session) return Promise.resolve()
    for (const controller of session.running) controller.abort()
    sessions.delete(id)
    return fs.rm(join(cacheDir(), 'dropped', id), { recursive: true, force: true }).catch(() => undefined)
  }

  function add(session: Session, paths: readonly string[], original?: string): { sessionId: string; photos: PhotoEntry[] } {
    for (const path of paths) {
      const key = resolve(path)
      if (session.byPath.has(key) || session.photos.length >= MAX_SESSION_PHOTOS) continue
      const photo: SessionPhoto = { id: session.photos.length, name: basename(path), path, original: original ?? path, preview: null }
      session.photos.push(photo)
      session.byPath.set(key, photo)
    }
    return { sessionId: session.id, photos: session.photos.map(({ id, name }) => ({ id, name })) }
  }

  /** Runs a batch of the session's, stoppable by photos:cancel. */
  async function running<T>(session: Session, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController()
    session.running.add(controller)
    try {
      return await work(controller.signal)
    } finally {
      session.running.delete(controller)
    }
  }

  async function previews(session: Session, context: HandlerContext): Promise<PhotoPreviewState[]> {
    const pending = session.photos.filter((p) => !p.preview || (p.preview.status === 'failed' && p.preview.code === 'cancelled'))
    let finished = 0
    const total = pending.length
    const report = (photo: SessionPhoto, state: 'working' | 'done' | 'failed' | 'cancelled') => {
      if (state !== 'working') finished++
      const result = photo.preview
      context.emit('photos:progress', {
        sessionId: session.id,
        phase: 'preview',
        id: photo.id,
        state,
        ...(result?.status === 'failed' ? { code: result.code } : {}),
        ...(result?.status === 'ready' && state === 'done' ? { preview: result.preview } : {}),
        finished,
        total
      })
    }
    await running(session, (signal) =>
      runBounded(
        pending,
        PREVIEW_LANES,
        async (photo) => {
          report(photo, 'working')
          try {
            const made = await deps.images().preview(photo.path, signal)
            photo.preview = {
              id: photo.id,
              status: 'ready',
              preview: {
                url: `${deps.previewUrlBase}${basename(made.previewFile)}`,
                width: made.width,
                height: made.height,
                capturedAt: made.capturedAt,
                camera: made.camera
              }
            }
            report(photo, 'done')
          } catch (error) {
            const failure = toImageFileError(error)
            photo.preview = { id: photo.id, status: 'failed', code: failure.code, detail: failure.message }
            report(photo, failure.code === 'cancelled' ? 'cancelled' : 'failed')
          }
        },
        (photo) => {
          photo.preview = { id: photo.id, status: 'failed', code: 'cancelled', detail: 'cancelled before it started' }
          report(photo, 'cancelled')
        },
        signal
      )
    )
    return session.photos.flatMap((p) => (p.preview ? [p.preview] : []))
  }

  /** Moves a compressed photo from the staging folder into the draft's assets under its asset id. */
  async function store(draftId: DraftId, assetFile: string, assetId: string, bytes: number): Promise<void> {
    await deps.drafts().withAssets(draftId, async (folder) => {
      const target = join(folder, assetId)
      const existing = await fs.stat(target).catch(() => null)
      if (existing?.size === bytes) return
      await fs.rename(assetFile, target)
      await syncFolder(fs, folder)
    })
  }

  /** Remembers which original each asset came from; a failure here never loses the inserted photos. */
  function rememberOriginals(draftId: DraftId, inserted: readonly InsertedPhoto[]): Promise<void> {
    const previous = originalsWrites.get(draftId) ?? Promise.resolve()
    const next = previous.then(async () => {
      const file = join(deps.drafts().draftFolder(draftId), PHOTO_ORIGINALS_FILE)
      let known: Record<string, string> = {}
      try {
        const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'))
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) known = parsed as Record<string, string>
      } catch {
        // none yet, or unreadable: start over, it is only a record of where photos came from
      }
      for (const photo of inserted) known[photo.assetId] = photo.originalPath
      await atomicWriteFile(fs, file, JSON.stringify(known, null, 2))
    })
    const settled = next.catch((error: unknown) => console.warn(`could not record the originals of draft ${draftId}'s photos`, error))
    originalsWrites.set(draftId, settled)
    return settled
  }

  return {
    'photos:choose': async ({ mode, sessionId }) => {
      const folders = mode === 'folder'
      const chosen = await deps.dialogs.openFiles({
        purpose: folders ? 'photos-folder' : 'photos',
        multiple: true,
        folders,
        filters: folders ? [] : PHOTO_FILE_FILTERS
      })
      const paths = folders ? (await Promise.all(chosen.map((folder) => photosInFolder(fs, folder)))).flat() : chosen
      return add(sessionFor(sessionId), paths)
    },
    'photos:registerDrop': async ({ paths }) => ({ tokens: paths.map((path) => deps.grants.issue('dropped-file', path)) }),
    'photos:addPaths': async ({ sessionId, tokens }) => {
      // Only paths the preload registered for a drop, each once; still checked: only photos, or folders searched for photos.
      const found: string[] = []
      const refused: RefusedPath[] = []
      let folders = 0
      for (const token of tokens) {
        const path = deps.grants.take('dropped-file', token)
        if (path === null) {
          refused.push({ name: '', code: 'unreadable', detail: 'not a file dropped on the window (or dropped too long ago)' })
          continue
        }
        const name = basename(path) || path
        if (!isAbsolute(path) || path.includes('\0')) {
          refused.push({ name, code: 'unreadable', detail: 'not an absolute path' })
          continue
        }
        const info = await fs.stat(path).catch((error: unknown) => readFailure(error))
        if (info instanceof Error) refused.push({ name, code: info.code, detail: info.message })
        else if (info.isDirectory()) {
          folders++
          const inside = await photosInFolder(fs, path)
          if (inside.length === 0) refused.push({ name, code: 'not-an-image', detail: 'no photos in this folder' })
          found.push(...inside)
        } else if (!info.isFile() || !isPhotoFile(name)) {
          refused.push({ name, code: 'not-an-image', detail: `not named like a photo (${PHOTO_EXTENSIONS.join(', ')})` })
        } else found.push(path)
      }
      return { ...add(sessionFor(sessionId), found), refused, folders }
    },
    'photos:addBytes': async ({ sessionId, name, base64 }) => {
      const session = sessionFor(sessionId)
      const bytes = Buffer.from(base64, 'base64')
      if (bytes.length === 0) throw new AppError('corrupt-file', `${name} is empty (0 bytes)`)
      const folder = join(cacheDir(), 'dropped', session.id)
      // Control characters and what Windows refuses in file names become underscores.
      const safeName = [...basename(name)].map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('') || 'photo'
      const path = join(folder, `${session.photos.length}-${safeName}`)
      try {
        await fs.mkdir(folder, { recursive: true })
        await atomicWriteFile(fs, path, bytes)
      } catch (error) {
        throw new AppError(writeCode(error) === 'disk-full' ? 'disk-full' : 'internal', `cannot keep ${name}: ${(error as Error).message}`, { cause: error })
      }
      const result = add(session, [path], safeName)
      const added = session.byPath.get(resolve(path))
      if (added) added.name = safeName
      return { sessionId: result.sessionId, photos: session.photos.map(({ id, name: n }) => ({ id, name: n })) }
    },
    'photos:previews': async ({ sessionId }, context) => ({ photos: await previews(existingSession(sessionId), context) }),
    'photos:insert': async ({ sessionId, draftId, photoIds, credit }, context) => {
      const session = existingSession(sessionId)
      const picked = photoIds.map((id) => {
        const photo = session.photos[id]
        if (!photo) throw new AppError('invalid-request', `no photo ${id} in this import`)
        return photo
      })
      const { photoCompression } = deps.settings.get()
      const staging = join(cacheDir(), 'incoming', randomBytes(8).toString('hex'))
      const photos: InsertedPhoto[] = []
      const failures: PhotoFailure[] = []
      try {
        const results = await running(session, (signal) =>
          deps.images().compressMany(
            picked.map((p) => p.path),
            { longEdge: photoCompression.longEdge, quality: photoCompression.quality, format: photoCompression.format },
            {
              outputDir: staging,
              keepCaptureDate: photoCompression.keepCaptureDate,
              ...(credit ? { photographer: credit } : {}),
              signal,
              onProgress: (progress) => {
                const photo = picked[progress.index]
                if (!photo) return
                context.emit('photos:progress', {
                  sessionId,
                  phase: 'insert',
                  id: photo.id,
                  state: progress.state,
                  ...(progress.code ? { code: progress.code } : {}),
                  finished: progress.finished,
                  total: progress.total
                })
              }
            }
          )
        )
        for (const [index, result] of results.entries()) {
          const photo = picked[index]
          if (!photo) continue
          if (result.status === 'failed') {
            failures.push({ id: photo.id, name: photo.name, code: result.code, detail: result.detail })
            continue
          }
          const { asset } = result
          const assetId = `sha256-${asset.contentHash}.${asset.fileName.slice(asset.fileName.lastIndexOf('.') + 1)}`
          try {
            await store(draftId, asset.assetFile, assetId, asset.bytes)
            photos.push({ id: photo.id, assetId, width: asset.width, height: asset.height, originalPath: photo.original })
          } catch (error) {
            failures.push({ id: photo.id, name: photo.name, code: writeCode(error), detail: (error as Error).message })
          }
        }
      } finally {
        await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined)
      }
      if (photos.length > 0) await rememberOriginals(draftId, photos)
      return { photos, failures }
    },
    'photos:large': async ({ sessionId, id }) => {
      const photo = existingSession(sessionId).photos[id]
      if (!photo) throw new AppError('invalid-request', `no photo ${id} in this import`)
      const info = await fs.stat(photo.path).catch((error: unknown) => {
        throw new AppError('not-found', `${photo.name}: ${(error as Error).message}`, { cause: error })
      })
      // Named like the service's previews so the same address scheme serves it; the name changes with the file.
      const key = createHash('sha256').update(JSON.stringify(['large', 1, resolve(photo.path), info.size, info.mtimeMs])).digest('hex').slice(0, 40)
      const previewsDir = join(cacheDir(), 'previews')
      const file = join(previewsDir, `${key}.jpg`)
      const sizeFile = join(previewsDir, `${key}.size.json`)
      const known = await fs
        .readFile(sizeFile, 'utf8')
        .then((text) => JSON.parse(text) as { width: number; height: number })
        .catch(() => null)
      if (known && (await fs.stat(file).catch(() => null))) return { url: `${deps.previewUrlBase}${key}.jpg`, ...known }
      const staging = join(cacheDir(), 'incoming', randomBytes(8).toString('hex'))
      try {
        const asset = await deps.images().compress(photo.path, { longEdge: 8192, quality: 90, format: 'jpeg' }, { outputDir: staging })
        await fs.mkdir(previewsDir, { recursive: true })
        await fs.rename(asset.assetFile, file)
        const size = { width: asset.width, height: asset.height }
        await atomicWriteFile(fs, sizeFile, JSON.stringify(size))
        return { url: `${deps.previewUrlBase}${key}.jpg`, ...size }
      } catch (error) {
        const failure = toImageFileError(error)
        throw new AppError(failure.code === 'disk-full' ? 'disk-full' : 'corrupt-file', `${photo.name}: ${failure.message}`, { cause: error })
      } finally {
        await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined)
      }
    },
    'photos:cancel': async ({ sessionId }) => {
      for (const controller of sessions.get(sessionId)?.running ?? []) controller.abort()
      return { ok: true }
    },
    'photos:close': async ({ sessionId }) => {
      await forget(sessionId)
      return { ok: true }
    }
  }
}
