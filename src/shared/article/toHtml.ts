import type { ArticleMetadata } from '../model/metadata'
import {
  formatCreditLine,
  formatEditorLine,
  toChineseScript,
  DEFAULT_ROLE_WORDS,
  type CreditLineOptions,
  type EditorLineLocale
} from './creditLine'
import {
  cleanText,
  hasControlOrSpace,
  safeLinkHref,
  sanitizeArticleBody,
  TEXT_FORMAT,
  type ArticleBlock,
  type ArticleBodyStrict,
  type ArticleInline,
  type ArticleList,
  type ArticlePhoto,
  type AssetId
} from './schema'

/**
 * Published HTML, from our own closed schema. The output uses only these elements and attributes:
 *
 *   p h2 h3 strong em u s br ul ol[start] li blockquote a[href] figure img[src alt] figcaption hr
 *   and, with `header: true` only, header h1 (title) and h2 inside the header (subtitle).
 *
 * Every text and attribute value is escaped; there is never a style, class or event attribute. Alignment,
 * indentation and image width are editor-only: the site's CSS decides presentation. Links that are not
 * http, https or mailto are published as their text. A gallery is one <figure> holding one <figure> per
 * photo, so the site can lay it out with `figure > figure`. An image whose asset cannot be resolved is
 * published as its caption in a <p> (or left out when it has no caption). Empty paragraphs are left out.
 * The credit line is the last paragraph.
 */
export const ARTICLE_HTML_TAGS = [
  'p',
  'h2',
  'h3',
  'strong',
  'em',
  'u',
  's',
  'br',
  'ul',
  'ol',
  'li',
  'blockquote',
  'a',
  'figure',
  'img',
  'figcaption',
  'hr'
] as const
export const ARTICLE_HEADER_TAGS = ['header', 'h1'] as const
export const ARTICLE_HTML_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  img: ['src', 'alt'],
  ol: ['start']
}

export interface Article {
  /** A serialized editor state from any source: it is sanitized before rendering. */
  body: unknown
  metadata: ArticleMetadata
  /** The office's credit line options (articleOf fills them from settings); render options override them. */
  creditLine?: CreditLineOptions
  /** Language of the editor line when the render options do not say. */
  locale?: EditorLineLocale
}

/** The address of a stored image as the target sees it, or null when it has none (not uploaded yet). */
export type ResolveAsset = (assetId: AssetId) => string | null

export interface ArticleRenderOptions {
  /** Column, title, subtitle and editor line before the body: the preview wants them, WordPress does not. */
  header?: boolean
  /** Options for the closing credit line, or false to leave it out. */
  creditLine?: CreditLineOptions | false
  /** Append each photo's photographer to its caption: `会议现场（摄影：赵六）`. */
  photoCredit?: boolean
  /** Language of the editor line in the header. */
  locale?: EditorLineLocale
  /** Time zone of the publication date; Asia/Shanghai by default. */
  timeZone?: string
}

export interface ArticleHtmlOptions extends ArticleRenderOptions {
  /**
   * URL schemes an image source may use; https and http by default. The preview adds its own asset
   * scheme. javascript:, vbscript: and data: are refused whatever this says.
   */
  imageProtocols?: readonly string[]
}

const NEVER_IMAGE_PROTOCOLS = new Set(['javascript:', 'vbscript:', 'data:'])

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch)
}

function escapeTextWithBreaks(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>')
}

interface RenderContext {
  resolveSrc: (assetId: AssetId) => string | null
  photoCredit: ((credit: string) => string) | null
}

function renderInlines(nodes: readonly ArticleInline[]): string {
  let html = ''
  for (const node of nodes) {
    switch (node.type) {
      case 'text': {
        let text = escapeTextWithBreaks(node.text)
        if (node.format & TEXT_FORMAT.strikethrough) text = `<s>${text}</s>`
        if (node.format & TEXT_FORMAT.underline) text = `<u>${text}</u>`
        if (node.format & TEXT_FORMAT.italic) text = `<em>${text}</em>`
        if (node.format & TEXT_FORMAT.bold) text = `<strong>${text}</strong>`
        html += text
        break
      }
      case 'linebreak':
        html += '<br>'
        break
      case 'tab':
        html += '\t'
        break
      case 'link':
      case 'autolink': {
        const inner = renderInlines(node.children)
        const href = safeLinkHref(node.url)
        html += href === null || (node.type === 'autolink' && node.isUnlinked) ? inner : `<a href="${escapeHtml(href)}">${inner}</a>`
        break
      }
    }
  }
  return html
}

function renderList(list: ArticleList): string {
  const items: string[] = []
  for (const item of list.children) {
    let inline: ArticleInline[] = []
    let nested = ''
    for (const child of item.children) {
      if (child.type === 'list') nested += renderList(child)
      else inline = [...inline, child]
    }
    const text = renderInlines(inline)
    // Lexical keeps a nested list in a list item of its own; HTML wants it inside the item it belongs to.
    if (text === '' && nested !== '' && items.length > 0) items[items.length - 1] += nested
    else if (text !== '' || nested !== '') items.push(text + nested)
  }
  if (items.length === 0) return ''
  const tag = list.listType === 'number' ? 'ol' : 'ul'
  const start = tag === 'ol' && list.start !== 1 ? ` start="${String(list.start)}"` : ''
  return `<${tag}${start}>\n${items.map((item) => `<li>${item}</li>`).join('\n')}\n</${tag}>`
}

function captionOf(photo: ArticlePhoto, ctx: RenderContext): string {
  return photo.caption + (ctx.photoCredit?.(photo.credit) ?? '')
}

/** Said of a photo with neither alt text nor caption: an empty alt would hide it from screen readers as decoration. */
export const PHOTO_ALT_FALLBACK = '新闻图片'

/** The text an image stands for when it is not seen: its own alt text, else its caption, never empty. */
export function altTextOf(photo: Pick<ArticlePhoto, 'alt' | 'caption'>): string {
  return cleanText(photo.alt).trim() || cleanText(photo.caption).trim() || PHOTO_ALT_FALLBACK
}

function renderFigure(photo: ArticlePhoto, src: string, ctx: RenderContext): string {
  const caption = captionOf(photo, ctx)
  const figcaption = caption === '' ? '' : `<figcaption>${escapeHtml(caption)}</figcaption>`
  return `<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(altTextOf(photo))}">${figcaption}</figure>`
}

function captionParagraph(photo: ArticlePhoto, ctx: RenderContext): string {
  const caption = captionOf(photo, ctx)
  return caption === '' ? '' : `<p>${escapeHtml(caption)}</p>`
}

function renderBlock(block: ArticleBlock, ctx: RenderContext): string {
  switch (block.type) {
    case 'paragraph': {
      const inner = renderInlines(block.children)
      return inner === '' ? '' : `<p>${inner}</p>`
    }
    case 'heading': {
      const inner = renderInlines(block.children)
      return inner === '' ? '' : `<${block.tag}>${inner}</${block.tag}>`
    }
    case 'quote': {
      const inner = renderInlines(block.children)
      return inner === '' ? '' : `<blockquote><p>${inner}</p></blockquote>`
    }
    case 'list':
      return renderList(block)
    case 'horizontalrule':
      return '<hr>'
    case 'image': {
      const src = ctx.resolveSrc(block.assetId)
      return src === null ? captionParagraph(block, ctx) : renderFigure(block, src, ctx)
    }
    case 'gallery': {
      const figures: string[] = []
      const orphans: string[] = []
      for (const photo of block.images) {
        const src = ctx.resolveSrc(photo.assetId)
        if (src === null) orphans.push(captionParagraph(photo, ctx))
        else figures.push(renderFigure(photo, src, ctx))
      }
      const gallery = figures.length === 0 ? '' : `<figure>\n${figures.join('\n')}\n</figure>`
      return [gallery, ...orphans].filter((html) => html !== '').join('\n')
    }
  }
}

/** The resolver's address when it is absolute and of an allowed scheme, else null (never throws). */
export function imageSourceResolver(resolveAsset: ResolveAsset, protocols: readonly string[]): (assetId: AssetId) => string | null {
  return (assetId) => {
    let src: string | null
    try {
      src = resolveAsset(assetId)
    } catch {
      return null
    }
    if (typeof src !== 'string' || hasControlOrSpace(src.trim())) return null
    try {
      const url = new URL(src.trim())
      if (NEVER_IMAGE_PROTOCOLS.has(url.protocol) || !protocols.includes(url.protocol)) return null
      return url.href
    } catch {
      return null
    }
  }
}

interface HeaderLines {
  column: string
  title: string
  subtitle: string
  editorLine: string
}

function headerLines(article: Article, options: ArticleRenderOptions): HeaderLines {
  const metadata = article.metadata
  return {
    column: metadata.column.trim(),
    title: metadata.title.trim(),
    subtitle: metadata.subtitle.trim(),
    editorLine: formatEditorLine(metadata, options.locale ?? article.locale ?? 'zh-CN', options.timeZone === undefined ? {} : { timeZone: options.timeZone })
  }
}

export function creditLineOf(article: Article, options: ArticleRenderOptions): string {
  return options.creditLine === false ? '' : formatCreditLine(article.metadata, options.creditLine ?? article.creditLine ?? {})
}

/** `（摄影：赵六）` after a caption, in the credit line's script, or null when photo credits are off. */
export function photoCreditFormatter(article: Article, options: ArticleRenderOptions): ((credit: string) => string) | null {
  if (options.photoCredit !== true) return null
  const credit = options.creditLine === false ? {} : (options.creditLine ?? article.creditLine ?? {})
  const word = credit.roles?.photographers ?? DEFAULT_ROLE_WORDS.photographers
  return (name) => (name === '' ? '' : toChineseScript(`（${word}：${name}）`, credit.script ?? 'simplified'))
}

/**
 * The article as clean HTML: deterministic, no DOM, one block per line. Throws only for a broken credit
 * line template (see validateCreditTemplate).
 */
export function articleToHtml(article: Article, resolveAsset: ResolveAsset, options: ArticleHtmlOptions = {}): string {
  const body: ArticleBodyStrict = sanitizeArticleBody(article.body).body
  const ctx: RenderContext = {
    resolveSrc: imageSourceResolver(resolveAsset, options.imageProtocols ?? ['https:', 'http:']),
    photoCredit: photoCreditFormatter(article, options)
  }
  const out: string[] = []
  if (options.header === true) {
    const header = headerLines(article, options)
    const lines = [
      header.column === '' ? '' : `<p>${escapeHtml(header.column)}</p>`,
      header.title === '' ? '' : `<h1>${escapeHtml(header.title)}</h1>`,
      header.subtitle === '' ? '' : `<h2>${escapeHtml(header.subtitle)}</h2>`,
      header.editorLine === '' ? '' : `<p>${escapeHtml(header.editorLine)}</p>`
    ].filter((line) => line !== '')
    if (lines.length > 0) out.push(`<header>\n${lines.join('\n')}\n</header>`)
  }
  for (const block of body.root.children) out.push(renderBlock(block, ctx))
  const credit = creditLineOf(article, options)
  if (credit !== '') out.push(`<p>${escapeHtml(credit)}</p>`)
  return out.filter((html) => html !== '').join('\n')
}

export interface ArticlePlainTextOptions extends ArticleRenderOptions {
  /** Image captions as lines of their own; true by default. */
  captions?: boolean
}

function inlineText(nodes: readonly ArticleInline[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return node.text
      if (node.type === 'linebreak') return '\n'
      if (node.type === 'tab') return '\t'
      return inlineText(node.children)
    })
    .join('')
}

function listText(list: ArticleList): string[] {
  return list.children.flatMap((item) => {
    const lines: string[] = []
    let inline: ArticleInline[] = []
    for (const child of item.children) {
      if (child.type === 'list') lines.push(...listText(child))
      else inline = [...inline, child]
    }
    const text = inlineText(inline)
    return text === '' ? lines : [text, ...lines]
  })
}

/**
 * The article as plain text, one block per line, the same parts as articleToHtml: for word counts, the
 * clipboard and search. No list markers, so they are not counted as words.
 */
export function articleToPlainText(article: Article, options: ArticlePlainTextOptions = {}): string {
  const body = sanitizeArticleBody(article.body).body
  const captions = options.captions !== false
  const photoCredit = photoCreditFormatter(article, options)
  const caption = (photo: ArticlePhoto): string => (captions ? photo.caption + (photoCredit?.(photo.credit) ?? '') : '')
  const lines: string[] = []
  if (options.header === true) {
    const header = headerLines(article, options)
    lines.push(header.column, header.title, header.subtitle, header.editorLine)
  }
  for (const block of body.root.children) {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
      case 'quote':
        lines.push(inlineText(block.children))
        break
      case 'list':
        lines.push(...listText(block))
        break
      case 'horizontalrule':
        break
      case 'image':
        lines.push(caption(block))
        break
      case 'gallery':
        lines.push(...block.images.map(caption))
        break
    }
  }
  lines.push(creditLineOf(article, options))
  return lines
    .map((line) => cleanText(line))
    .filter((line) => line.trim() !== '')
    .join('\n')
}
