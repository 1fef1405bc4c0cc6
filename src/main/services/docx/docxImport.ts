import mammoth from 'mammoth'
import { AppError, fsErrorCode } from '../../../shared/errors'
import type { DraftId } from '../../../shared/model/draft'
import { COLUMN_MAX, TITLE_MAX } from '../../../shared/model/draft'
import type { DocxImportWarning } from '../../../shared/ipc/channels/imports'
import { nodeServiceFs, type ServiceFs } from '../fs/serviceFs'
import { checkDocxZip } from './docxZipCheck'
import type { AssetStore } from '../assets/assetStore'
import { ArticleMetadataSchema, type ArticleMetadata } from '../../../shared/model/metadata'
import { liftNewsroomParts, NEWSROOM_STYLE_MAP, recoverMetadata } from './newsroomDocx'
import type { DraftStore } from '../drafts/draftStore'

/** Word files larger than this are refused before mammoth unzips them into memory. */
export const MAX_DOCX_BYTES = 100 * 1024 * 1024

/**
 * Word's built-in style names (stored in English whatever the UI language) on top of mammoth's defaults,
 * which already cover Heading 1–6 and lists. The title gets a class so importDocx can lift it out of the body.
 */
export const DOCX_STYLE_MAP = [
  "p[style-name='Title'] => h1.docx-title:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  ...NEWSROOM_STYLE_MAP
]

/** How a picture of the document is referred to until it is stored: `asset:` + the stored asset's id. */
export const ASSET_SRC_PREFIX = 'asset:'
const PENDING_SRC = 'docx-picture:'

export type DocxPicture = { index: number; name: string; contentType: string; bytes: Buffer }

export type ConvertedDocx = {
  /** mammoth's HTML, with pictures as `docx-picture:<index>` until they are stored. */
  html: string
  /** The Title paragraph's text when the document opens with one (it is then no longer in html). */
  title: string
  /** The column line of a file this app exported ('' otherwise). */
  column: string
  /** What the file says of the article beyond its body (see recoverMetadata), or null. */
  metadata: ArticleMetadata | null
  pictures: DocxPicture[]
  warnings: DocxImportWarning[]
}

export type DocxImportResult = { draftId: DraftId; title: string; column: string; html: string; warnings: DocxImportWarning[] }

export type DocxImporter = {
  /**
   * Converts a .docx into a new draft: the draft is created (titled from the document), its pictures are
   * stored as assets, and the body comes back as HTML for the renderer's paste pipeline to turn into
   * article nodes. A file that cannot be read leaves no draft behind.
   */
  importDocx(path: string): Promise<DocxImportResult>
}

export type DocxImporterOptions = { drafts(): DraftStore; assets(): AssetStore; fs?: ServiceFs; maxBytes?: number }

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" }

/** Text of a fragment of mammoth's HTML, which only ever escapes these five characters. */
function htmlText(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|apos);/g, (_m, name: string) => ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim()
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path
}

/** The file name without .docx: the title of a document without a heading. */
export function titleFromFileName(path: string): string {
  return baseName(path).replace(/\.docx$/i, '').trim()
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

/**
 * mammoth's messages, as warnings a person can act on. Unknown paragraph and run styles are left out:
 * they only say that a style's look was not carried over, which the article schema does on purpose.
 */
function warning(code: DocxImportWarning['code'], detail: string): DocxImportWarning {
  return { code, detail: detail.slice(0, 2000) }
}

function warningsOf(messages: readonly { type: string; message: string }[]): DocxImportWarning[] {
  const warnings: DocxImportWarning[] = []
  for (const { message } of messages) {
    if (/^Unrecognised (paragraph|run|table|numbering) style/i.test(message)) continue
    // The asset store refuses such pictures itself, with a warning naming the picture.
    if (/unlikely to display in web browsers/i.test(message)) continue
    warnings.push(warning(/external (image|file)/i.test(message) ? 'external-image' : 'content-skipped', message))
  }
  return warnings
}

/**
 * Footnote and endnote back-links (`<a href="#footnote-ref-1">↑</a>`) lead nowhere in an article; the
 * note texts themselves stay, as the numbered list at the end that mammoth makes of them.
 */
function withoutNoteBackLinks(html: string): string {
  return html.replace(/\s*<a href="#(?:foot|end)note-ref-[\w-]+">↑<\/a>/g, '')
}

/** Lifts a leading Title paragraph out of the body: it becomes the draft's title, not a second headline. */
function splitTitle(html: string): { title: string; html: string } {
  const match = /^<h1 class="docx-title">([\s\S]*?)<\/h1>/.exec(html)
  if (!match) return { title: '', html: html.replace(/<h1 class="docx-title">/g, '<h1>') }
  return { title: htmlText(match[1] ?? ''), html: html.slice(match[0].length).replace(/<h1 class="docx-title">/g, '<h1>') }
}

/** The text of the first heading, if any: what the draft is called when the document has no Title. */
export function firstHeadingText(html: string): string {
  for (const match of html.matchAll(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/g)) {
    const text = htmlText(match[1] ?? '')
    if (text !== '') return text
  }
  return ''
}

/**
 * Reads a .docx held in memory. Pictures are collected, not stored: nothing is written until the whole
 * document has been read, so a broken file cannot leave a half-made draft. mammoth's default refusal of
 * pictures linked from outside the file stays on: a document must not make us read other files.
 */
export async function convertDocx(bytes: Buffer, name: string): Promise<ConvertedDocx> {
  if (bytes.length === 0) throw new AppError('corrupt-file', `${name} is empty (0 bytes)`)
  if (!isZip(bytes)) throw new AppError('unsupported-file', `${name} is not a Word document (.docx): it is not a zip package`)
  checkDocxZip(bytes, name)
  const pictures: DocxPicture[] = []
  let result: { value: string; messages: { type: string; message: string }[] }
  try {
    result = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        styleMap: DOCX_STYLE_MAP,
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async (image) => {
          const index = pictures.length
          const ext = (image.contentType.split('/')[1] ?? '').replace(/^x-/, '').replace(/[^a-z0-9]/gi, '') || 'bin'
          pictures.push({ index, name: `image${index + 1}.${ext}`, contentType: image.contentType, bytes: await image.readAsBuffer() })
          return { src: `${PENDING_SRC}${index}` }
        })
      }
    )
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    // "Could not find main document part" / "Can't find end of central directory": a zip, but not Word's.
    const notWord = /main document part|central directory|not a valid zip|corrupted zip|end of data/i.test(message)
    throw new AppError(notWord ? 'unsupported-file' : 'corrupt-file', `${name}: ${message}`, { cause: error })
  }
  const parts = liftNewsroomParts(withoutNoteBackLinks(result.value))
  const recovered = recoverMetadata(bytes, parts.creditLine)
  // A credit line whose names were changed in Word stays in the text, so no name is lost.
  const body = recovered === null && parts.creditLine ? `${parts.html}<p>${escapeText(parts.creditLine)}</p>` : parts.html
  const { title, html } = splitTitle(body)
  const metadata = recovered ?? (parts.subtitle === '' ? null : ArticleMetadataSchema.parse({ subtitle: parts.subtitle }))
  return { html, title, column: parts.column, metadata, pictures, warnings: warningsOf(result.messages) }
}

/** The attribute that names a picture the store refused; the renderer shows its "not imported" placeholder. */
export const MISSING_PICTURE_ATTRIBUTE = 'data-missing-picture'

export function createDocxImporter(options: DocxImporterOptions): DocxImporter {
  const fs = options.fs ?? nodeServiceFs
  const maxBytes = options.maxBytes ?? MAX_DOCX_BYTES

  async function readDocx(path: string): Promise<Buffer> {
    const name = baseName(path)
    try {
      const info = await fs.stat(path)
      if (!info.isFile()) throw new AppError('unsupported-file', `${name} is not a file`)
      if (info.size > maxBytes) throw new AppError('file-too-large', `${name} has ${info.size} bytes; the limit is ${maxBytes}`)
      return await fs.readFile(path)
    } catch (error) {
      if (error instanceof AppError) throw error
      const code = fsErrorCode(error)
      throw new AppError(code === 'internal' ? 'internal' : code, `cannot read ${name}: ${(error as Error).message}`, { cause: error })
    }
  }

  return {
    async importDocx(path) {
      const name = baseName(path)
      const converted = await convertDocx(await readDocx(path), name)
      const title = (converted.title || firstHeadingText(converted.html) || titleFromFileName(path)).slice(0, TITLE_MAX)
      const column = converted.column.slice(0, COLUMN_MAX)
      const draft = await options.drafts().create({ title, column })
      const warnings = [...converted.warnings]
      try {
        if (converted.metadata) await options.drafts().save(draft.id, { title, column, body: null, metadata: { ...converted.metadata, title, column } })
        let html = converted.html
        for (const picture of converted.pictures) {
          let replacement: string
          try {
            const asset = await options.assets().importBytes(draft.id, picture.bytes, picture.name)
            replacement = `src="${ASSET_SRC_PREFIX}${asset.assetId}"`
          } catch (error) {
            if (!(error instanceof AppError) || !['unsupported-file', 'corrupt-file', 'file-too-large'].includes(error.code)) throw error
            // A picture the store refuses (EMF/WMF drawings, TIFF, a damaged file) is named in the body instead.
            warnings.push(warning(error.code === 'unsupported-file' ? 'image-unsupported' : 'image-failed', `${picture.name}: ${error.message}`))
            replacement = `src="" ${MISSING_PICTURE_ATTRIBUTE}="${picture.name}"`
          }
          html = html.replace(`src="${PENDING_SRC}${picture.index}"`, replacement)
        }
        return { draftId: draft.id, title, column, html, warnings }
      } catch (error) {
        // A full disk while storing pictures: the draft would be incomplete, so it goes to the trash.
        await options
          .drafts()
          .trash(draft.id)
          .catch(() => undefined)
        throw error
      }
    }
  }
}
