import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  TextRun,
  type ILevelsOptions,
  type IRunOptions,
  type NumberingDefinition,
  type ParagraphChild
} from 'docx'
import { formatCreditLine, formatEditorLine, type EditorLineLocale } from '../../../shared/article/creditLine'
import {
  cleanText,
  safeLinkHref,
  sanitizeArticleBody,
  TEXT_FORMAT,
  type ArticleBlock,
  type ArticleInline,
  type ArticleList,
  type ArticlePhoto,
  type AssetId
} from '../../../shared/article/schema'
import { altTextOf, type Article } from '../../../shared/article/toHtml'
import { withFontFallbacks } from './docxFonts'

/** A picture ready for Word: PNG, JPEG or GIF bytes and the size it is seen at (upright). */
export type DocxPicture = { type: 'jpg' | 'png' | 'gif'; data: Uint8Array; width: number; height: number }

export type DocxOptions = {
  locale?: EditorLineLocale
  timeZone?: string
}

// A4 with 2.54 cm margins: 11906 − 2 × 1440 twips of text width, at 15 twips to the pixel.
const PAGE_WIDTH_TWIPS = 11906
const PAGE_HEIGHT_TWIPS = 16838
const MARGIN_TWIPS = 1440
export const TEXT_WIDTH_PX = Math.floor((PAGE_WIDTH_TWIPS - 2 * MARGIN_TWIPS) / 15)
export const TEXT_HEIGHT_PX = Math.floor((PAGE_HEIGHT_TWIPS - 2 * MARGIN_TWIPS) / 15)
/** A portrait photo at full width fills a page and pushes its caption over; at 60% both fit with text around. */
export const PHOTO_MAX_HEIGHT_PX = Math.round(TEXT_HEIGHT_PX * 0.6)

/**
 * The paragraph styles the export gives the parts around the body, by name: importing the file finds them
 * again (see DOCX_STYLE_MAP in docxImport), and an office can restyle them all at once in Word.
 */
export const NEWSROOM_STYLES = {
  column: { id: 'NewsroomColumn', name: 'Newsroom Column' },
  subtitle: { id: 'NewsroomSubtitle', name: 'Newsroom Subtitle' },
  editorLine: { id: 'NewsroomEditorLine', name: 'Newsroom Editor Line' },
  caption: { id: 'NewsroomCaption', name: 'Newsroom Caption' },
  creditLine: { id: 'NewsroomCreditLine', name: 'Newsroom Credit Line' }
} as const

/**
 * A custom document property holding the article's metadata and the credit line it was rendered to: importing
 * the file restores the people from it while the credit line in the text is still that one (not edited in Word).
 */
export const ARTICLE_PROPERTY = 'NewsroomArticle'
export type ArticleProperty = { version: 1; metadata: Article['metadata']; creditLine: string }

const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' }
const HEADING_FONT = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '黑体', cs: 'Arial' }
const GREY = '666666'
/** 小四 (12 pt) body, in half-points as Word counts. */
const BODY_SIZE = 24
const FIRST_LINE_INDENT = { firstLineChars: 200, firstLine: 2 * BODY_SIZE * 10 }

const BULLETS = ['●', '○', '■']
type NumberShape = { format: (typeof LevelFormat)[keyof typeof LevelFormat]; text: (level: number) => string }
const DECIMAL: NumberShape = { format: LevelFormat.DECIMAL, text: (l) => `%${l + 1}.` }
const NUMBER_FORMATS: NumberShape[] = [
  DECIMAL,
  { format: LevelFormat.DECIMAL, text: (l) => `(%${l + 1})` },
  { format: LevelFormat.LOWER_LETTER, text: (l) => `%${l + 1})` }
]
const LIST_LEVELS = 9

function levels(kind: 'bullet' | 'number', start: number): ILevelsOptions[] {
  return Array.from({ length: LIST_LEVELS }, (_, level) => {
    const indent = { left: 720 + level * 420, hanging: 360 }
    if (kind === 'bullet') {
      return {
        level,
        format: LevelFormat.BULLET,
        text: BULLETS[level % BULLETS.length] ?? '●',
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent }, run: { font: BODY_FONT } }
      }
    }
    const shape = NUMBER_FORMATS[level % NUMBER_FORMATS.length] ?? DECIMAL
    return {
      level,
      format: shape.format,
      text: shape.text(level),
      start: level === 0 ? start : 1,
      alignment: AlignmentType.LEFT,
      style: { paragraph: { indent } }
    }
  })
}

type RunFormat = Pick<IRunOptions, 'bold' | 'italics' | 'underline' | 'strike' | 'color' | 'style'>

function formatOf(bits: number): RunFormat {
  return {
    ...(bits & TEXT_FORMAT.bold ? { bold: true } : {}),
    ...(bits & TEXT_FORMAT.italic ? { italics: true } : {}),
    ...(bits & TEXT_FORMAT.underline ? { underline: {} } : {}),
    ...(bits & TEXT_FORMAT.strikethrough ? { strike: true } : {})
  }
}

/** Text with its line breaks as Word breaks, in runs that share one format. */
function textRuns(text: string, format: RunFormat): TextRun[] {
  return cleanText(text)
    .split('\n')
    .map((line, index) => new TextRun({ ...format, text: line, ...(index > 0 ? { break: 1 } : {}) }))
}

function inlineChildren(nodes: readonly ArticleInline[], extra: RunFormat = {}): ParagraphChild[] {
  const out: ParagraphChild[] = []
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out.push(...textRuns(node.text, { ...formatOf(node.format), ...extra }))
        break
      case 'linebreak':
        out.push(new TextRun({ ...extra, break: 1 }))
        break
      case 'tab':
        out.push(new TextRun({ ...extra, children: [new Tab()] }))
        break
      case 'link':
      case 'autolink': {
        const href = safeLinkHref(node.url)
        if (href === null || (node.type === 'autolink' && node.isUnlinked)) {
          out.push(...inlineChildren(node.children, extra))
        } else {
          out.push(new ExternalHyperlink({ link: href, children: inlineChildren(node.children, { ...extra, style: 'Hyperlink' }) }))
        }
        break
      }
    }
  }
  return out
}

function hasText(nodes: readonly ArticleInline[]): boolean {
  return nodes.some((node) => node.type === 'linebreak' || node.type === 'tab' || (node.type === 'text' ? node.text.trim() !== '' : hasText(node.children)))
}

type BuildContext = {
  picture(assetId: AssetId): DocxPicture | null
  numbering: Map<string, NumberingDefinition>
  nextListInstance: number
}

function listReference(ctx: BuildContext, list: ArticleList): string {
  const reference = list.listType === 'bullet' ? 'article-bullet' : `article-number-${list.start}`
  if (!ctx.numbering.has(reference)) ctx.numbering.set(reference, { reference, levels: levels(list.listType, list.start) })
  return reference
}

/** One paragraph per item; a nested list goes one level deeper and restarts its numbering. */
function listParagraphs(list: ArticleList, level: number, ctx: BuildContext): Paragraph[] {
  const reference = listReference(ctx, list)
  const instance = ctx.nextListInstance++
  const out: Paragraph[] = []
  for (const item of list.children) {
    let inline: ArticleInline[] = []
    const nested: ArticleList[] = []
    for (const child of item.children) {
      if (child.type === 'list') nested.push(child)
      else inline = [...inline, child]
    }
    if (hasText(inline)) {
      out.push(
        new Paragraph({
          children: inlineChildren(inline),
          numbering: { reference, level: Math.min(level, LIST_LEVELS - 1), instance },
          alignment: AlignmentType.LEFT
        })
      )
    }
    for (const child of nested) out.push(...listParagraphs(child, level + 1, ctx))
  }
  return out
}

/** Scaled down to the text width and PHOTO_MAX_HEIGHT_PX, never up; the aspect ratio is kept. */
export function fitToWidth(width: number, height: number, maxWidth = TEXT_WIDTH_PX, maxHeight = PHOTO_MAX_HEIGHT_PX): { width: number; height: number } {
  if (width <= 0 || height <= 0) return { width: maxWidth, height: Math.round((maxWidth * 3) / 4) }
  const scale = Math.min(1, maxWidth / width, maxHeight / height)
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}

function captionParagraph(text: string): Paragraph {
  return new Paragraph({ style: NEWSROOM_STYLES.caption.id, children: [new TextRun({ text })] })
}

function photoParagraphs(photo: ArticlePhoto, ctx: BuildContext, maxWidth: number): Paragraph[] {
  const picture = ctx.picture(photo.assetId)
  const caption = photo.caption.trim()
  if (!picture) return caption === '' ? [] : [new Paragraph({ indent: FIRST_LINE_INDENT, children: textRuns(caption, {}) })]
  const size = fitToWidth(picture.width, picture.height, maxWidth)
  const image = new ImageRun({
    type: picture.type,
    data: picture.data,
    transformation: size,
    altText: { name: altTextOf(photo), description: altTextOf(photo), title: caption }
  })
  // keepNext: the caption never starts the next page without its photo.
  const out = [new Paragraph({ alignment: AlignmentType.CENTER, keepNext: caption !== '', keepLines: true, spacing: { before: 120, after: caption === '' ? 240 : 0 }, children: [image] })]
  if (caption !== '') out.push(captionParagraph(caption))
  return out
}

function blockParagraphs(block: ArticleBlock, ctx: BuildContext): Paragraph[] {
  switch (block.type) {
    case 'paragraph':
      return hasText(block.children) ? [new Paragraph({ indent: FIRST_LINE_INDENT, children: inlineChildren(block.children) })] : []
    case 'heading':
      if (!hasText(block.children)) return []
      return [new Paragraph({ heading: block.tag === 'h2' ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, children: inlineChildren(block.children) })]
    case 'quote':
      if (!hasText(block.children)) return []
      return [
        new Paragraph({
          style: 'Quote',
          indent: { left: 720, right: 720 },
          children: inlineChildren(block.children, { italics: true, color: '444444' })
        })
      ]
    case 'list':
      return listParagraphs(block, 0, ctx)
    case 'horizontalrule':
      return [new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'BBBBBB', space: 1 } }, children: [] })]
    case 'image':
      return photoParagraphs(block, ctx, TEXT_WIDTH_PX)
    case 'gallery':
      // Word has no side-by-side figure short of a table; photos one under another read fine on paper.
      return block.images.flatMap((photo) => photoParagraphs(photo, ctx, Math.round(TEXT_WIDTH_PX * 0.8)))
  }
}

function headerParagraphs(article: Article, options: DocxOptions): Paragraph[] {
  const { metadata } = article
  const out: Paragraph[] = []
  const column = metadata.column.trim()
  const title = metadata.title.trim()
  const subtitle = metadata.subtitle.trim()
  const editorLine = formatEditorLine(metadata, options.locale ?? article.locale ?? 'zh-CN', options.timeZone === undefined ? {} : { timeZone: options.timeZone })
  if (column !== '') {
    out.push(new Paragraph({ style: NEWSROOM_STYLES.column.id, children: [new TextRun({ text: column })] }))
  }
  if (title !== '') out.push(new Paragraph({ heading: HeadingLevel.TITLE, children: textRuns(title, {}) }))
  if (subtitle !== '') {
    out.push(new Paragraph({ style: NEWSROOM_STYLES.subtitle.id, children: [new TextRun({ text: subtitle })] }))
  }
  if (editorLine !== '') {
    out.push(new Paragraph({ style: NEWSROOM_STYLES.editorLine.id, children: [new TextRun({ text: editorLine })] }))
  }
  return out
}

/**
 * The article as a Word document: the same parts, in the same order, as articleToHtml with `header: true`
 * (column, title, subtitle, editor line, body, credit line). `picture` gives the bytes of a stored image,
 * or null when it is missing: the image is then left out and its caption kept, as on the site.
 */
export async function articleToDocx(article: Article, picture: (assetId: AssetId) => DocxPicture | null, options: DocxOptions = {}): Promise<Buffer> {
  const body = sanitizeArticleBody(article.body).body
  const ctx: BuildContext = { picture, numbering: new Map(), nextListInstance: 1 }
  const children = [...headerParagraphs(article, options), ...body.root.children.flatMap((block) => blockParagraphs(block, ctx))]
  const credit = formatCreditLine(article.metadata, article.creditLine)
  if (credit !== '') {
    children.push(new Paragraph({ style: NEWSROOM_STYLES.creditLine.id, children: [new TextRun({ text: credit })] }))
  }
  const document = new Document({
    title: article.metadata.title,
    creator: 'Campus Newsroom',
    customProperties: [{ name: ARTICLE_PROPERTY, value: JSON.stringify({ version: 1, metadata: article.metadata, creditLine: credit } satisfies ArticleProperty) }],
    styles: {
      default: {
        document: {
          run: { font: BODY_FONT, size: BODY_SIZE, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          // lineRule auto: 360 is 1.5 lines. Without it LibreOffice reads an exact 18 pt, and photos become thin strips.
          paragraph: { spacing: { line: 360, lineRule: LineRuleType.AUTO, after: 120 }, alignment: AlignmentType.JUSTIFIED }
        },
        title: {
          run: { font: HEADING_FONT, size: 36, bold: true, color: '222222' },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 160, line: 400, lineRule: LineRuleType.AUTO } }
        },
        heading2: {
          run: { font: HEADING_FONT, size: 28, bold: true, color: '222222' },
          paragraph: { spacing: { before: 240, after: 120 }, keepNext: true }
        },
        heading3: {
          run: { font: HEADING_FONT, size: BODY_SIZE, bold: true, color: '222222' },
          paragraph: { spacing: { before: 200, after: 100 }, keepNext: true }
        }
      },
      paragraphStyles: [
        { id: 'Quote', name: 'Quote', basedOn: 'Normal', run: { italics: true }, paragraph: { indent: { left: 720, right: 720 } } },
        { ...NEWSROOM_STYLES.column, basedOn: 'Normal', run: { size: 21, color: '9E1B1E', bold: true }, paragraph: { spacing: { after: 240 }, alignment: AlignmentType.LEFT } },
        { ...NEWSROOM_STYLES.subtitle, basedOn: 'Normal', run: { size: 28, font: HEADING_FONT }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 120 } } },
        {
          ...NEWSROOM_STYLES.editorLine,
          basedOn: 'Normal',
          run: { size: 21, color: GREY },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 360 }, border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: 'DDDDDD', space: 8 } } }
        },
        { ...NEWSROOM_STYLES.caption, basedOn: 'Normal', run: { size: 18, color: GREY }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 60, after: 240 } } },
        { ...NEWSROOM_STYLES.creditLine, basedOn: 'Normal', run: { color: '444444' }, paragraph: { alignment: AlignmentType.RIGHT, spacing: { before: 360 } } }
      ]
    },
    numbering: { config: [...ctx.numbering.values()] },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_WIDTH_TWIPS, height: PAGE_HEIGHT_TWIPS },
            margin: { top: MARGIN_TWIPS, bottom: MARGIN_TWIPS, left: MARGIN_TWIPS, right: MARGIN_TWIPS }
          }
        },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ size: 18, color: GREY, children: ['— ', PageNumber.CURRENT, ' —'] })] })]
          })
        },
        children
      }
    ]
  })
  return withFontFallbacks(await Packer.toBuffer(document))
}
