import { toChineseScript } from './creditLine'
import { cleanText, safeLinkHref, sanitizeArticleBody, TEXT_FORMAT, type ArticleBlock, type ArticleInline, type ArticleList, type ArticlePhoto, type AssetId } from './schema'
import { altTextOf, creditLineOf, escapeHtml, imageSourceResolver, photoCreditFormatter, type Article, type ResolveAsset } from './toHtml'
import { normalizeWechatTemplate, type WechatTemplate } from './wechatTemplate'

/**
 * The article laid out for a 公众号 (WeChat Official Account) article, from our own closed schema.
 *
 * The 公众号 editor drops `<style>`, classes, ids and scripts and refuses links to anything but 公众号
 * articles (docs/wechat.md), so every look is an inline style, and the output uses only WECHAT_HTML_TAGS
 * with the attributes in WECHAT_HTML_ATTRIBUTES. Other links become numbered notes at the end (文末注释).
 * Lists are at most two levels deep (deeper items join the second level). A gallery is its photos one
 * under the other, each full width with its caption. The credit line closes the article, in the office's
 * format, followed by the template's end block.
 *
 * Photos either show (`resolveAsset` gives their address: the preview) or stand as numbered placeholders
 * 【图1】… (`resolveAsset` is null: the clipboard, with the photo files exported beside it in that order).
 */
export const WECHAT_HTML_TAGS = ['section', 'p', 'span', 'strong', 'em', 'u', 's', 'br', 'sup', 'ul', 'ol', 'li', 'blockquote', 'a', 'img', 'hr'] as const
export const WECHAT_HTML_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  '*': ['style'],
  a: ['href'],
  img: ['src', 'alt']
}
/** The CSS properties the renderer writes: the declared list the paste test checks against. */
export const WECHAT_STYLE_PROPERTIES = [
  'margin',
  'padding',
  'padding-left',
  'border',
  'border-left',
  'border-top',
  'background',
  'color',
  'font-size',
  'font-weight',
  'line-height',
  'letter-spacing',
  'text-align',
  'display',
  'width',
  'height',
  'word-break'
] as const

/** Lists nest at most this deep: the 公众号 editor's own list tools have two levels. */
export const WECHAT_LIST_DEPTH = 2

/** The host of 公众号 articles: the only links the platform keeps. */
const WECHAT_ARTICLE_HOST = 'mp.weixin.qq.com'

export interface WechatPhoto {
  /** 1-based, in reading order: the placeholder 【图n】 and the exported file's number. */
  number: number
  assetId: AssetId
  /** The caption as shown, photographer included when asked. */
  caption: string
  alt: string
}

export interface WechatNote {
  number: number
  text: string
  url: string
}

export interface WechatRender {
  html: string
  /** The same article as plain text, for editors that take no HTML. */
  text: string
  photos: WechatPhoto[]
  notes: WechatNote[]
}

export interface WechatRenderOptions {
  template?: Partial<WechatTemplate>
  /** Append each photo's photographer to its caption: `会议现场（摄影：赵六）`. */
  photoCredit?: boolean
  /** Schemes a shown photo's address may use; https and http by default (the preview adds its own). */
  imageProtocols?: readonly string[]
  /** Heading of the notes block, in the credit line's script; `注释` by default. */
  notesHeading?: string
}

/** True for a link to a 公众号 article, which the platform keeps as a link. */
export function isWechatArticleUrl(href: string): boolean {
  try {
    const url = new URL(href)
    return url.protocol === 'https:' && url.hostname === WECHAT_ARTICLE_HOST && url.pathname.startsWith('/s')
  } catch {
    return false
  }
}

/** Style strings built once per render, shared by every element of a kind (the content limit counts them). */
function stylesOf(t: WechatTemplate) {
  return {
    root: `font-size:16px;line-height:1.75;letter-spacing:0.5px;color:${t.text};word-break:break-all`,
    p: 'margin:0 0 16px',
    bar: `margin:0 0 20px;padding:6px 12px;background:${t.accent};color:#ffffff;font-size:15px;font-weight:bold`,
    lead: `margin:0 0 20px;padding:8px 12px;background:#f5f5f5;color:${t.muted};font-size:15px`,
    h2: `margin:28px 0 14px;padding-left:10px;border-left:4px solid ${t.accent};color:${t.accent};font-size:18px;font-weight:bold`,
    h3: `margin:22px 0 12px;color:${t.accent};font-size:17px;font-weight:bold`,
    quote: `margin:0 0 16px;padding:8px 12px;border-left:3px solid #dddddd;background:#f7f7f7;color:${t.muted}`,
    list: 'margin:0 0 16px;padding-left:2em',
    nested: 'margin:4px 0;padding-left:2em',
    hr: 'margin:24px 0;border:0;border-top:1px solid #e5e5e5',
    figure: 'margin:0 0 20px',
    img: 'display:block;width:100%;height:auto',
    placeholder: `margin:0;padding:28px 0;border:1px dashed #cccccc;color:${t.muted};text-align:center`,
    caption: `margin:6px 0 0;color:${t.muted};font-size:14px;text-align:center`,
    sup: `color:${t.accent}`,
    notes: `margin:28px 0 0;color:${t.muted};font-size:13px`,
    note: 'margin:0 0 4px',
    credit: `margin:24px 0 0;color:${t.muted};font-size:14px;text-align:right`,
    end: `margin:24px 0 0;color:${t.accent};font-size:14px;text-align:center`
  }
}
type Styles = ReturnType<typeof stylesOf>

const tag = (name: string, style: string, inner: string): string => `<${name} style="${style}">${inner}</${name}>`

interface Context {
  s: Styles
  src: ((assetId: AssetId) => string | null) | null
  photoCredit: ((credit: string) => string) | null
  photos: WechatPhoto[]
  notes: WechatNote[]
  text: string[]
}

function noteFor(ctx: Context, text: string, url: string): WechatNote {
  const known = ctx.notes.find((note) => note.url === url)
  if (known) return known
  const note = { number: ctx.notes.length + 1, text: cleanText(text).trim(), url }
  ctx.notes.push(note)
  return note
}

/** What a reader sees of a link's address: no scheme, no trailing slash; the same address twice needs no note. */
const shownUrl = (url: string): string => url.replace(/^(https?:\/\/|mailto:)/i, '').replace(/\/$/, '')

/** Inline markup and its plain text (notes marked `[n]` in both). */
function renderInlines(nodes: readonly ArticleInline[], ctx: Context): { html: string; text: string } {
  let html = ''
  let text = ''
  for (const node of nodes) {
    switch (node.type) {
      case 'text': {
        let inner = escapeHtml(node.text).replace(/\n/g, '<br>')
        if (node.format & TEXT_FORMAT.strikethrough) inner = `<s>${inner}</s>`
        if (node.format & TEXT_FORMAT.underline) inner = `<u>${inner}</u>`
        if (node.format & TEXT_FORMAT.italic) inner = `<em>${inner}</em>`
        if (node.format & TEXT_FORMAT.bold) inner = `<strong>${inner}</strong>`
        html += inner
        text += node.text
        break
      }
      case 'linebreak':
        html += '<br>'
        text += '\n'
        break
      case 'tab':
        html += ' '
        text += ' '
        break
      case 'link':
      case 'autolink': {
        const inner = renderInlines(node.children, ctx)
        const href = node.type === 'autolink' && node.isUnlinked ? null : safeLinkHref(node.url)
        text += inner.text
        if (href !== null && isWechatArticleUrl(href)) {
          html += `<a href="${escapeHtml(href)}">${inner.html}</a>`
          break
        }
        html += inner.html
        // The link's text already is its address: a note would only repeat it.
        if (href === null || shownUrl(inner.text.trim()) === shownUrl(href)) break
        const note = noteFor(ctx, inner.text, href)
        html += tag('sup', ctx.s.sup, `[${String(note.number)}]`)
        text += `[${String(note.number)}]`
        break
      }
    }
  }
  return { html, text }
}

interface ListLine {
  html: string
  text: string
}

/** Items of a list, with lists nested deeper than WECHAT_LIST_DEPTH flattened into their parent level. */
function listItems(list: ArticleList, depth: number, ctx: Context, prefix: string): ListLine[] {
  const items: ListLine[] = []
  let n = list.start
  for (const item of list.children) {
    const inline: ArticleInline[] = []
    const nested: ArticleList[] = []
    for (const child of item.children) {
      if (child.type === 'list') nested.push(child)
      else inline.push(child)
    }
    const own = renderInlines(inline, ctx)
    let nestedHtml = ''
    const nestedText: string[] = []
    for (const sub of nested) {
      if (depth >= WECHAT_LIST_DEPTH) {
        items.push(...listItems(sub, depth, ctx, prefix))
        continue
      }
      const subItems = listItems(sub, depth + 1, ctx, `${prefix}  `)
      nestedHtml += listHtml(sub, subItems, ctx.s.nested)
      nestedText.push(...subItems.map((line) => line.text))
    }
    const marker = list.listType === 'number' ? `${String(n)}. ` : '• '
    const line = { html: own.html + nestedHtml, text: [own.text === '' ? '' : `${prefix}${marker}${own.text}`, ...nestedText].filter((t) => t !== '').join('\n') }
    // Lexical keeps a nested list in a list item of its own; it belongs to the item before it.
    const previous = items.at(-1)
    if (own.html === '' && nestedHtml !== '' && previous) {
      previous.html += nestedHtml
      previous.text = [previous.text, line.text].join('\n')
    } else if (line.html !== '') {
      items.push(line)
      if (own.html !== '') n += 1
    }
  }
  return items
}

function listHtml(list: ArticleList, items: readonly ListLine[], style: string): string {
  if (items.length === 0) return ''
  // No `start`: the editor renumbers every list from 1, so it is not among the attributes it keeps.
  const name = list.listType === 'number' ? 'ol' : 'ul'
  return `<${name} style="${style}">${items.map((item) => `<li>${item.html}</li>`).join('')}</${name}>`
}

function captionOf(photo: ArticlePhoto, ctx: Context): string {
  return cleanText(photo.caption + (ctx.photoCredit?.(photo.credit) ?? '')).trim()
}

function renderPhoto(photo: ArticlePhoto, ctx: Context): string {
  const number = ctx.photos.length + 1
  const caption = captionOf(photo, ctx)
  ctx.photos.push({ number, assetId: photo.assetId, caption, alt: altTextOf(photo) })
  const captionHtml = caption === '' ? '' : tag('p', ctx.s.caption, escapeHtml(caption))
  const placeholder = `【图${String(number)}】`
  ctx.text.push(caption === '' ? placeholder : `${placeholder}${caption}`)
  if (ctx.src === null) return tag('section', ctx.s.figure, tag('p', ctx.s.placeholder, placeholder) + captionHtml)
  const src = ctx.src(photo.assetId)
  // A photo that cannot be shown keeps its caption, as on the website.
  if (src === null) return captionHtml === '' ? '' : tag('section', ctx.s.figure, captionHtml)
  return tag('section', ctx.s.figure, `<img src="${escapeHtml(src)}" alt="${escapeHtml(altTextOf(photo))}" style="${ctx.s.img}">${captionHtml}`)
}

function renderBlock(block: ArticleBlock, ctx: Context): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
    case 'quote': {
      const inner = renderInlines(block.children, ctx)
      if (inner.html === '') return ''
      ctx.text.push(inner.text)
      if (block.type === 'paragraph') return tag('p', ctx.s.p, inner.html)
      if (block.type === 'quote') return tag('blockquote', ctx.s.quote, inner.html)
      return tag('p', block.tag === 'h2' ? ctx.s.h2 : ctx.s.h3, inner.html)
    }
    case 'list': {
      const items = listItems(block, 1, ctx, '')
      ctx.text.push(...items.map((item) => item.text))
      return listHtml(block, items, ctx.s.list)
    }
    case 'horizontalrule':
      return `<hr style="${ctx.s.hr}">`
    case 'image':
      return renderPhoto(block, ctx)
    case 'gallery':
      return block.images.map((photo) => renderPhoto(photo, ctx)).join('')
  }
}

/**
 * The article as 公众号 HTML and plain text, with its photos and notes in order. Deterministic, no DOM.
 * Headings are styled paragraphs: the editor restyles <h2>/<h3> its own way. Throws only for a broken
 * credit line template (see validateCreditTemplate).
 */
export function renderWechatArticle(article: Article, resolveAsset: ResolveAsset | null, options: WechatRenderOptions = {}): WechatRender {
  const template = normalizeWechatTemplate(options.template)
  const s = stylesOf(template)
  const script = article.creditLine?.script ?? 'simplified'
  const ctx: Context = {
    s,
    src: resolveAsset === null ? null : imageSourceResolver(resolveAsset, options.imageProtocols ?? ['https:', 'http:']),
    photoCredit: photoCreditFormatter(article, { photoCredit: options.photoCredit === true }),
    photos: [],
    notes: [],
    text: []
  }
  const out: string[] = []
  const column = cleanText(article.metadata.column).trim()
  if (template.titleBar && column !== '') {
    out.push(tag('p', s.bar, escapeHtml(column)))
    ctx.text.push(column)
  }
  const subtitle = cleanText(article.metadata.subtitle).trim()
  if (subtitle !== '') {
    out.push(tag('p', s.lead, escapeHtml(subtitle)))
    ctx.text.push(subtitle)
  }
  for (const block of sanitizeArticleBody(article.body).body.root.children) out.push(renderBlock(block, ctx))
  if (ctx.notes.length > 0) {
    const heading = toChineseScript(options.notesHeading ?? '注释', script)
    const lines = ctx.notes.map((note) => `[${String(note.number)}] ${note.text === '' ? '' : `${note.text}：`}${note.url}`)
    out.push(tag('section', s.notes, [tag('p', s.note, `<strong>${escapeHtml(heading)}</strong>`), ...lines.map((line) => tag('p', s.note, escapeHtml(line)))].join('')))
    ctx.text.push(heading, ...lines)
  }
  const credit = creditLineOf(article, {})
  if (credit !== '') {
    out.push(tag('p', s.credit, escapeHtml(credit)))
    ctx.text.push(credit)
  }
  if (template.endText !== '') {
    out.push(tag('p', s.end, escapeHtml(template.endText)))
    ctx.text.push(template.endText)
  }
  const body = out.filter((html) => html !== '')
  return {
    html: body.length === 0 ? '' : `<section style="${s.root}">\n${body.join('\n')}\n</section>`,
    text: ctx.text
      .map((line) => cleanText(line))
      .filter((line) => line.trim() !== '')
      .join('\n'),
    photos: ctx.photos,
    notes: ctx.notes
  }
}

/** The 公众号 HTML alone: photos shown when `resolveAsset` is given, numbered placeholders when it is null. */
export function articleToWechatHtml(article: Article, resolveAsset: ResolveAsset | null, options: WechatRenderOptions = {}): string {
  return renderWechatArticle(article, resolveAsset, options).html
}

export interface WechatClipboardData {
  /** Absent when the article has nothing to lay out: a paste then gives the text alone. */
  html?: string
  text: string
}

/**
 * What 复制到公众号 puts on the clipboard: the layout as HTML (what the 公众号 editor and 秀米/135 paste) and
 * the same article as plain text (what a plain-text field or chat window pastes), both with 【图n】 where the
 * photos go.
 */
export function wechatClipboardData(render: Pick<WechatRender, 'html' | 'text'>): WechatClipboardData {
  return render.html === '' ? { text: render.text } : { html: render.html, text: render.text }
}
