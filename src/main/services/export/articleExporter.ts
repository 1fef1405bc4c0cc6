import { basename, dirname, extname, join } from 'node:path'
import sharp from 'sharp'
import { articleOf, withShownDate, type ArticleOutputSettings } from '../../../shared/article/articleOf'
import { formatCreditLine } from '../../../shared/article/creditLine'
import { collectAssetIds, sanitizeArticleBody, type ArticleBodyStrict, type AssetId } from '../../../shared/article/schema'
import { articleToHtml } from '../../../shared/article/toHtml'
import { systemClock, type Clock } from '../clock'
import { AppError, fsErrorCode } from '../../../shared/errors'
import type { Draft } from '../../../shared/model/draft'
import type { DraftStore } from '../drafts/draftStore'
import { atomicWriteFile } from '../fs/atomicWrite'
import { nodeServiceFs, type ServiceFs } from '../fs/serviceFs'
import { articleToDocx, type DocxPicture } from './articleDocx'
import { articlePageHtml } from './articlePage'
import { createSiteStyles, type SiteStylesService } from './siteStyles'
import type { Resources } from '../../resources'

/** A picture the article shows whose stored file could not be read: the export went on without it. */
export type MissingPicture = {
  assetId: AssetId
  /** 1-based, in reading order: "the 3rd picture". */
  position: number
  caption: string
}

export type ExportResult = { path: string; missing: MissingPicture[] }

export type ArticleExporter = {
  readonly styles: SiteStylesService
  /** Writes `target` (a .html page) and the pictures into `<name>_files/` beside it. */
  exportHtml(draft: Draft, target: string, output?: ArticleOutputSettings): Promise<ExportResult>
  /** Writes `target` alone, the pictures inside it as data: addresses: one file to send by mail or WeChat. */
  exportHtmlSingleFile(draft: Draft, target: string, output?: ArticleOutputSettings): Promise<ExportResult>
  exportDocx(draft: Draft, target: string, output?: ArticleOutputSettings): Promise<ExportResult>
}

export type ArticleExporterOptions = {
  drafts(): DraftStore
  fs?: ServiceFs
  /** Replaces the site style service (tests). */
  styles?: SiteStylesService
  /** Where the default site style is read from; the project's resources/ when absent (tests). */
  resources?: Resources
  /** Dates an article with no 发布时间 (withShownDate); the system clock by default. */
  clock?: Clock
}

/** Characters no file name on Windows, macOS or Linux may hold, and the ends Windows trims. */
export function fileNameFor(title: string, fallback: string): string {
  const name = title
    // eslint-disable-next-line no-control-regex -- control characters are not allowed in file names
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 80)
    .trim()
  return name === '' || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(name) ? fallback : name
}

/** The chosen path with the extension the format needs, when the person typed a name without it. */
export function withExtension(path: string, extensions: readonly string[]): string {
  return extensions.includes(extname(path).toLowerCase()) ? path : `${path}${extensions[0] ?? ''}`
}

type StoredPicture = { assetId: AssetId; bytes: Buffer; extension: string }

const PICTURE_MIME: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif' }

// articleToHtml only accepts absolute image addresses; this one is rewritten to the relative folder after.
const PLACEHOLDER_BASE = 'https://newsroom-export.invalid/'

function photosOf(body: ArticleBodyStrict): { assetId: AssetId; caption: string }[] {
  return body.root.children.flatMap((block) => (block.type === 'image' ? [block] : block.type === 'gallery' ? block.images : []))
}

function writeError(error: unknown, target: string): AppError {
  if (error instanceof AppError) return error
  return new AppError(fsErrorCode(error), `cannot write ${target}: ${(error as Error).message}`, { cause: error })
}

export function createArticleExporter(options: ArticleExporterOptions): ArticleExporter {
  const fs = options.fs ?? nodeServiceFs
  const clock = options.clock ?? systemClock
  const styles = options.styles ?? createSiteStyles({ dataDir: () => options.drafts().dataDir, fs, ...(options.resources ? { resources: options.resources } : {}) })

  /** Every picture the body shows, read once; the ones that cannot be read are reported, not fatal. */
  async function readPictures(draft: Draft, body: ArticleBodyStrict): Promise<{ pictures: Map<AssetId, StoredPicture>; missing: MissingPicture[] }> {
    const folder = options.drafts().assetsFolder(draft.id)
    const pictures = new Map<AssetId, StoredPicture>()
    const unreadable = new Set<AssetId>()
    for (const assetId of collectAssetIds(body)) {
      try {
        const bytes = await fs.readFile(join(folder, assetId))
        pictures.set(assetId, { assetId, bytes, extension: assetId.slice(assetId.lastIndexOf('.') + 1) })
      } catch {
        unreadable.add(assetId)
      }
    }
    return { pictures, missing: missingOf(body, unreadable) }
  }

  function missingOf(body: ArticleBodyStrict, unreadable: ReadonlySet<AssetId>): MissingPicture[] {
    return photosOf(body).flatMap((photo, index) => (unreadable.has(photo.assetId) ? [{ assetId: photo.assetId, position: index + 1, caption: photo.caption }] : []))
  }

  /**
   * Writes files so that a failure leaves nothing new behind: each one atomically, and the ones this export
   * created are removed again when a later one fails.
   */
  async function writeAll(files: { path: string; data: string | Uint8Array }[], folders: string[], target: string): Promise<void> {
    const created: string[] = []
    try {
      for (const folder of folders) {
        const existed = await fs.stat(folder).then(
          (info) => info.isDirectory(),
          () => false
        )
        if (!existed) {
          await fs.mkdir(folder, { recursive: true })
          created.push(folder)
        }
      }
      for (const file of files) {
        const existed = await fs.stat(file.path).then(
          () => true,
          () => false
        )
        await atomicWriteFile(fs, file.path, file.data)
        if (!existed) created.push(file.path)
      }
    } catch (error) {
      for (const path of created.reverse()) await fs.rm(path, { recursive: true, force: true }).catch(() => undefined)
      throw writeError(error, target)
    }
  }

  /**
   * The exported page, each picture's `src` given by `srcOf` (a relative file or a data: address).
   * articleToHtml accepts absolute https addresses only: a placeholder goes through it and is swapped after.
   */
  async function pageOf(article: ReturnType<typeof articleOf>, pictures: ReadonlyMap<AssetId, StoredPicture>, target: string, srcOf: (picture: StoredPicture) => string): Promise<string> {
    const sources = new Map([...pictures.values()].map((picture, index) => [`${PLACEHOLDER_BASE}${String(index)}`, srcOf(picture)]))
    const placeholders = new Map([...pictures.keys()].map((assetId, index) => [assetId, `${PLACEHOLDER_BASE}${String(index)}`]))
    let html = articleToHtml(article, (assetId) => placeholders.get(assetId) ?? null, { header: true, imageProtocols: ['https:'] })
    // With its closing quote a placeholder cannot match a longer one (…/1 inside …/10).
    for (const [placeholder, src] of sources) html = html.replaceAll(`src="${placeholder}"`, `src="${src}"`)
    return articlePageHtml({
      articleHtml: html,
      title: article.metadata.title || basename(target, extname(target)),
      css: (await styles.read()).css,
      hasCreditLine: formatCreditLine(article.metadata, article.creditLine) !== ''
    })
  }

  return {
    styles,
    async exportHtml(draft, chosen, output) {
      const target = withExtension(chosen, ['.html', '.htm'])
      const article = withShownDate(articleOf(draft, output), clock.now())
      const body = sanitizeArticleBody(article.body).body
      const { pictures, missing } = await readPictures(draft, body)
      const folderName = `${basename(target, extname(target))}_files`
      const folder = join(dirname(target), folderName)
      const fileNames = new Map<AssetId, string>()
      for (const picture of pictures.values()) fileNames.set(picture.assetId, `image-${String(fileNames.size + 1).padStart(2, '0')}.${picture.extension}`)
      const page = await pageOf(article, pictures, target, (picture) => `${encodeURIComponent(folderName)}/${fileNames.get(picture.assetId) ?? ''}`)

      const files = [...pictures.values()].map((picture) => ({ path: join(folder, fileNames.get(picture.assetId) ?? picture.assetId), data: picture.bytes }))
      // The page last: when it exists, everything it points at does too.
      await writeAll([...files, { path: target, data: page }], files.length > 0 ? [folder] : [], target)
      return { path: target, missing }
    },
    async exportHtmlSingleFile(draft, chosen, output) {
      const target = withExtension(chosen, ['.html', '.htm'])
      const article = withShownDate(articleOf(draft, output), clock.now())
      const { pictures, missing } = await readPictures(draft, sanitizeArticleBody(article.body).body)
      const page = await pageOf(article, pictures, target, (picture) => `data:${PICTURE_MIME[picture.extension.toLowerCase()] ?? 'application/octet-stream'};base64,${picture.bytes.toString('base64')}`)
      await writeAll([{ path: target, data: page }], [], target)
      return { path: target, missing }
    },
    async exportDocx(draft, chosen, output) {
      const target = withExtension(chosen, ['.docx'])
      const article = withShownDate(articleOf(draft, output), clock.now())
      const body = sanitizeArticleBody(article.body).body
      const { pictures, missing } = await readPictures(draft, body)
      const prepared = new Map<AssetId, DocxPicture>()
      const undecodable = new Set<AssetId>()
      for (const picture of pictures.values()) {
        const docx = await wordPicture(picture.bytes).catch(() => null)
        if (docx) prepared.set(picture.assetId, docx)
        else undecodable.add(picture.assetId)
      }
      const allMissing = undecodable.size === 0 ? missing : missingOf(body, new Set([...missing.map((m) => m.assetId), ...undecodable]))
      const bytes = await articleToDocx(article, (assetId) => prepared.get(assetId) ?? null)
      await writeAll([{ path: target, data: bytes }], [], target)
      return { path: target, missing: allMissing }
    }
  }
}

/**
 * Word shows PNG, JPEG and GIF, and ignores a JPEG's EXIF rotation: other formats and turned photos are
 * re-encoded upright. The size is the upright one.
 */
export async function wordPicture(bytes: Uint8Array): Promise<DocxPicture> {
  const meta = await sharp(bytes).metadata()
  const upright = meta.orientation === undefined || meta.orientation === 1
  const width = meta.autoOrient?.width ?? meta.width ?? 0
  const height = meta.autoOrient?.height ?? meta.height ?? 0
  if (upright && meta.format === 'jpeg') return { type: 'jpg', data: bytes, width, height }
  if (upright && meta.format === 'png') return { type: 'png', data: bytes, width, height }
  if (upright && meta.format === 'gif') return { type: 'gif', data: bytes, width, height }
  const image = sharp(bytes).rotate()
  const data = meta.hasAlpha ? await image.png().toBuffer() : await image.jpeg({ quality: 90 }).toBuffer()
  return { type: meta.hasAlpha ? 'png' : 'jpg', data, width, height }
}
