import type { ChineseScript } from '../article/creditLine'
import type { ArticleBody } from '../model/draft'
import type { ArticleMetadata } from '../model/metadata'
import type { OfficeDirectory } from '../model/directory'
import type { CheckSettings } from './settings'
import type { CheckInput, CheckLink, CheckOptions, CheckPhoto, CheckSegment } from './types'

/**
 * A stored draft as the engine's input, the way the editor's flattening (renderer/checks/articleSegments.ts)
 * builds it from the live editor: 标题, 副标题, one segment per body block with each non-empty 图注 in reading
 * order, 摘要, the credit line. Main checks the draft it stores with this, so what the gate finds is what the
 * writer saw; a test holds the two to the same segments.
 */

/** What the engine is told about the office: its ranked and titled people, and the 检查 settings. */
export function checkOptionsOf(
  directory: OfficeDirectory | null,
  checks: CheckSettings,
  publishAt: string | null,
  creditScript: ChineseScript = 'simplified'
): CheckOptions {
  return {
    people: (directory?.people ?? []).filter((person) => person.titles.length > 0 || person.rank !== null).map(({ name, titles, rank }) => ({ name, titles, rank })),
    words: checks.words,
    ownDomains: checks.ownDomains,
    titleMax: checks.titleMax,
    summaryRequired: checks.summaryRequired,
    minPhotoWidth: checks.minPhotoWidth,
    variants: checks.variants,
    publishAt,
    wechat: checks.wechat ?? false,
    creditScript
  }
}

export interface DraftCheckSource {
  title: string
  body: ArticleBody | null
  metadata: Pick<ArticleMetadata, 'subtitle' | 'summary' | 'photographers' | 'publishAt'>
}

export interface CheckSourceContext {
  directory: OfficeDirectory | null
  checks: CheckSettings
  /** The credit line as the article shows it (formatCreditLine with the office's template). */
  creditLine: string
  /** The script the credit line was written in (Settings.creditScript). */
  creditScript?: ChineseScript
  /** Pixel size of a stored photo; null when the asset is missing (the size rule then skips it). */
  photoSize(assetId: string): { width: number; height: number } | null
}

interface JsonNode {
  type?: unknown
  text?: unknown
  url?: unknown
  children?: unknown
  assetId?: unknown
  caption?: unknown
  credit?: unknown
  images?: unknown
}

const INLINE_ELEMENTS = new Set(['link', 'autolink'])
const str = (value: unknown) => (typeof value === 'string' ? value : '')

export function checkInputOf(draft: DraftCheckSource, context: CheckSourceContext): CheckInput {
  const body: CheckSegment[] = []
  const photos: CheckPhoto[] = []
  const bodyLinks: CheckLink[] = []
  const creditFallback = draft.metadata.photographers.join('、')

  const addPhoto = (key: string, photo: JsonNode) => {
    const caption = str(photo.caption)
    const size = context.photoSize(str(photo.assetId)) ?? { width: 0, height: 0 }
    photos.push({ key, caption, photographer: str(photo.credit) || creditFallback, ...size })
    if (caption.trim() !== '') body.push({ field: 'caption', key, text: caption })
  }

  const visitBlock = (block: JsonNode, key: string, isRoot: boolean) => {
    let text = ''
    let hasText = false
    const hrefs: { href: string; start: number; end: number }[] = []
    const at = body.length
    const visitInline = (element: JsonNode, path: string) => {
      const children = Array.isArray(element.children) ? (element.children as JsonNode[]) : []
      children.forEach((child, i) => {
        const childKey = `${path}.${i}`
        if (child.type === 'text' || child.type === 'tab') {
          text += child.type === 'tab' ? '\t' : str(child.text)
          hasText = true
        } else if (child.type === 'linebreak') {
          text += '\n'
          hasText = true
        } else if (typeof child.type === 'string' && INLINE_ELEMENTS.has(child.type)) {
          const start = text.length
          visitInline(child, childKey)
          hrefs.push({ href: str(child.url), start, end: text.length })
        } else if (child.type === 'image') addPhoto(childKey, child)
        else if (child.type === 'gallery') (Array.isArray(child.images) ? (child.images as JsonNode[]) : []).forEach((photo, n) => addPhoto(`${childKey}#${n}`, photo))
        else if (Array.isArray(child.children)) visitBlock(child, childKey, false)
      })
    }
    visitInline(block, key)
    if (isRoot) return
    if (!hasText && block.type !== 'paragraph') return
    body.splice(at, 0, { field: 'body', key, text })
    for (const link of bodyLinks) if (link.segment >= at) link.segment += 1
    for (const link of hrefs) bodyLinks.push({ segment: at, ...link })
  }
  if (draft.body) visitBlock(draft.body.root as JsonNode, 'b', true)

  const segments: CheckSegment[] = []
  const field = (name: CheckSegment['field'], text: string) => {
    if (text.trim() === '' && name !== 'title') return
    segments.push({ field: name, key: name, text })
  }
  field('title', draft.title)
  field('subtitle', draft.metadata.subtitle)
  const offset = segments.length
  segments.push(...body)
  field('summary', draft.metadata.summary)
  field('credit', context.creditLine)
  return {
    segments,
    photos,
    links: bodyLinks.map((link) => ({ ...link, segment: link.segment + offset })),
    options: checkOptionsOf(context.directory, context.checks, draft.metadata.publishAt, context.creditScript)
  }
}
