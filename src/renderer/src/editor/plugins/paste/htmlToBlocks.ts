import {
  cleanLine,
  cleanText,
  normalizeHeadingTag,
  safeLinkHref,
  TEXT_FORMAT,
  type ArticleBlock,
  type ArticleInline,
  type ArticleLink,
  type ArticleLinkChild,
  type ArticleList,
  type ArticleListItem,
  type ArticleParagraph
} from '../../../../../shared/article/schema'
import type { ListKind } from './listMarkers'
import { MISSING_PICTURE_ATTRIBUTE } from './sanitizeHtml'

/**
 * Sanitized HTML → article blocks, by our own walk rather than Lexical's DOM import: the output is the
 * closed schema's JSON, so what a paste can produce is decided here and checked by sanitizeArticleBody,
 * not by whichever importDOM a node class happens to have.
 *
 * Word's list paragraphs become nested lists by their level, tables become one paragraph per row, h1
 * becomes h2 and h4–h6 h3, empty paragraphs go, and pictures are lifted out of the text into blocks of
 * their own that still have to be fetched or replaced by a placeholder (see pictures.ts).
 */

/** A picture found in the HTML, not yet stored. */
export type PictureRef = {
  type: 'picture'
  /** The src as written (file:, http(s):, asset:), or '' when it had none we accept. */
  src: string
  alt: string
  /** From a `<figure>`'s `<figcaption>` (web pages, and Word files this app exported); '' otherwise. */
  caption?: string
  /** Set when main's .docx import could not store the picture: its name in the document. */
  missingName: string | null
}
export type ConvertedBlock = ArticleBlock | PictureRef

type Inline = ArticleInline | PictureRef

const BLOCK_TAGS = new Set([
  'P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'TABLE', 'CAPTION', 'THEAD', 'TBODY',
  'TFOOT', 'TR', 'TD', 'TH', 'HR', 'PRE', 'FIGURE'
])
const FORMAT_OF_TAG: Record<string, number> = {
  B: TEXT_FORMAT.bold,
  STRONG: TEXT_FORMAT.bold,
  I: TEXT_FORMAT.italic,
  EM: TEXT_FORMAT.italic,
  U: TEXT_FORMAT.underline,
  INS: TEXT_FORMAT.underline,
  S: TEXT_FORMAT.strikethrough,
  STRIKE: TEXT_FORMAT.strikethrough,
  DEL: TEXT_FORMAT.strikethrough
}
export const TABLE_CELL_SEPARATOR = ' | '
const MAX_WALK_DEPTH = 64

const element = { version: 1 as const, direction: null, format: '' as const, indent: 0 }
const text = (value: string, format = 0): ArticleInline => ({ type: 'text', version: 1, text: value, format })
const paragraph = (children: ArticleInline[]): ArticleParagraph => ({ type: 'paragraph', ...element, children })

function isElement(node: Node): node is Element {
  return node.nodeType === 1
}

function hasBlockDescendant(node: Element): boolean {
  for (const tag of BLOCK_TAGS) if (node.getElementsByTagName(tag).length > 0) return true
  return false
}

function pictureOf(img: Element, allowAssetSources: boolean): PictureRef {
  const raw = (img.getAttribute('src') ?? '').trim()
  const accepted = /^(?:https?:|file:)/i.test(raw) || (allowAssetSources && /^asset:/i.test(raw))
  const missing = img.getAttribute(MISSING_PICTURE_ATTRIBUTE)
  return { type: 'picture', src: accepted ? raw : '', alt: cleanLine(img.getAttribute('alt')), missingName: missing ? cleanLine(missing) : null }
}

const CJK = '[\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f]'
const CJK_LINE_BREAK = new RegExp(`(${CJK})[ \\t]*[\\r\\n]+[ \\t]*(?=${CJK})`, 'g')

/**
 * Collapses white space as a browser shows it: runs of spaces, tabs and newlines become one space, none
 * at the start or end of a block or after a line break. A source line break between two Chinese
 * characters is dropped (Word wraps its HTML at 76 columns, and 中文 has no spaces between words).
 * Non-breaking spaces count as spaces: Word pads with them, and an article has no use for them.
 */
function collapseWhiteSpace(inlines: Inline[]): Inline[] {
  let atLineStart = true
  let lastText: { node: ArticleInline & { type: 'text' } } | null = null
  const visit = (nodes: Inline[]): Inline[] => {
    const out: Inline[] = []
    for (const node of nodes) {
      if (node.type === 'text') {
        let value = node.text.replace(CJK_LINE_BREAK, '$1').replace(/[ \t\n\r\f\u00a0]+/g, ' ')
        if (atLineStart || lastText?.node.text.endsWith(' ')) value = value.replace(/^ /, '')
        if (value === '') continue
        const copy = { ...node, text: value }
        out.push(copy)
        lastText = { node: copy }
        atLineStart = false
      } else if (node.type === 'linebreak') {
        if (lastText) lastText.node.text = lastText.node.text.replace(/ $/, '')
        out.push(node)
        atLineStart = true
        lastText = null
      } else if (node.type === 'link' || node.type === 'autolink') {
        const children = visit(node.children) as ArticleLinkChild[]
        if (children.length > 0) out.push({ ...node, children })
      } else {
        out.push(node)
      }
    }
    return out
  }
  const result = visit(inlines)
  const last = lastText as { node: ArticleInline & { type: 'text' } } | null
  if (last) last.node.text = last.node.text.replace(/ $/, '')
  return result
}

/** Removes empty texts, merges neighbours of the same format, trims line breaks at both ends. */
function tidyInlines(inlines: ArticleInline[]): ArticleInline[] {
  const out: ArticleInline[] = []
  for (const node of inlines) {
    if (node.type === 'text' && node.text === '') continue
    if (node.type === 'link' || node.type === 'autolink') {
      const children = tidyInlines(node.children) as ArticleLinkChild[]
      if (children.length > 0) out.push({ ...node, children })
      continue
    }
    const previous = out[out.length - 1]
    if (node.type === 'text' && previous?.type === 'text' && previous.format === node.format) {
      out[out.length - 1] = { ...previous, text: previous.text + node.text }
      continue
    }
    out.push(node)
  }
  while (out[0]?.type === 'linebreak') out.shift()
  while (out[out.length - 1]?.type === 'linebreak') out.pop()
  return out
}

function hasText(inlines: readonly ArticleInline[]): boolean {
  return inlines.some((node) =>
    node.type === 'text' ? node.text.trim() !== '' : node.type === 'link' || node.type === 'autolink' ? hasText(node.children) : false
  )
}

type WordListItem = { id: string; level: number; kind: ListKind; start: number; inlines: ArticleInline[] }

export type HtmlToBlocksOptions = { allowAssetSources?: boolean }

class Converter {
  private readonly blocks: ConvertedBlock[] = []
  private pending: Inline[] = []
  private wordList: WordListItem[] = []
  private readonly allowAssetSources: boolean

  constructor(options: HtmlToBlocksOptions) {
    this.allowAssetSources = options.allowAssetSources === true
  }

  result(root: Node): ConvertedBlock[] {
    this.walkBlocks(root, 0, 0)
    this.flush()
    return this.blocks
  }

  // --- inline content -------------------------------------------------------------------------

  private inlinesOf(node: Node, format: number, depth: number): Inline[] {
    if (node.nodeType === 3) return [text(node.nodeValue ?? '', format)]
    if (!isElement(node) || depth > MAX_WALK_DEPTH) return []
    const tag = node.tagName
    if (tag === 'BR') return [{ type: 'linebreak', version: 1 }]
    if (tag === 'IMG') return [pictureOf(node, this.allowAssetSources)]
    const inner = format | (FORMAT_OF_TAG[tag] ?? 0)
    const children = Array.from(node.childNodes).flatMap((child) => this.inlinesOf(child, inner, depth + 1))
    if (tag === 'A') {
      const href = safeLinkHref(node.getAttribute('href') ?? '')
      if (href === null) return children
      // Pictures inside a link are lifted out after it; the link keeps its text.
      const linkChildren = children.flatMap((child): ArticleLinkChild[] =>
        child.type === 'link' || child.type === 'autolink' ? child.children : child.type === 'picture' ? [] : [child]
      )
      const pictures = children.filter((child): child is PictureRef => child.type === 'picture')
      const link: ArticleLink = { type: 'link', ...element, url: href, rel: null, target: null, title: null, children: linkChildren }
      return [...(linkChildren.length > 0 ? [link] : []), ...pictures]
    }
    return children
  }

  /** Inline content as paragraphs: pictures split it, and a blank line (<br><br>) starts a new paragraph. */
  private emitInline(inlines: Inline[], make: (children: ArticleInline[]) => ArticleBlock = paragraph): void {
    let run: ArticleInline[] = []
    const finish = () => {
      const tidy = tidyInlines(run)
      if (hasText(tidy)) this.blocks.push(make(tidy))
      run = []
    }
    const collapsed = collapseWhiteSpace(inlines)
    for (let i = 0; i < collapsed.length; i++) {
      const node = collapsed[i]
      if (!node) continue
      if (node.type === 'picture') {
        finish()
        this.blocks.push(node)
      } else if (node.type === 'linebreak' && collapsed[i + 1]?.type === 'linebreak') {
        finish()
        while (collapsed[i + 1]?.type === 'linebreak') i++
      } else {
        run.push(node)
      }
    }
    finish()
  }

  private flush(): void {
    this.flushWordList()
    if (this.pending.length === 0) return
    const inlines = this.pending
    this.pending = []
    this.emitInline(inlines)
  }

  // --- blocks ---------------------------------------------------------------------------------

  private walkBlocks(node: Node, format: number, depth: number): void {
    for (const child of Array.from(node.childNodes)) this.walkBlock(child, format, depth + 1)
  }

  private walkBlock(node: Node, format: number, depth: number): void {
    if (depth > MAX_WALK_DEPTH) return
    if (!isElement(node)) {
      if (node.nodeType === 3) {
        // The line breaks between Word's list paragraphs must not end the list.
        if ((node.nodeValue ?? '').trim() === '' && this.wordList.length > 0) return
        this.flushWordList()
        this.pending.push(...this.inlinesOf(node, format, depth))
      }
      return
    }
    const tag = node.tagName
    if (node.hasAttribute('data-list-level')) {
      this.collectWordListItem(node, format, depth)
      return
    }
    if (!BLOCK_TAGS.has(tag)) {
      // An inline element that holds blocks (<b><p>…</p></b>) is a container that formats its blocks.
      if (tag !== 'A' && hasBlockDescendant(node)) {
        this.flush()
        this.walkBlocks(node, format | (FORMAT_OF_TAG[tag] ?? 0), depth)
        this.flush()
        return
      }
      this.flushWordList()
      this.pending.push(...this.inlinesOf(node, format, depth))
      return
    }
    this.flush()
    switch (tag) {
      case 'H1':
      case 'H2':
      case 'H3':
      case 'H4':
      case 'H5':
      case 'H6': {
        const tagName = normalizeHeadingTag(tag.toLowerCase())
        this.emitInline(this.inlinesOf(node, format, depth), (children) => ({ type: 'heading', ...element, tag: tagName, children }))
        break
      }
      case 'P':
      case 'CAPTION':
        this.emitInline(this.inlinesOf(node, format, depth))
        break
      case 'HR':
        this.blocks.push({ type: 'horizontalrule', version: 1 })
        break
      case 'PRE':
        for (const line of (node.textContent ?? '').split(/\r\n|\r|\n/)) this.emitInline([text(line, format)])
        break
      case 'UL':
      case 'OL':
        this.emitList(node, format, depth)
        break
      case 'BLOCKQUOTE':
        this.emitQuote(node, format, depth)
        break
      case 'TABLE':
        this.emitTable(node, format, depth)
        break
      case 'FIGURE':
        this.emitFigure(node, format, depth)
        break
      default:
        // div, li outside a list, table parts outside a table: containers.
        this.walkBlocks(node, format, depth)
    }
    this.flush()
  }

  /** A nested conversion of one element's content, for list items, quotes and table cells. */
  private sub(node: Node, format: number, depth: number): ConvertedBlock[] {
    const converter = new Converter({ allowAssetSources: this.allowAssetSources })
    converter.walkBlocks(node, format, depth)
    converter.flush()
    return converter.blocks
  }

  private emitQuote(node: Element, format: number, depth: number): void {
    for (const block of this.sub(node, format, depth)) {
      if (block.type === 'paragraph' || block.type === 'heading') this.blocks.push({ type: 'quote', ...element, children: block.children })
      else this.blocks.push(block)
    }
  }

  /** One picture with its figcaption becomes a captioned photo; any other figure is a container. */
  private emitFigure(node: Element, format: number, depth: number): void {
    const images = Array.from(node.getElementsByTagName('img'))
    const captions = Array.from(node.children).filter((child) => child.tagName === 'FIGCAPTION')
    const [image] = images
    if (images.length !== 1 || captions.length !== 1 || image === undefined) {
      this.walkBlocks(node, format, depth)
      return
    }
    this.blocks.push({ ...pictureOf(image, this.allowAssetSources), caption: cleanLine(captions[0]?.textContent ?? '') })
  }

  private emitTable(node: Element, format: number, depth: number): void {
    const pictures: PictureRef[] = []
    const rows = Array.from(node.querySelectorAll('tr')).filter((row) => row.closest('table') === node)
    for (const caption of Array.from(node.children).filter((child) => child.tagName === 'CAPTION')) {
      this.emitInline(this.inlinesOf(caption, format, depth))
    }
    for (const row of rows) {
      const cells: ArticleInline[][] = []
      for (const cell of Array.from(row.children).filter((child) => child.tagName === 'TD' || child.tagName === 'TH')) {
        const { inlines, lifted } = flattenBlocks(this.sub(cell, format, depth))
        pictures.push(...lifted)
        if (hasText(inlines)) cells.push(inlines)
      }
      if (cells.length === 0) continue
      const joined = cells.flatMap((cell, index) => (index === 0 ? cell : [text(TABLE_CELL_SEPARATOR), ...cell]))
      this.blocks.push(paragraph(tidyInlines(joined)))
    }
    this.blocks.push(...pictures)
  }

  private emitList(node: Element, format: number, depth: number): void {
    const lifted: ConvertedBlock[] = []
    const list = this.listOf(node, format, depth, lifted)
    if (list) this.blocks.push(list)
    this.blocks.push(...lifted)
  }

  private listOf(node: Element, format: number, depth: number, lifted: ConvertedBlock[]): ArticleList | null {
    const listType = node.tagName === 'OL' ? 'number' : 'bullet'
    const startAttribute = Number(node.getAttribute('start'))
    const start = listType === 'number' && Number.isInteger(startAttribute) && startAttribute >= 1 ? startAttribute : 1
    const items: ArticleListItem[] = []
    const addNested = (nested: ArticleList | null) => {
      if (nested) items.push({ type: 'listitem', ...element, value: 1, children: [nested] })
    }
    let loose: Node[] = []
    const flushLoose = () => {
      if (loose.length === 0) return
      const holder = node.ownerDocument.createElement('li')
      holder.append(...loose.map((child) => child.cloneNode(true)))
      loose = []
      this.listItemOf(holder, format, depth, lifted, items)
    }
    for (const child of Array.from(node.childNodes)) {
      if (isElement(child) && child.tagName === 'LI') {
        flushLoose()
        this.listItemOf(child, format, depth + 1, lifted, items)
      } else if (isElement(child) && (child.tagName === 'UL' || child.tagName === 'OL')) {
        // Google Docs nests a list directly in its parent list, beside the items.
        flushLoose()
        addNested(this.listOf(child, format, depth + 1, lifted))
      } else if (child.nodeType === 3 && (child.nodeValue ?? '').trim() === '') {
        continue
      } else {
        loose.push(child)
      }
    }
    flushLoose()
    if (items.length === 0) return null
    numberItems(items, start)
    return { type: 'list', ...element, listType, start, tag: listType === 'number' ? 'ol' : 'ul', children: items }
  }

  private listItemOf(li: Element, format: number, depth: number, lifted: ConvertedBlock[], items: ArticleListItem[]): void {
    let inline: ArticleInline[] = []
    const finish = () => {
      const tidy = tidyInlines(inline)
      if (hasText(tidy)) items.push({ type: 'listitem', ...element, value: 1, children: tidy })
      inline = []
    }
    let contentNodes: Node[] = []
    const flushContent = () => {
      if (contentNodes.length === 0) return
      const holder = li.ownerDocument.createElement('div')
      holder.append(...contentNodes.map((child) => child.cloneNode(true)))
      contentNodes = []
      const { inlines, lifted: pictures, lists } = flattenBlocks(this.sub(holder, format, depth), true)
      inline = [...inline, ...(inline.length > 0 && inlines.length > 0 ? [{ type: 'linebreak', version: 1 } as const] : []), ...inlines]
      lifted.push(...pictures)
      if (lists.length > 0) {
        finish()
        for (const list of lists) items.push({ type: 'listitem', ...element, value: 1, children: [list] })
      }
    }
    for (const child of Array.from(li.childNodes)) {
      if (isElement(child) && (child.tagName === 'UL' || child.tagName === 'OL')) {
        flushContent()
        finish()
        const nested = this.listOf(child, format, depth + 1, lifted)
        if (nested) items.push({ type: 'listitem', ...element, value: 1, children: [nested] })
      } else {
        contentNodes.push(child)
      }
    }
    flushContent()
    finish()
  }

  // --- Word's list paragraphs -----------------------------------------------------------------

  private collectWordListItem(node: Element, format: number, depth: number): void {
    if (this.pending.length > 0) {
      const inlines = this.pending
      this.pending = []
      this.flushWordList()
      this.emitInline(inlines)
    }
    const collapsed = collapseWhiteSpace(this.inlinesOf(node, format, depth))
    const pictures = collapsed.filter((child): child is PictureRef => child.type === 'picture')
    const inlines = tidyInlines(collapsed.filter((child): child is ArticleInline => child.type !== 'picture'))
    const kind = node.getAttribute('data-list-kind') === 'number' ? 'number' : 'bullet'
    if (hasText(inlines)) {
      this.wordList.push({
        id: node.getAttribute('data-list-id') ?? 'l0',
        level: Math.max(1, Number(node.getAttribute('data-list-level')) || 1),
        kind,
        start: Math.max(1, Number(node.getAttribute('data-list-start')) || 1),
        inlines
      })
    }
    if (pictures.length > 0) {
      this.flushWordList()
      this.blocks.push(...pictures)
    }
  }

  /** Consecutive Word list paragraphs → nested lists: a deeper level opens a list inside the item before. */
  private flushWordList(): void {
    const items = this.wordList
    if (items.length === 0) return
    this.wordList = []
    type Open = { list: ArticleList }
    let stack: Open[] = []
    let currentId = ''
    const newList = (kind: ListKind, start: number): ArticleList => ({
      type: 'list',
      ...element,
      listType: kind,
      start: kind === 'number' ? start : 1,
      tag: kind === 'number' ? 'ol' : 'ul',
      children: []
    })
    const closeAll = () => {
      const root = stack[0]
      if (root) {
        for (const open of stack) numberItems(open.list.children, open.list.start)
        this.blocks.push(root.list)
      }
      stack = []
    }
    for (const item of items) {
      if (item.id !== currentId && item.level === 1) closeAll()
      currentId = item.id
      const level = Math.min(item.level, stack.length + 1)
      while (stack.length > level) stack.pop()
      const top = stack[stack.length - 1]
      if (top && stack.length === level && top.list.listType !== item.kind) {
        // Same level, other kind of list: a list of its own.
        if (stack.length === 1) closeAll()
        else stack.pop()
      }
      while (stack.length < level) {
        const list = newList(item.kind, item.start)
        const parent = stack[stack.length - 1]
        if (parent) parent.list.children.push({ type: 'listitem', ...element, value: 1, children: [list] })
        stack.push({ list })
      }
      const target = stack[stack.length - 1]
      target?.list.children.push({ type: 'listitem', ...element, value: 1, children: item.inlines })
    }
    closeAll()
  }
}

/** Lexical counts a list's items from its start, skipping the items that only hold a nested list. */
function numberItems(items: ArticleListItem[], start: number): void {
  let value = start
  for (const item of items) {
    item.value = value
    if (!(item.children.length === 1 && item.children[0]?.type === 'list')) value++
  }
}

/**
 * The text of blocks run together as one line (table cells, list items): blocks are separated by a
 * space (or a line break in a list item), pictures are handed back to be placed after the container.
 */
function flattenBlocks(
  blocks: ConvertedBlock[],
  keepLists = false
): { inlines: ArticleInline[]; lifted: PictureRef[]; lists: ArticleList[] } {
  const inlines: ArticleInline[] = []
  const lifted: PictureRef[] = []
  const lists: ArticleList[] = []
  const append = (children: readonly ArticleInline[], separator: ArticleInline) => {
    if (children.length === 0) return
    if (inlines.length > 0) inlines.push(separator)
    inlines.push(...children)
  }
  const listText = (list: ArticleList): ArticleInline[] =>
    list.children.flatMap((item) => item.children.flatMap((child) => (child.type === 'list' ? listText(child) : [child, text(' ')])))
  for (const block of blocks) {
    const separator: ArticleInline = keepLists ? { type: 'linebreak', version: 1 } : text(' ')
    if (block.type === 'picture') lifted.push(block)
    else if (block.type === 'paragraph' || block.type === 'heading' || block.type === 'quote') append(block.children, separator)
    else if (block.type === 'list') {
      if (keepLists) lists.push(block)
      else append(listText(block), separator)
    }
  }
  return { inlines: tidyInlines(collapseWhiteSpace(inlines) as ArticleInline[]), lifted, lists }
}

/** Parses sanitized HTML in a document that runs nothing and loads nothing, and converts its body. */
export function htmlToBlocks(sanitizedHtml: string, options: HtmlToBlocksOptions = {}): ConvertedBlock[] {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${sanitizedHtml}</body>`, 'text/html')
  return new Converter(options).result(doc.body)
}

/** Text a person pastes with Ctrl/Cmd+Shift+V: one paragraph per line, tabs kept, blank lines dropped. */
export function plainTextToBlocks(value: string): ArticleParagraph[] {
  return cleanText(value)
    .split('\n')
    .map((line) => line.replace(/[ \u00a0]+$/, ''))
    .filter((line) => line.trim() !== '')
    .map((line) =>
      paragraph(
        line.split('\t').flatMap((part, index): ArticleInline[] => [
          ...(index > 0 ? [{ type: 'tab', version: 1 } as const] : []),
          ...(part === '' ? [] : [text(part)])
        ])
      )
    )
}
