import { z } from 'zod'

/**
 * The closed schema of an article body: the subset of Lexical's serialized editor state that we keep,
 * render and publish. Anything else (pasted styles, code blocks, tables, check lists, …) is rewritten or
 * dropped by `sanitizeArticleBody`, which is the only way an outside body should enter the app.
 *
 * Shapes follow Lexical 0.52's `exportJSON`, minus the fields we never render (`style`, `detail`, `mode`,
 * `textFormat`, `textStyle`, `checked`). Lexical fills those with its defaults on load, so a strict body
 * still loads into the editor unchanged.
 */

/** Lexical's text format bits (lexical/src/LexicalConstants.ts). Only these four survive. */
export const TEXT_FORMAT = { bold: 1, italic: 2, strikethrough: 4, underline: 8 } as const
export const KEPT_TEXT_FORMAT = TEXT_FORMAT.bold | TEXT_FORMAT.italic | TEXT_FORMAT.strikethrough | TEXT_FORMAT.underline
const DROPPED_TEXT_FORMAT: readonly (readonly [number, string])[] = [
  [16, 'code'],
  [32, 'subscript'],
  [64, 'superscript'],
  [128, 'highlight'],
  [256, 'lowercase'],
  [512, 'uppercase'],
  [1024, 'capitalize']
]

export const ELEMENT_FORMATS = ['', 'left', 'center', 'right', 'justify', 'start', 'end'] as const
export type ElementFormat = (typeof ELEMENT_FORMATS)[number]
export const MAX_INDENT = 10
/** Deeper nesting than this only comes from hostile or broken input; it is cut, not recursed into. */
export const MAX_DEPTH = 32

/**
 * A stored image: the content hash plus the stored file's extension. Never a path or URL, so a body cannot
 * point the publisher at a file outside the asset store.
 */
export const ASSET_ID_PATTERN = /^sha256-[0-9a-f]{64}\.(?:jpg|jpeg|png|webp|gif|avif)$/
export const AssetIdSchema = z.string().regex(ASSET_ID_PATTERN, 'not a stored asset id')
export type AssetId = z.infer<typeof AssetIdSchema>

/** True when a URL holds a control character or whitespace, which no URL we publish needs. */
export function hasControlOrSpace(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return /[\u0000-\u001f\u007f\s]/.test(text)
}

export const SAFE_URL_PROTOCOLS = ['http:', 'https:', 'mailto:'] as const

/** The normalized href for a link we are willing to publish, or null. */
export function safeLinkHref(url: string): string | null {
  const trimmed = url.trim()
  // Browsers strip tabs and newlines inside URLs ("java\tscript:"); refuse them rather than guess.
  if (trimmed === '' || hasControlOrSpace(trimmed)) return null
  let parsed: URL
  try {
    parsed = new URL(trimmed)
  } catch {
    return null
  }
  if (!(SAFE_URL_PROTOCOLS as readonly string[]).includes(parsed.protocol)) return null
  if (parsed.protocol !== 'mailto:' && parsed.hostname === '') return null
  return parsed.href
}

export const IMAGE_WIDTHS = ['full', 'wide', 'half'] as const
export type ImageWidth = (typeof IMAGE_WIDTHS)[number]
export const IMAGE_ALIGNS = ['center', 'left', 'right'] as const
export type ImageAlign = (typeof IMAGE_ALIGNS)[number]
export const GALLERY_MIN = 2
export const GALLERY_MAX = 4
export const HEADING_TAGS = ['h2', 'h3'] as const
export type HeadingTag = (typeof HEADING_TAGS)[number]
export const LINK_TARGETS = ['_blank', '_self'] as const

interface ElementFields {
  version: 1
  direction: 'ltr' | 'rtl' | null
  format: ElementFormat
  indent: number
}

export interface ArticleText {
  type: 'text'
  version: 1
  text: string
  /** Bit set of TEXT_FORMAT. */
  format: number
}
export interface ArticleLineBreak {
  type: 'linebreak'
  version: 1
}
export interface ArticleTab {
  type: 'tab'
  version: 1
}
export type ArticleLinkChild = ArticleText | ArticleLineBreak | ArticleTab
interface LinkFields extends ElementFields {
  url: string
  rel: string | null
  target: (typeof LINK_TARGETS)[number] | null
  title: string | null
  children: ArticleLinkChild[]
}
export interface ArticleLink extends LinkFields {
  type: 'link'
}
export interface ArticleAutoLink extends LinkFields {
  type: 'autolink'
  isUnlinked: boolean
}
export type ArticleInline = ArticleLinkChild | ArticleLink | ArticleAutoLink

export interface ArticleParagraph extends ElementFields {
  type: 'paragraph'
  children: ArticleInline[]
}
export interface ArticleHeading extends ElementFields {
  type: 'heading'
  tag: HeadingTag
  children: ArticleInline[]
}
export interface ArticleQuote extends ElementFields {
  type: 'quote'
  children: ArticleInline[]
}
export interface ArticleListItem extends ElementFields {
  type: 'listitem'
  value: number
  /** Lexical nests a list as the only child of its own list item. */
  children: (ArticleInline | ArticleList)[]
}
export interface ArticleList extends ElementFields {
  type: 'list'
  listType: 'bullet' | 'number'
  start: number
  tag: 'ul' | 'ol'
  children: ArticleListItem[]
}
export interface ArticleHorizontalRule {
  type: 'horizontalrule'
  version: 1
}
export interface ArticlePhoto {
  assetId: AssetId
  caption: string
  alt: string
  /** Photographer, shown after the caption when the publishing options ask for it. */
  credit: string
}
export interface ArticleImage extends ArticlePhoto {
  type: 'image'
  version: 1
  /** Editor layout only: published HTML leaves presentation to the site's CSS. */
  width: ImageWidth
  align: ImageAlign
}
export interface ArticleGallery {
  type: 'gallery'
  version: 1
  images: ArticlePhoto[]
}
export type ArticleBlock =
  | ArticleParagraph
  | ArticleHeading
  | ArticleQuote
  | ArticleList
  | ArticleHorizontalRule
  | ArticleImage
  | ArticleGallery
export interface ArticleRoot extends ElementFields {
  type: 'root'
  children: ArticleBlock[]
}
export interface ArticleBodyStrict {
  root: ArticleRoot
}

const elementFields = {
  version: z.literal(1),
  direction: z.enum(['ltr', 'rtl']).nullable(),
  format: z.enum(ELEMENT_FORMATS),
  indent: z.number().int().min(0).max(MAX_INDENT)
}

const TextSchema: z.ZodType<ArticleText> = z.strictObject({
  type: z.literal('text'),
  version: z.literal(1),
  text: z.string().min(1),
  format: z.number().int().min(0).max(KEPT_TEXT_FORMAT)
})
const LineBreakSchema: z.ZodType<ArticleLineBreak> = z.strictObject({ type: z.literal('linebreak'), version: z.literal(1) })
const TabSchema: z.ZodType<ArticleTab> = z.strictObject({ type: z.literal('tab'), version: z.literal(1) })
const LinkChildSchema = z.union([TextSchema, LineBreakSchema, TabSchema])
const linkFields = {
  ...elementFields,
  url: z.string().refine((url) => safeLinkHref(url) !== null, 'links must be http, https or mailto'),
  rel: z.string().regex(/^[a-z ]{0,64}$/).nullable(),
  target: z.enum(LINK_TARGETS).nullable(),
  title: z.string().max(300).nullable(),
  children: z.array(LinkChildSchema).min(1)
}
const LinkSchema: z.ZodType<ArticleLink> = z.strictObject({ type: z.literal('link'), ...linkFields })
const AutoLinkSchema: z.ZodType<ArticleAutoLink> = z.strictObject({
  type: z.literal('autolink'),
  ...linkFields,
  isUnlinked: z.boolean()
})
const InlineSchema = z.union([TextSchema, LineBreakSchema, TabSchema, LinkSchema, AutoLinkSchema])

const ParagraphSchema: z.ZodType<ArticleParagraph> = z.strictObject({
  type: z.literal('paragraph'),
  ...elementFields,
  children: z.array(InlineSchema)
})
const HeadingSchema: z.ZodType<ArticleHeading> = z.strictObject({
  type: z.literal('heading'),
  ...elementFields,
  tag: z.enum(HEADING_TAGS),
  children: z.array(InlineSchema)
})
const QuoteSchema: z.ZodType<ArticleQuote> = z.strictObject({
  type: z.literal('quote'),
  ...elementFields,
  children: z.array(InlineSchema)
})
const ListItemSchema: z.ZodType<ArticleListItem> = z.lazy(() =>
  z.strictObject({
    type: z.literal('listitem'),
    ...elementFields,
    value: z.number().int().min(1),
    children: z.array(z.union([InlineSchema, ListSchema]))
  })
)
const ListSchema: z.ZodType<ArticleList> = z.lazy(() =>
  z
    .strictObject({
      type: z.literal('list'),
      ...elementFields,
      listType: z.enum(['bullet', 'number']),
      start: z.number().int().min(1),
      tag: z.enum(['ul', 'ol']),
      children: z.array(ListItemSchema).min(1)
    })
    .refine((list) => list.tag === (list.listType === 'number' ? 'ol' : 'ul'), 'list tag does not match its type')
)
const HorizontalRuleSchema: z.ZodType<ArticleHorizontalRule> = z.strictObject({
  type: z.literal('horizontalrule'),
  version: z.literal(1)
})
const photoFields = {
  assetId: AssetIdSchema,
  caption: z.string(),
  alt: z.string(),
  credit: z.string()
}
export const ArticlePhotoSchema: z.ZodType<ArticlePhoto> = z.strictObject(photoFields)
const ImageSchema: z.ZodType<ArticleImage> = z.strictObject({
  type: z.literal('image'),
  version: z.literal(1),
  ...photoFields,
  width: z.enum(IMAGE_WIDTHS),
  align: z.enum(IMAGE_ALIGNS)
})
const GallerySchema: z.ZodType<ArticleGallery> = z.strictObject({
  type: z.literal('gallery'),
  version: z.literal(1),
  images: z.array(ArticlePhotoSchema).min(GALLERY_MIN).max(GALLERY_MAX)
})
const BlockSchema = z.union([
  ParagraphSchema,
  HeadingSchema,
  QuoteSchema,
  ListSchema,
  HorizontalRuleSchema,
  ImageSchema,
  GallerySchema
])

export const ArticleBodyStrictSchema: z.ZodType<ArticleBodyStrict> = z.strictObject({
  root: z.strictObject({
    type: z.literal('root'),
    ...elementFields,
    children: z.array(BlockSchema)
  })
})

export function emptyArticleBody(): ArticleBodyStrict {
  return { root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [] } }
}

// ---------------------------------------------------------------------------------------------------------
// Sanitizing: turn whatever arrived (an old draft, a paste, a hand-edited file) into a strict body.

export interface SanitizedArticleBody {
  body: ArticleBodyStrict
  /**
   * What was lost, once per kind, in order of first sight: `node:<type>` (an unknown node; its text is
   * kept), `text-style`, `text-format:<name>`, `link:unsafe-url` (its text is kept), `image:invalid-asset-id`
   * (its caption is kept as a paragraph), `list:checkboxes`, … Rewrites that lose nothing (h1 → h2) are not listed.
   */
  dropped: string[]
}

interface Context {
  dropped: Set<string>
  /** Images found inside text; they are placed after the block that held them. */
  hoisted: ArticleBlock[]
}

type Json = Record<string, unknown>

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function childrenOf(node: Json): unknown[] {
  return Array.isArray(node.children) ? node.children : []
}

/** Removes C0/C1 controls (except tab and newline) and lone surrogates: neither belongs in an article. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
}

/** One line of plain text (captions, alt, credits): newlines and tabs become spaces, ends trimmed. */
export function cleanLine(value: unknown): string {
  return typeof value === 'string' ? cleanText(value).replace(/[\n\t]+/g, ' ').trim() : ''
}

function elementFieldsOf(node: Json): ElementFields {
  const format = (ELEMENT_FORMATS as readonly unknown[]).includes(node.format) ? (node.format as ElementFormat) : ''
  const indent = typeof node.indent === 'number' && Number.isInteger(node.indent) ? Math.min(Math.max(node.indent, 0), MAX_INDENT) : 0
  const direction = node.direction === 'ltr' || node.direction === 'rtl' ? node.direction : null
  return { version: 1, direction, format, indent }
}

/** h1 becomes h2 and h4–h6 become h3: the site's page title is the only h1, and we keep two levels. */
export function normalizeHeadingTag(tag: unknown): HeadingTag {
  return tag === 'h1' || tag === 'h2' ? 'h2' : 'h3'
}

function textFormatOf(format: unknown, ctx: Context): number {
  if (typeof format !== 'number' || !Number.isInteger(format) || format < 0) return 0
  for (const [bit, name] of DROPPED_TEXT_FORMAT) if (format & bit) ctx.dropped.add(`text-format:${name}`)
  return format & KEPT_TEXT_FORMAT
}

function sanitizeText(node: Json, ctx: Context): ArticleText | null {
  if (typeof node.text !== 'string') return null
  if (typeof node.style === 'string' && node.style.trim() !== '') ctx.dropped.add('text-style')
  const text = cleanText(node.text)
  return text === '' ? null : { type: 'text', version: 1, text, format: textFormatOf(node.format, ctx) }
}

function sanitizePhoto(node: Json, ctx: Context): ArticlePhoto | null {
  if (typeof node.assetId !== 'string' || !ASSET_ID_PATTERN.test(node.assetId)) {
    ctx.dropped.add('image:invalid-asset-id')
    return null
  }
  return { assetId: node.assetId, caption: cleanLine(node.caption), alt: cleanLine(node.alt), credit: cleanLine(node.credit) }
}

function captionParagraph(node: Json): ArticleParagraph[] {
  const caption = cleanLine(node.caption)
  return caption === '' ? [] : [paragraphOf([{ type: 'text', version: 1, text: caption, format: 0 }])]
}

function paragraphOf(children: ArticleInline[]): ArticleParagraph {
  return { type: 'paragraph', version: 1, direction: null, format: '', indent: 0, children }
}

function sanitizeImage(node: Json, ctx: Context): ArticleBlock[] {
  const photo = sanitizePhoto(node, ctx)
  if (!photo) return captionParagraph(node)
  const width = (IMAGE_WIDTHS as readonly unknown[]).includes(node.width) ? (node.width as ImageWidth) : 'full'
  const align = (IMAGE_ALIGNS as readonly unknown[]).includes(node.align) ? (node.align as ImageAlign) : 'center'
  return [{ type: 'image', version: 1, ...photo, width, align }]
}

/** Galleries keep every valid photo: more than four are split, a single survivor becomes an image. */
function sanitizeGallery(node: Json, ctx: Context): ArticleBlock[] {
  const photos: ArticlePhoto[] = []
  const lostCaptions: ArticleBlock[] = []
  for (const item of Array.isArray(node.images) ? node.images : []) {
    if (!isRecord(item)) continue
    const photo = sanitizePhoto(item, ctx)
    if (photo) photos.push(photo)
    else lostCaptions.push(...captionParagraph(item))
  }
  const out: ArticleBlock[] = []
  for (let i = 0; i < photos.length; i += GALLERY_MAX) {
    const chunk = photos.slice(i, i + GALLERY_MAX)
    if (chunk.length === 1 && chunk[0]) out.push({ type: 'image', version: 1, ...chunk[0], width: 'full', align: 'center' })
    else out.push({ type: 'gallery', version: 1, images: chunk })
  }
  return [...out, ...lostCaptions]
}

function sanitizeLinkChildren(children: unknown[], depth: number, ctx: Context): ArticleLinkChild[] {
  return sanitizeInlines(children, depth, ctx).flatMap((child) =>
    child.type === 'link' || child.type === 'autolink' ? child.children : [child]
  )
}

function sanitizeLink(node: Json, depth: number, ctx: Context): ArticleInline[] {
  const children = sanitizeLinkChildren(childrenOf(node), depth + 1, ctx)
  if (children.length === 0) return []
  const url = typeof node.url === 'string' ? node.url.trim() : ''
  if (safeLinkHref(url) === null) {
    ctx.dropped.add('link:unsafe-url')
    return children
  }
  const rel = typeof node.rel === 'string' && /^[a-z ]{0,64}$/.test(node.rel) ? node.rel : null
  const target: ArticleLink['target'] = node.target === '_blank' || node.target === '_self' ? node.target : null
  const title = typeof node.title === 'string' && node.title.trim() !== '' ? cleanLine(node.title).slice(0, 300) : null
  const fields = { ...elementFieldsOf(node), url, rel, target, title, children }
  return node.type === 'autolink' ? [{ type: 'autolink', ...fields, isUnlinked: node.isUnlinked === true }] : [{ type: 'link', ...fields }]
}

const TEXT_BLOCK_TYPES = new Set(['paragraph', 'heading', 'quote', 'listitem', 'list'])

function sanitizeInlines(children: unknown[], depth: number, ctx: Context): ArticleInline[] {
  const out: ArticleInline[] = []
  if (depth > MAX_DEPTH) {
    if (children.length > 0) ctx.dropped.add('node:too-deep')
    return out
  }
  for (const child of children) {
    if (!isRecord(child)) {
      ctx.dropped.add('node:invalid')
      continue
    }
    switch (child.type) {
      case 'text': {
        const text = sanitizeText(child, ctx)
        if (text) out.push(text)
        break
      }
      case 'linebreak':
        out.push({ type: 'linebreak', version: 1 })
        break
      case 'tab':
        out.push({ type: 'tab', version: 1 })
        break
      case 'link':
      case 'autolink':
        out.push(...sanitizeLink(child, depth, ctx))
        break
      case 'image':
        ctx.hoisted.push(...sanitizeImage(child, ctx))
        break
      case 'gallery':
        ctx.hoisted.push(...sanitizeGallery(child, ctx))
        break
      default: {
        if (typeof child.type === 'string' && TEXT_BLOCK_TYPES.has(child.type)) {
          // A block where only text may stand (a paragraph pasted into a quote): keep its text on a new line.
          const inner = sanitizeInlines(childrenOf(child), depth + 1, ctx)
          if (inner.length > 0 && out.length > 0) out.push({ type: 'linebreak', version: 1 })
          out.push(...inner)
        } else if (Array.isArray(child.children)) {
          ctx.dropped.add(`node:${String(child.type)}`)
          out.push(...sanitizeInlines(child.children, depth + 1, ctx))
        } else if (typeof child.text === 'string') {
          ctx.dropped.add(`node:${String(child.type)}`)
          const text = sanitizeText(child, ctx)
          if (text) out.push(text)
        } else {
          ctx.dropped.add(`node:${String(child.type)}`)
        }
      }
    }
  }
  return out
}

function sanitizeListItem(node: Json, fallbackValue: number, level: number, depth: number, ctx: Context): ArticleListItem {
  const children: (ArticleInline | ArticleList)[] = []
  let run: unknown[] = []
  const flush = (): void => {
    children.push(...sanitizeInlines(run, depth + 1, ctx))
    run = []
  }
  for (const child of childrenOf(node)) {
    if (isRecord(child) && child.type === 'list') {
      flush()
      const list = sanitizeList(child, level + 1, depth + 1, ctx)
      if (list) children.push(list)
    } else {
      run.push(child)
    }
  }
  flush()
  const value = typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= 1 ? node.value : fallbackValue
  // Lexical derives a list item's indent from how deep its list is nested, and writes that.
  return { type: 'listitem', ...elementFieldsOf(node), indent: Math.min(level, MAX_INDENT), value, children }
}

function sanitizeList(node: Json, level: number, depth: number, ctx: Context): ArticleList | null {
  if (depth > MAX_DEPTH) {
    ctx.dropped.add('node:too-deep')
    return null
  }
  if (node.listType === 'check') ctx.dropped.add('list:checkboxes')
  const listType = node.listType === 'number' ? 'number' : 'bullet'
  const start = typeof node.start === 'number' && Number.isInteger(node.start) && node.start >= 1 ? node.start : 1
  const items: ArticleListItem[] = []
  for (const child of childrenOf(node)) {
    const fallbackValue = start + items.length
    const item = isRecord(child) && child.type === 'listitem' ? child : { children: [child] }
    items.push(sanitizeListItem(item, fallbackValue, level, depth + 1, ctx))
  }
  if (items.length === 0) return null
  return { type: 'list', ...elementFieldsOf(node), listType, start, tag: listType === 'number' ? 'ol' : 'ul', children: items }
}

function sanitizeBlocks(children: unknown[], depth: number, ctx: Context): ArticleBlock[] {
  const out: ArticleBlock[] = []
  if (depth > MAX_DEPTH) {
    if (children.length > 0) ctx.dropped.add('node:too-deep')
    return out
  }
  // Text lying directly in a block container is gathered into one paragraph.
  let loose: unknown[] = []
  const push = (...blocks: ArticleBlock[]): void => {
    out.push(...blocks, ...ctx.hoisted)
    ctx.hoisted = []
  }
  const flushLoose = (): void => {
    if (loose.length === 0) return
    const inlines = sanitizeInlines(loose, depth + 1, ctx)
    loose = []
    push(...(inlines.length > 0 ? [paragraphOf(inlines)] : []))
  }
  for (const child of children) {
    if (!isRecord(child)) {
      ctx.dropped.add('node:invalid')
      continue
    }
    const type = child.type
    if (type === 'text' || type === 'linebreak' || type === 'tab' || type === 'link' || type === 'autolink') {
      loose.push(child)
      continue
    }
    flushLoose()
    switch (type) {
      case 'paragraph':
        push({ type: 'paragraph', ...elementFieldsOf(child), children: sanitizeInlines(childrenOf(child), depth + 1, ctx) })
        break
      case 'heading':
        push({
          type: 'heading',
          ...elementFieldsOf(child),
          tag: normalizeHeadingTag(child.tag),
          children: sanitizeInlines(childrenOf(child), depth + 1, ctx)
        })
        break
      case 'quote':
        push({ type: 'quote', ...elementFieldsOf(child), children: sanitizeInlines(childrenOf(child), depth + 1, ctx) })
        break
      case 'list': {
        const list = sanitizeList(child, 0, depth + 1, ctx)
        push(...(list ? [list] : []))
        break
      }
      case 'listitem': {
        const list = sanitizeList({ type: 'list', listType: 'bullet', children: [child] }, 0, depth + 1, ctx)
        push(...(list ? [list] : []))
        break
      }
      case 'horizontalrule':
        push({ type: 'horizontalrule', version: 1 })
        break
      case 'image':
        push(...sanitizeImage(child, ctx))
        break
      case 'gallery':
        push(...sanitizeGallery(child, ctx))
        break
      default:
        ctx.dropped.add(`node:${String(type)}`)
        if (Array.isArray(child.children)) push(...sanitizeBlocks(child.children, depth + 1, ctx))
        else if (typeof child.text === 'string') loose.push({ ...child, type: 'text' })
    }
  }
  flushLoose()
  return out
}

/**
 * Keeps what is valid, rewrites what has a faithful equivalent (h1 → h2, check list → bullet list, an image
 * inside a paragraph → after it), drops the rest while keeping its text, strips unknown fields. Never throws:
 * a body that is not an editor state at all becomes an empty body with `dropped: ['body']`.
 */
export function sanitizeArticleBody(input: unknown): SanitizedArticleBody {
  const ctx: Context = { dropped: new Set(), hoisted: [] }
  const body = emptyArticleBody()
  if (input === null || input === undefined) return { body, dropped: [] }
  try {
    const root = isRecord(input) ? input.root : undefined
    if (!isRecord(root) || !Array.isArray(root.children)) return { body, dropped: ['body'] }
    body.root = { type: 'root', ...elementFieldsOf(root), children: sanitizeBlocks(root.children, 0, ctx) }
    return { body, dropped: [...ctx.dropped] }
  } catch {
    // Only reachable through exotic objects (throwing getters, proxies); JSON never gets here.
    return { body: emptyArticleBody(), dropped: ['body'] }
  }
}

/** The strict body for callers that do not need to tell the writer what was dropped. */
export function normalizeArticleBody(input: unknown): ArticleBodyStrict {
  return sanitizeArticleBody(input).body
}

/** Every asset the body shows, in reading order, each once: what publishing must upload first. */
export function collectAssetIds(body: ArticleBodyStrict): AssetId[] {
  const ids = new Set<AssetId>()
  for (const block of body.root.children) {
    if (block.type === 'image') ids.add(block.assetId)
    if (block.type === 'gallery') for (const photo of block.images) ids.add(photo.assetId)
  }
  return [...ids]
}
