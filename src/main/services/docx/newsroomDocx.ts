import { strFromU8, unzipSync } from 'fflate'
import { z } from 'zod'
import { ArticleMetadataSchema, type ArticleMetadata } from '../../../shared/model/metadata'
import { ARTICLE_PROPERTY, NEWSROOM_STYLES } from '../export/articleDocx'

/**
 * Reading back a Word file this app exported: the parts around the body carry our paragraph styles, and
 * mammoth maps them to classes (DOCX_STYLE_MAP) so they are lifted out of the body instead of becoming
 * paragraphs of it.
 */
const CLASS = {
  column: 'newsroom-column',
  subtitle: 'newsroom-subtitle',
  editorLine: 'newsroom-editor-line',
  caption: 'newsroom-caption',
  creditLine: 'newsroom-credit-line'
} as const

export const NEWSROOM_STYLE_MAP = (Object.keys(CLASS) as (keyof typeof CLASS)[]).map((part) => `p[style-name='${NEWSROOM_STYLES[part].name}'] => p.${CLASS[part]}:fresh`)

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" }
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_m, name: string) => ENTITIES[name] ?? '')
const textOf = (fragment: string) => decode(fragment.replace(/<[^>]*>/g, '')).trim()

export type NewsroomParts = { column: string; subtitle: string; creditLine: string | null; html: string }

/**
 * Takes the column, subtitle, editor line and credit line out of mammoth's HTML, and joins each photo to the
 * caption under it as `<figure><img><figcaption>`. mammoth writes these shapes itself (one element per
 * paragraph, attributes quoted, text escaped), so matching them is exact; a document from elsewhere has none
 * of the classes and passes through unchanged.
 */
export function liftNewsroomParts(html: string): NewsroomParts {
  let column = ''
  let subtitle = ''
  let creditLine: string | null = null
  let rest = html.replace(/<p class="(newsroom-[a-z-]+)">([\s\S]*?)<\/p>/g, (whole, name: string, inner: string) => {
    if (name === CLASS.column && column === '') column = textOf(inner)
    else if (name === CLASS.subtitle && subtitle === '') subtitle = textOf(inner)
    else if (name === CLASS.creditLine) creditLine = textOf(inner)
    else if (name === CLASS.caption) return whole
    else if (name !== CLASS.editorLine) return `<p>${inner}</p>`
    return ''
  })
  // A photo paragraph followed by its caption: the caption becomes the photo's, and an alt that only repeats
  // it (the export writes the caption as alt text when there is no other) goes.
  rest = rest.replace(/<p>(<img [^>]*\/?>)<\/p><p class="newsroom-caption">([\s\S]*?)<\/p>/g, (_whole, img: string, inner: string) => {
    const caption = textOf(inner)
    const alt = /\salt="([^"]*)"/.exec(img)?.[1]
    const image = alt !== undefined && decode(alt).trim() === caption ? img.replace(/\salt="[^"]*"/, ' alt=""') : img
    return `<figure>${image}<figcaption>${inner}</figcaption></figure>`
  })
  rest = rest.replace(/<p class="newsroom-caption">/g, '<p>')
  return { column, subtitle, creditLine, html: rest }
}

const ArticlePropertySchema = z.object({ version: z.literal(1), metadata: z.unknown(), creditLine: z.string().max(2000) })
/** The custom properties part is small; anything bigger is not ours. */
const MAX_PROPERTIES_BYTES = 256 * 1024

/**
 * The metadata the export stored in the file, or null: when the file has none, it does not validate, or the
 * credit line in the text is no longer the one it was rendered to (someone changed the names in Word, and the
 * text wins). 校对 and 审核 are left empty: in a new draft they are filled by signing it off, not by a file.
 */
export function recoverMetadata(docx: Uint8Array, creditLineInText: string | null): ArticleMetadata | null {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(docx, { filter: (file) => file.name === 'docProps/custom.xml' && file.originalSize <= MAX_PROPERTIES_BYTES })
  } catch {
    return null
  }
  const xml = files['docProps/custom.xml']
  if (xml === undefined) return null
  const match = new RegExp(`<property [^>]*name="${ARTICLE_PROPERTY}"[^>]*><vt:lpwstr>([^<]*)</vt:lpwstr>`).exec(strFromU8(xml))
  if (!match) return null
  let property: z.infer<typeof ArticlePropertySchema>
  try {
    property = ArticlePropertySchema.parse(JSON.parse(decode(match[1] ?? '')))
  } catch {
    return null
  }
  if ((creditLineInText ?? '') !== property.creditLine.trim()) return null
  const metadata = ArticleMetadataSchema.safeParse(property.metadata)
  if (!metadata.success) return null
  return { ...metadata.data, proofreader: '', reviewer: '', coverAssetId: null }
}
