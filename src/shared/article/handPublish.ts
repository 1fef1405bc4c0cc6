import type { ArticleMetadata } from '../model/metadata'
import { formatCreditLine } from './creditLine'
import { sanitizeArticleBody, type AssetId } from './schema'
import { articleToHtml, escapeHtml, type Article } from './toHtml'

/*
 * 手动发布: what the person pastes into a school back end without an API (博达 VSB, 苏迪 WebPlus, 大汉 JCMS,
 * DedeCMS). Their editors (UEditor, KindEditor, CKEditor 4) keep inline styles on p and drop figure/figcaption,
 * so the body uses styled paragraphs: a first-line indent of two characters for text, centred photo placeholders
 * 【图1】 and captions, the credit line last. The photos themselves are exported to a folder and uploaded by hand
 * at their placeholders.
 */

export const HAND_FIELDS = ['title', 'subtitle', 'authors', 'source', 'photographers', 'publishAt', 'summary', 'keywords'] as const
export type HandField = (typeof HAND_FIELDS)[number]

export type HandPhoto = { number: number; assetId: AssetId; caption: string; credit: string }

export type HandPublishCopy = {
  fields: { field: HandField; value: string }[]
  html: string
  text: string
  photos: HandPhoto[]
}

const PLACEHOLDER_HOST = 'https://newsroom-photo.invalid/'
const INDENT = 'text-indent: 2em;'
const CENTRE = 'text-align: center;'

/** 2026-11-20 14:30 in the school's time zone (what back ends' date fields take). */
export function backEndTime(iso: string | null, timeZone = 'Asia/Shanghai'): string {
  if (iso === null) return ''
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value])
  )
  return `${parts.year ?? ''}-${parts.month ?? ''}-${parts.day ?? ''} ${parts.hour ?? ''}:${parts.minute ?? ''}`
}

function fieldsOf(metadata: ArticleMetadata): HandPublishCopy['fields'] {
  const values: Record<HandField, string> = {
    title: metadata.title.trim(),
    subtitle: metadata.subtitle.trim(),
    authors: metadata.authors.join('、'),
    source: metadata.sourceDepartment.trim(),
    photographers: metadata.photographers.join('、'),
    publishAt: backEndTime(metadata.publishAt),
    summary: metadata.summary.trim(),
    keywords: metadata.tags.join(',')
  }
  return HAND_FIELDS.map((field) => ({ field, value: values[field] }))
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" }
const unescape = (html: string) => html.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)

/** Our serializer's own, escaped output line by line: no hostile markup reaches this, so no parser is needed. */
function textOf(html: string): string {
  const lines: string[] = []
  const lists: { ordered: boolean; next: number }[] = []
  for (const line of html.split('\n')) {
    const opened = /^<(ol|ul)(?: start="(\d+)")?>$/.exec(line)
    if (opened !== null) {
      lists.push({ ordered: opened[1] === 'ol', next: Number(opened[2] ?? '1') })
      continue
    }
    if (/^<\/(ol|ul)>/.test(line)) lists.pop()
    const list = lists[lists.length - 1]
    const bullet = line.startsWith('<li>') && list !== undefined ? (list.ordered ? `${String(list.next++)}. ` : '· ') : ''
    const indent = line.startsWith(`<p style="${INDENT}">`) ? '　　' : ''
    const text = unescape(line.replace(/<br>/g, '\n').replace(/<[^>]+>/g, '')).trim()
    if (text !== '') lines.push(`${indent}${bullet}${text}`)
  }
  return lines.join('\n\n')
}

/** The body as the back end's editor should receive it, and as plain text for editors that strip HTML. */
export function handPublishCopy(article: Article): HandPublishCopy {
  const photos: HandPhoto[] = []
  const byAsset = new Map<string, { caption: string; credit: string }>()
  for (const block of sanitizeArticleBody(article.body).body.root.children) {
    if (block.type === 'image') byAsset.set(block.assetId, { caption: block.caption, credit: block.credit })
    if (block.type === 'gallery') for (const image of block.images) byAsset.set(image.assetId, { caption: image.caption, credit: image.credit })
  }
  const rendered = articleToHtml(
    article,
    (assetId) => {
      const photo = byAsset.get(assetId) ?? { caption: '', credit: '' }
      photos.push({ number: photos.length + 1, assetId, ...photo })
      return `${PLACEHOLDER_HOST}${String(photos.length)}`
    },
    { creditLine: false }
  )
  const html = rendered
    // Galleries are a figure of figures: the outer one goes, each photo becomes its own placeholder.
    .replace(/^<figure>\n(?=<figure>)/gm, '')
    .replace(/(<\/figure>)\n<\/figure>$/gm, '$1')
    .replace(/<figure><img src="https:\/\/newsroom-photo\.invalid\/(\d+)" alt="[^"]*">(?:<figcaption>(.*?)<\/figcaption>)?<\/figure>/g, (_, n: string, caption?: string) =>
      [`<p style="${CENTRE}">【图${n}】</p>`, caption === undefined ? '' : `<p style="${CENTRE}">${caption}</p>`].filter((p) => p !== '').join('\n')
    )
    .replace(/^<p>/gm, `<p style="${INDENT}">`)
  const credit = formatCreditLine(article.metadata, article.creditLine ?? {})
  const withCredit = credit === '' ? html : `${html}\n<p style="text-align: right;">${escapeHtml(credit)}</p>`
  return { fields: fieldsOf(article.metadata), html: withCredit, text: textOf(withCredit), photos }
}

/** What changed since the last hand-publish (再次发布): the fields and the body paragraphs, in the person's words. */
export type HandChange = { part: HandField | 'body'; before: string; after: string }

export function handChanges(previous: Pick<HandPublishCopy, 'fields' | 'text'>, current: Pick<HandPublishCopy, 'fields' | 'text'>): HandChange[] {
  const changes: HandChange[] = []
  for (const { field, value } of current.fields) {
    const before = previous.fields.find((f) => f.field === field)?.value ?? ''
    if (before !== value) changes.push({ part: field, before, after: value })
  }
  const beforeLines = previous.text.split('\n\n')
  const afterLines = current.text.split('\n\n')
  const kept = new Set(beforeLines)
  const still = new Set(afterLines)
  for (const line of beforeLines) if (!still.has(line)) changes.push({ part: 'body', before: line, after: '' })
  for (const line of afterLines) if (!kept.has(line)) changes.push({ part: 'body', before: '', after: line })
  return changes
}
