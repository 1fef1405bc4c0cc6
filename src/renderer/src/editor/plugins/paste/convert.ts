import {
  sanitizeArticleBody,
  type ArticleBlock,
  type ArticleInline,
  type ArticleList,
  type ArticleParagraph
} from '../../../../../shared/article/schema'
import { htmlToBlocks, type ConvertedBlock } from './htmlToBlocks'
import { placePictures, storeWordClips, wordClipUrls, type PictureServices, type PictureWords, type ResolvedBlocks } from './pictures'
import { prepareClipboardHtml } from './prepareHtml'
import { sanitizeClipboardHtml } from './sanitizeHtml'

/**
 * The one pipeline from outside HTML to article blocks, shared by paste and .docx import:
 * read Word's and Google Docs' styles → DOMPurify → our walk to the closed schema → pictures → the schema
 * check again (sanitizeArticleBody) → only node types the editor has registered.
 */

export type HtmlSource = 'clipboard' | 'docx'

/** Steps 1–3, synchronous: what a paste without Word clipboard pictures needs. */
export function convertHtml(html: string, source: HtmlSource): ConvertedBlock[] {
  const allowAssetSources = source === 'docx'
  const prepared = prepareClipboardHtml(html)
  return htmlToBlocks(sanitizeClipboardHtml(prepared, { allowAssetSources }), { allowAssetSources })
}

function paragraphOf(children: ArticleInline[]): ArticleParagraph {
  return { type: 'paragraph', version: 1, direction: null, format: '', indent: 0, children }
}

function unlink(inlines: readonly ArticleInline[]): ArticleInline[] {
  return inlines.flatMap((node) => (node.type === 'link' || node.type === 'autolink' ? node.children : [node]))
}

function listAsParagraphs(list: ArticleList): ArticleParagraph[] {
  return list.children.flatMap((item) => {
    const nested = item.children.filter((child): child is ArticleList => child.type === 'list')
    const inline = item.children.filter((child): child is ArticleInline => child.type !== 'list')
    return [...(inline.length > 0 ? [paragraphOf(inline)] : []), ...nested.flatMap(listAsParagraphs)]
  })
}

/**
 * The blocks in the closed schema, using only node types `registered` holds: a body the editor cannot
 * parse would not open again. Lists fall back to paragraphs, links to their text, pictures to their
 * placeholder text; nothing that was text is lost.
 */
export function enforceArticleSchema(blocks: readonly ArticleBlock[], registered: ReadonlySet<string>, words: PictureWords): ArticleBlock[] {
  const strict = sanitizeArticleBody({ root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: blocks } }).body
  const links = registered.has('link')
  const fixInlines = (inlines: ArticleInline[]) => (links ? inlines : unlink(inlines))
  const fixList = (list: ArticleList): ArticleList => ({
    ...list,
    children: list.children.map((item) => ({
      ...item,
      children: item.children.flatMap((child): (ArticleInline | ArticleList)[] => (child.type === 'list' ? [fixList(child)] : fixInlines([child])))
    }))
  })
  return strict.root.children.flatMap((block): ArticleBlock[] => {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
      case 'quote':
        return [{ ...block, children: fixInlines(block.children) }]
      case 'list':
        return registered.has('list') && registered.has('listitem') ? [fixList(block)] : listAsParagraphs(fixList(block))
      case 'horizontalrule':
        return registered.has('horizontalrule') ? [block] : []
      case 'image':
        return registered.has('image')
          ? [block]
          : [paragraphOf([{ type: 'text', version: 1, text: words.placeholder(block.alt || words.unnamed, 'failed'), format: 0 }])]
      case 'gallery':
        return registered.has('gallery') ? [block] : []
    }
  })
}

export type ConvertedArticle = ResolvedBlocks

/** The whole pipeline; main is asked to store Word clipboard pictures when there are any. */
export async function convertHtmlToArticle(
  html: string,
  options: { source: HtmlSource; services: PictureServices | null; words: PictureWords; registered: ReadonlySet<string> }
): Promise<ConvertedArticle> {
  const converted = convertHtml(html, options.source)
  const urls = wordClipUrls(converted)
  const clips = urls.length > 0 && options.services ? await storeWordClips(urls, options.services) : new Map()
  const placed = placePictures(converted, clips, options.words)
  return { ...placed, blocks: enforceArticleSchema(placed.blocks, options.registered, options.words) }
}
