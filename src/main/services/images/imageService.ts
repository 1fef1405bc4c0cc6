import { createHash } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'
import sharp from 'sharp'
import type { Channels, Exif, Metadata, Sharp } from 'sharp'
import {
  CompressionProfileSchema,
  ImagePreviewSchema,
  type AssetFormat,
  type CaptureTime,
  type CompressionProfile,
  type ImageAsset,
  type ImageImportResult,
  type ImageNotice,
  type ImagePreview,
  type ImagePreviewResult,
  type ImageProgress
} from '../../../shared/model/image'
import { atomicWriteFile } from '../fs/atomicWrite'
import { nodeServiceFs, type ServiceFs } from '../fs/serviceFs'
import { ImageFileError, decodeFailure, readFailure, toImageFileError, writeFailure } from './failures'
import type { HeicDecoder } from './heicDecoder'
import { embeddedThumbnail, iccDescription, readPhotoInfo, uprightByOrientation, type PhotoInfo } from './photoInfo'
import { runBounded } from './pool'
import { isoBmffTruncation, sniffImage, type SniffedKind } from './sniff'
import { creditXmp } from './xmp'

export type ImageServiceOptions = {
  /** Where culling previews are kept between sessions; safe to delete. */
  cacheDir: string
  fs?: ServiceFs
  /** Photos compressed at once (default: one per core). sharp runs each on libuv's pool. */
  concurrency?: number
  /** Without one, HEIC files are refused as unsupported. Production passes createWorkerHeicDecoder(). */
  heicDecoder?: HeicDecoder | null
  /** Decompression-bomb guard (default: sharp's 268 Mpx, far above a 45-MP camera). */
  limitInputPixels?: number
  /** Long edge of previews decoded from the full image (default 400 px). */
  previewEdge?: number
  /** Files larger than this are refused unread (default 512 MB). */
  maxFileBytes?: number
  /** How much the preview cache may keep: least recently used previews go first (default 500 MB, 30 days). */
  previewCacheLimits?: PreviewCacheLimits
  /** The cache is pruned this long after the service is made, off the start-up path; null: only when asked. Default 5 s. */
  pruneDelayMs?: number | null
  /** Milliseconds since the epoch, for the cache's age limit (default Date.now). */
  now?: () => number
}

export type PreviewCacheLimits = { maxBytes?: number; maxAgeMs?: number }

export type CompressOptions = {
  /** The article's asset folder; created if missing. */
  outputDir: string
  photographer?: string
  /** Keep the capture date (EXIF DateTimeOriginal and XMP); everything else from the camera is dropped. */
  keepCaptureDate?: boolean
  signal?: AbortSignal
}

export type BatchOptions = {
  signal?: AbortSignal
  onProgress?: (progress: ImageProgress) => void
}

export type ImageService = ReturnType<typeof createImageService>

type PhotoFormat = Extract<SniffedKind, { kind: 'image' }>['format']
type Source = { bytes: Buffer; format: PhotoFormat }

const HEAD_BYTES = 192 * 1024
const PREVIEW_CACHE_VERSION = 1
const DEFAULT_PIXEL_LIMIT = 268_402_689
/** A 45-MP 16-bit TIFF is about 270 MB; nothing a photographer hands over is larger. */
const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024
const EXTENSIONS: Record<AssetFormat, string> = { jpeg: 'jpg', webp: 'webp', gif: 'gif' }
const HIGH_BIT_DEPTHS = new Set(['ushort', 'short', 'uint', 'int', 'float', 'double'])
const DEFAULT_PREVIEW_CACHE_BYTES = 500 * 1024 * 1024
const DEFAULT_PREVIEW_CACHE_AGE_MS = 30 * 24 * 60 * 60 * 1000
/** Every file of one preview (its JPEG, its record, a large view's size) starts with the same 40-hex key. */
const PREVIEW_KEY = /^([0-9a-f]{40})\./

/**
 * The photo pipeline: culling previews for a photographer's 100–300 files, and compression of the few
 * picked into an article's asset folder. Originals are only ever read.
 */
export function createImageService(options: ImageServiceOptions) {
  const fs = options.fs ?? nodeServiceFs
  const concurrency = Math.max(1, options.concurrency ?? availableParallelism())
  const heicDecoder = options.heicDecoder ?? null
  const limitInputPixels = options.limitInputPixels ?? DEFAULT_PIXEL_LIMIT
  const previewEdge = options.previewEdge ?? 400
  const previewDir = resolve(options.cacheDir, 'previews')
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
  const now = options.now ?? Date.now

  async function readSource(path: string): Promise<Source> {
    let bytes: Buffer
    try {
      const stat = await fs.stat(path)
      if (stat.isDirectory()) throw new ImageFileError('not-an-image', 'this is a folder')
      // Checked before reading: a video or disk image renamed .jpg should not be pulled into memory.
      if (stat.size > maxFileBytes) throw new ImageFileError('too-large', `${stat.size} bytes is over the limit of ${maxFileBytes}`)
      bytes = await fs.readFile(path)
    } catch (error) {
      throw error instanceof ImageFileError ? error : readFailure(error)
    }
    const format = photoFormat(bytes)
    if (format === 'heic' || format === 'avif') {
      const truncation = isoBmffTruncation(bytes)
      if (truncation) throw new ImageFileError('corrupt', `truncated ${format.toUpperCase()}: ${truncation}`)
    }
    return { bytes, format }
  }

  async function inspect(bytes: Uint8Array): Promise<Metadata> {
    let meta: Metadata
    try {
      meta = await sharp(bytes, { limitInputPixels }).metadata()
    } catch (error) {
      throw decodeFailure(error)
    }
    const height = meta.pageHeight ?? meta.height
    if (!meta.width || !height) throw new ImageFileError('corrupt', 'the header declares no image size')
    if (meta.width * height > limitInputPixels) {
      throw new ImageFileError('too-large', `${meta.width}x${height} is over the limit of ${limitInputPixels} pixels`)
    }
    return meta
  }

  /** sharp input for the photo's pixels; HEIC goes through the WASM decoder first. */
  async function decodable(source: Source, meta: Metadata, signal?: AbortSignal): Promise<{ input: Uint8Array; autoOrient: boolean }> {
    if (source.format !== 'heic') return { input: source.bytes, autoOrient: true }
    if (!heicDecoder) throw new ImageFileError('unsupported', 'HEIC decoding is not available: no decoder configured')
    try {
      return { input: await heicDecoder.decode(source.bytes, meta.icc, signal), autoOrient: false }
    } catch (error) {
      if (signal?.aborted) throw new ImageFileError('cancelled', 'cancelled during HEIC decoding')
      throw new ImageFileError('corrupt', `HEIC decoding failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
    }
  }

  function pipeline(input: Uint8Array, autoOrient: boolean): Sharp {
    // 'error' tolerates the warnings real cameras produce (stray bytes after a marker) but not truncation.
    return sharp(input, { autoOrient, limitInputPixels, failOn: 'error' })
  }

  async function preview(path: string, signal?: AbortSignal): Promise<ImagePreview> {
    checkCancelled(signal)
    let size: number
    let mtimeMs: number
    try {
      const stat = await fs.stat(path)
      if (stat.isDirectory()) throw new ImageFileError('not-an-image', 'this is a folder')
      size = stat.size
      mtimeMs = stat.mtimeMs
    } catch (error) {
      throw error instanceof ImageFileError ? error : readFailure(error)
    }
    if (size === 0) throw new ImageFileError('empty', 'the file has 0 bytes')
    const key = sha256(JSON.stringify([PREVIEW_CACHE_VERSION, resolve(path), size, mtimeMs, previewEdge])).slice(0, 40)
    const cached = await readCachedPreview(key, path)
    if (cached) return cached

    const head = await readHead(path)
    const format = photoFormat(head)
    let info: PhotoInfo | null = null
    let made: { bytes: Uint8Array; width: number; height: number; source: ImagePreview['source'] } | null = null
    if (format === 'jpeg') {
      info = await readPhotoInfo(head)
      const thumbnail = await embeddedThumbnail(head)
      if (thumbnail) made = await uprightThumbnail(thumbnail, info.orientation)
    }
    if (!made) {
      checkCancelled(signal)
      const source = await readSource(path)
      // The head may have missed EXIF that sits behind a large segment; the whole file has it.
      if (!info?.capturedAt) info = await readPhotoInfo(source.bytes)
      const meta = await inspect(source.bytes)
      const { input, autoOrient } = await decodable(source, meta, signal)
      try {
        const { data, info: out } = await pipeline(input, autoOrient)
          .resize({ width: previewEdge, height: previewEdge, fit: 'inside', withoutEnlargement: true })
          .flatten({ background: '#ffffff' })
          .toColourspace('srgb')
          .jpeg({ quality: 80 })
          .toBuffer({ resolveWithObject: true })
        made = { bytes: data, width: out.width, height: out.height, source: 'decoded' }
      } catch (error) {
        throw decodeFailure(error)
      }
    }
    const photo: PhotoInfo = info ?? { capturedAt: null, camera: null, orientation: null }
    const result: ImagePreview = {
      originalPath: path,
      previewFile: join(previewDir, `${key}.jpg`),
      width: made.width,
      height: made.height,
      capturedAt: photo.capturedAt,
      camera: photo.camera,
      orientation: photo.orientation,
      source: made.source
    }
    try {
      await fs.mkdir(previewDir, { recursive: true })
      await atomicWriteFile(fs, result.previewFile, made.bytes)
      // Written last: its presence says the JPEG beside it is complete.
      await atomicWriteFile(fs, join(previewDir, `${key}.json`), JSON.stringify(result))
    } catch (error) {
      throw writeFailure(error)
    }
    return result
  }

  async function readHead(path: string): Promise<Uint8Array> {
    try {
      const handle = await fs.open(path, 'r')
      try {
        const buffer = Buffer.alloc(HEAD_BYTES)
        const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0)
        return buffer.subarray(0, bytesRead)
      } finally {
        await handle.close()
      }
    } catch (error) {
      throw readFailure(error)
    }
  }

  async function readCachedPreview(key: string, path: string): Promise<ImagePreview | null> {
    try {
      const record = join(previewDir, `${key}.json`)
      const parsed = ImagePreviewSchema.safeParse(JSON.parse(await fs.readFile(record, 'utf8')))
      if (!parsed.success) return null
      await fs.stat(parsed.data.previewFile)
      void markUsed(record)
      return { ...parsed.data, originalPath: path }
    } catch {
      return null
    }
  }

  /**
   * The cache forgets least recently used previews first; access times are not kept everywhere (noatime
   * mounts, Windows volumes), so a hit says so itself. Best effort: a miss only costs a preview remade.
   */
  async function markUsed(file: string): Promise<void> {
    try {
      const handle = await fs.open(file, 'r')
      try {
        const { mtime } = await handle.stat()
        await handle.utimes(new Date(now()), mtime)
      } finally {
        await handle.close()
      }
    } catch {
      // a read-only cache or a file system that refuses: the age from the file's own times will do
    }
  }

  /**
   * Keeps the preview cache within its limits: previews unused for longer than the age limit go, then
   * the least recently used until the cache fits. Safe at any time: a removed preview is made again.
   */
  async function prunePreviewCache(limits: PreviewCacheLimits = options.previewCacheLimits ?? {}): Promise<{ removed: number; bytes: number }> {
    const maxBytes = limits.maxBytes ?? DEFAULT_PREVIEW_CACHE_BYTES
    const maxAgeMs = limits.maxAgeMs ?? DEFAULT_PREVIEW_CACHE_AGE_MS
    const names = await fs.readdir(previewDir).catch(() => [] as string[])
    const groups = new Map<string, { files: string[]; bytes: number; usedAt: number }>()
    for (const name of names) {
      const key = PREVIEW_KEY.exec(name)?.[1]
      if (!key) continue
      const info = await fs.stat(join(previewDir, name)).catch(() => null)
      if (!info?.isFile()) continue
      const group = groups.get(key) ?? { files: [], bytes: 0, usedAt: 0 }
      group.files.push(name)
      group.bytes += info.size
      group.usedAt = Math.max(group.usedAt, info.atimeMs, info.mtimeMs)
      groups.set(key, group)
    }
    let total = [...groups.values()].reduce((sum, group) => sum + group.bytes, 0)
    const oldestFirst = [...groups.values()].sort((a, b) => a.usedAt - b.usedAt)
    const cutoff = now() - maxAgeMs
    let removed = 0
    let bytes = 0
    for (const group of oldestFirst) {
      if (group.usedAt >= cutoff && total <= maxBytes) break
      // The record first: without it the JPEG is never served from the cache, so a half-done removal is harmless.
      const ordered = [...group.files].sort((a, b) => Number(b.endsWith('.json')) - Number(a.endsWith('.json')))
      try {
        for (const name of ordered) await fs.rm(join(previewDir, name), { force: true })
      } catch {
        continue // read-only cache: nothing more can be done now
      }
      total -= group.bytes
      bytes += group.bytes
      removed++
    }
    return { removed, bytes }
  }

  const pruneDelayMs = options.pruneDelayMs === undefined ? 5000 : options.pruneDelayMs
  if (pruneDelayMs !== null) {
    setTimeout(() => {
      prunePreviewCache().catch((error: unknown) => console.warn('could not prune the photo preview cache', error))
    }, pruneDelayMs).unref()
  }

  /** EXIF thumbnails are stored as the sensor saw them; turning one upright costs about a millisecond. */
  async function uprightThumbnail(thumbnail: Uint8Array, orientation: number | null) {
    try {
      const image = uprightByOrientation(sharp(thumbnail, { failOn: 'error' }), orientation)
      const { data, info } = await image.jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true })
      return { bytes: data, width: info.width, height: info.height, source: 'embedded' as const }
    } catch {
      return null // a broken thumbnail is no reason to fail: decode the photo instead
    }
  }

  async function previewMany(paths: readonly string[], batch: BatchOptions = {}): Promise<ImagePreviewResult[]> {
    const progress = progressReporter(paths.length, batch.onProgress)
    const results = await runBounded(
      paths,
      concurrency * 2,
      async (path, index): Promise<ImagePreviewResult> => {
        progress(path, index, 'working')
        try {
          const made = await preview(path, batch.signal)
          progress(path, index, 'done')
          return { status: 'ready', originalPath: path, preview: made }
        } catch (error) {
          const failure = toImageFileError(error)
          progress(path, index, failure.code === 'cancelled' ? 'cancelled' : 'failed', failure.code)
          return { status: 'failed', originalPath: path, code: failure.code, detail: failure.message }
        }
      },
      (path, index): ImagePreviewResult => {
        progress(path, index, 'cancelled', 'cancelled')
        return { status: 'failed', originalPath: path, code: 'cancelled', detail: 'cancelled before it started' }
      },
      batch.signal
    )
    return sortByCaptureTime(results)
  }

  async function compress(path: string, profileInput: Partial<CompressionProfile> | undefined, options: CompressOptions): Promise<ImageAsset> {
    const profile = CompressionProfileSchema.parse(profileInput ?? {})
    const { signal } = options
    checkCancelled(signal)
    const source = await readSource(path)
    const meta = await inspect(source.bytes)
    const info = await readPhotoInfo(source.bytes)
    checkCancelled(signal)

    const capturedAt = options.keepCaptureDate ? info.capturedAt : null
    const xmp = creditXmp({ photographer: options.photographer, capturedAt })
    const notices: ImageNotice[] = []
    const pages = meta.pages ?? 1
    const frameHeight = meta.pageHeight ?? meta.height ?? 0
    const animated = pages > 1 && (source.format === 'gif' || source.format === 'webp')
    const animationFits =
      animated && source.bytes.byteLength <= profile.keepAnimationMaxBytes && Math.max(meta.width ?? 0, frameHeight) <= profile.longEdge

    let encoded: { data: Buffer; format: AssetFormat; width: number; height: number }
    if (animationFits) {
      encoded = await keepAnimation(source, profile)
      notices.push({ code: 'animation-kept', detail: `${pages} frames, ${source.bytes.byteLength} bytes; no creator metadata in animations` })
    } else {
      if (animated) {
        notices.push({
          code: 'animation-first-frame',
          detail: `${pages} frames, ${source.bytes.byteLength} bytes, ${meta.width}x${frameHeight}: over ${profile.keepAnimationMaxBytes} bytes or ${profile.longEdge} px`
        })
      }
      if (source.format === 'tiff' && pages > 1) notices.push({ code: 'first-page-only', detail: `${pages} pages` })
      notices.push(...conversionNotices(meta, source.format, profile))
      const { input, autoOrient } = await decodable(source, meta, signal)
      checkCancelled(signal)
      encoded = await encodeStill(input, autoOrient, meta, profile, capturedAt, xmp)
    }
    checkCancelled(signal)

    const contentHash = createHash('sha256').update(encoded.data).digest('hex')
    const fileName = `${contentHash}.${EXTENSIONS[encoded.format]}`
    const assetFile = join(resolve(options.outputDir), fileName)
    const reused = await sameSizeExists(assetFile, encoded.data.byteLength)
    if (!reused) {
      try {
        await fs.mkdir(options.outputDir, { recursive: true })
        await atomicWriteFile(fs, assetFile, encoded.data)
      } catch (error) {
        throw writeFailure(error)
      }
    }
    return {
      assetFile,
      fileName,
      contentHash,
      format: encoded.format,
      width: encoded.width,
      height: encoded.height,
      bytes: encoded.data.byteLength,
      originalPath: path,
      capturedAt,
      notices,
      reused
    }
  }

  /**
   * sharp writes no metadata unless told to, so XMP alone can go in one pass. EXIF cannot: libvips keeps
   * the source's EXIF thumbnail even under withExif, so the capture date takes a detour through raw
   * pixels and the encoder starts from a bare image.
   */
  async function encodeStill(
    input: Uint8Array,
    autoOrient: boolean,
    meta: Metadata,
    profile: CompressionProfile,
    capturedAt: CaptureTime | null,
    xmp: string | null
  ) {
    let image = pipeline(input, autoOrient).resize({ width: profile.longEdge, height: profile.longEdge, fit: 'inside', withoutEnlargement: true })
    // HEIC arrives as RGBA from libheif even when the photo has no transparency.
    if (!meta.hasAlpha) image = image.removeAlpha()
    else if (profile.format === 'jpeg') image = image.flatten({ background: '#ffffff' })
    image = image.toColourspace('srgb')
    const encode = (still: Sharp) => {
      const tagged = xmp ? still.withXmp(xmp) : still
      return profile.format === 'jpeg' ? tagged.jpeg({ quality: profile.quality }) : tagged.webp({ quality: profile.quality })
    }
    const exif = captureExif(capturedAt)
    try {
      if (!exif) {
        const { data, info } = await encode(image).toBuffer({ resolveWithObject: true })
        return { data, format: profile.format, width: info.width, height: info.height }
      }
      const pixels = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true })
      const { width, height, channels } = pixels.info
      const bare = sharp(pixels.data, { raw: { width, height, channels: channels as Channels } }).withExif(exif)
      return { data: await encode(bare).toBuffer(), format: profile.format, width, height }
    } catch (error) {
      throw decodeFailure(error)
    }
  }

  async function keepAnimation(source: Source, profile: CompressionProfile) {
    try {
      const image = sharp(source.bytes, { animated: true, limitInputPixels, failOn: 'error' })
      const encoded = source.format === 'gif' ? image.gif() : image.webp({ quality: profile.quality })
      const { data, info } = await encoded.toBuffer({ resolveWithObject: true })
      return { data, format: source.format === 'gif' ? ('gif' as const) : ('webp' as const), width: info.width, height: info.pageHeight ?? info.height }
    } catch (error) {
      throw decodeFailure(error)
    }
  }

  async function sameSizeExists(file: string, bytes: number): Promise<boolean> {
    try {
      return (await fs.stat(file)).size === bytes
    } catch {
      return false
    }
  }

  async function compressMany(
    paths: readonly string[],
    profile: Partial<CompressionProfile> | undefined,
    options: Omit<CompressOptions, 'signal'> & BatchOptions
  ): Promise<ImageImportResult[]> {
    const progress = progressReporter(paths.length, options.onProgress)
    // The same file picked twice in one batch is compressed once.
    const inFlight = new Map<string, Promise<ImageAsset>>()
    return runBounded(
      paths,
      concurrency,
      async (path, index): Promise<ImageImportResult> => {
        progress(path, index, 'working')
        try {
          const key = resolve(path)
          let job = inFlight.get(key)
          if (!job) {
            job = compress(path, profile, options)
            inFlight.set(key, job)
          }
          const asset = await job
          progress(path, index, 'done')
          return { status: 'imported', originalPath: path, asset }
        } catch (error) {
          const failure = toImageFileError(error)
          progress(path, index, failure.code === 'cancelled' ? 'cancelled' : 'failed', failure.code)
          return { status: 'failed', originalPath: path, code: failure.code, detail: failure.message }
        }
      },
      (path, index): ImageImportResult => {
        progress(path, index, 'cancelled', 'cancelled')
        return { status: 'failed', originalPath: path, code: 'cancelled', detail: 'cancelled before it started' }
      },
      options.signal
    )
  }

  return { preview, previewMany, compress, compressMany, prunePreviewCache }
}

function photoFormat(bytes: Uint8Array): PhotoFormat {
  if (bytes.byteLength === 0) throw new ImageFileError('empty', 'the file has 0 bytes')
  const sniffed = sniffImage(bytes.subarray(0, 4096))
  if (sniffed.kind === 'image') return sniffed.format
  if (sniffed.kind === 'unsupported') {
    throw new ImageFileError(
      'unsupported',
      sniffed.format === 'svg'
        ? 'SVG is refused: vector files can carry scripts and external references; export the picture as PNG or JPEG'
        : `${sniffed.format} is not a photo format this importer takes`
    )
  }
  const first = Buffer.from(bytes.subarray(0, 8)).toString('hex')
  throw new ImageFileError('not-an-image', `unrecognised content (first bytes ${first})`)
}

function conversionNotices(meta: Metadata, format: PhotoFormat, profile: CompressionProfile): ImageNotice[] {
  const notices: ImageNotice[] = []
  const profileName = iccDescription(meta.icc)
  if (meta.space === 'cmyk') {
    notices.push({
      code: 'colour-converted',
      detail: profileName ? `CMYK (${profileName}) → sRGB` : 'CMYK without a colour profile → sRGB (generic CMYK assumed)'
    })
  } else if (profileName && !/srgb/i.test(profileName)) {
    notices.push({ code: 'colour-converted', detail: `${profileName} → sRGB` })
  }
  if (meta.depth && HIGH_BIT_DEPTHS.has(meta.depth)) notices.push({ code: 'bit-depth-reduced', detail: `${meta.depth} → 8 bits per channel` })
  if (meta.hasAlpha && format !== 'heic' && profile.format === 'jpeg') {
    notices.push({ code: 'alpha-flattened', detail: 'transparent areas placed on white (JPEG has no transparency)' })
  }
  return notices
}

/** EXIF that carries the capture date and nothing else. */
function captureExif(capturedAt: CaptureTime | null): Exif | null {
  if (!capturedAt) return null
  const [date = '', rest = ''] = capturedAt.split('T')
  const time = rest.slice(0, 8)
  const offset = rest.slice(8)
  const exifIfd: Record<string, string> = { DateTimeOriginal: `${date.replace(/-/g, ':')} ${time}` }
  if (/^[+-]\d{2}:\d{2}$/.test(offset)) exifIfd.OffsetTimeOriginal = offset
  // libvips numbers the EXIF sub-IFD as IFD2.
  return { IFD2: exifIfd }
}

function checkCancelled(signal: AbortSignal | undefined) {
  if (signal?.aborted) throw new ImageFileError('cancelled', 'cancelled')
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

function progressReporter(total: number, onProgress: BatchOptions['onProgress']) {
  let finished = 0
  return (originalPath: string, index: number, state: ImageProgress['state'], code?: ImageProgress['code']) => {
    if (state !== 'working') finished++
    try {
      onProgress?.({ originalPath, index, state, ...(code ? { code } : {}), finished, total })
    } catch (error) {
      console.error('image progress listener failed', error)
    }
  }
}

/** Culling order: by capture time (camera wall clock), undated photos after, failures last; ties keep input order. */
export function sortByCaptureTime(results: readonly ImagePreviewResult[]): ImagePreviewResult[] {
  const rank = (r: ImagePreviewResult) => (r.status === 'failed' ? 2 : r.preview.capturedAt ? 0 : 1)
  const time = (r: ImagePreviewResult) => (r.status === 'ready' ? (r.preview.capturedAt ?? '').slice(0, 19) : '')
  return results
    .map((result, index) => ({ result, index }))
    .sort((a, b) => rank(a.result) - rank(b.result) || time(a.result).localeCompare(time(b.result)) || a.index - b.index)
    .map(({ result }) => result)
}
