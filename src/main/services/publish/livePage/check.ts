import { Parser } from 'htmlparser2'
import type { LivePageFinding, LivePageVerdict, PageFamily } from '../../../../shared/model/publish'
import { blockedBy } from './challenge'
import { articleAreaFamily, BLOCK_TAGS, familyFromTrace } from './pageFamily'

/*
 * The live-page check: compares the page a site serves with what we sent. The page is hostile input (the
 * school's site once carried injected spam links), so it is parsed by htmlparser2 in one streaming pass:
 * linear in the page's size whatever its tags, entities decoded the way browsers do, script and style bodies
 * kept out of the text. This module is pure; the app runs it in a worker thread (worker.ts, checker.ts).
 *
 * Inside the article area everything must be ours: a link, script or frame the article did not carry is
 * flagged. Outside it the school's template has links and scripts of its own (友情链接, 备案, click counters),
 * so those are compared with a baseline the person accepted at the first check, and only what is new is
 * flagged.
 */

const RAW_TEXT = new Set(['script', 'style', 'template', 'noscript'])
const PARAGRAPH_TAGS = new Set(['p', 'h2', 'h3', 'li', 'figcaption'])
/** Element ranges the generic fallback keeps: enough for any real template; a spam page of millions stops here. */
const MAX_BLOCKS = 50_000
/** Baseline entries kept per list: a real template has tens; a spammed one is capped, not stored whole. */
export const MAX_BASELINE_ITEMS = 2000
export const MAX_FINDINGS = 200

/**
 * Text as compared: WordPress's texturize turns quotes, dashes and dots typographic, and themes wrap lines;
 * none of that should count as a missing paragraph.
 */
export function comparableText(text: string): string {
  return text
    .replace(/[‘’‚′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/[–—]|-{2,3}/g, '-')
    .replace(/…/g, '...')
    .replace(/×/g, 'x')
    .replace(/[\s\u3000]+/g, '')
}

/** `inline`: a script's body rather than its address. */
type Item = { kind: 'link' | 'script' | 'iframe' | 'img'; value: string; inline?: true }
type Range = { textStart: number; textEnd: number; itemStart: number; itemEnd: number }
type Open = Range & { name: string; area: PageFamily | null; generic: 'article' | 'main' | null }

type PageParts = {
  /** Visible text chunks, each made comparable. */
  chunks: string[]
  items: Item[]
  /** Platform areas (earliest first), generic article/main, and block elements for the located fallback. */
  areas: (Range & { family: PageFamily })[]
  generic: { article: Range | null; main: Range | null }
  blocks: Range[]
  inlineScripts: string
  traces: PageFamily | null
}

/** One pass over the page: visible text, links/scripts/frames/images in order, and element ranges over both. */
export function pageParts(html: string): PageParts {
  const chunks: string[] = []
  const items: Item[] = []
  const areas: PageParts['areas'] = []
  const generic: PageParts['generic'] = { article: null, main: null }
  const blocks: Range[] = []
  const stack: Open[] = []
  const inline: string[] = []
  let inlineChars = 0
  let traces: PageFamily | null = null
  let rawDepth = 0
  let script: Item | null = null
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (RAW_TEXT.has(name)) rawDepth++
        const role = attributes.role === 'main' ? 'main' : null
        stack.push({
          name,
          textStart: chunks.length,
          textEnd: -1,
          itemStart: items.length,
          itemEnd: -1,
          area: articleAreaFamily(attributes),
          generic: name === 'article' ? 'article' : name === 'main' ? 'main' : role
        })
        const src = (attributes.src ?? '').trim()
        if (name === 'a' && attributes.href !== undefined) items.push({ kind: 'link', value: attributes.href.trim() })
        if (name === 'iframe' || name === 'frame' || name === 'embed' || name === 'object') items.push({ kind: 'iframe', value: src || (attributes.data ?? name) })
        if (name === 'img') items.push({ kind: 'img', value: src })
        if (name === 'script') {
          const item: Item = src === '' ? { kind: 'script', value: '', inline: true } : { kind: 'script', value: src }
          items.push(item)
          script = src === '' ? item : null
        }
        traces ??= src === '' ? (name === 'meta' ? familyFromTrace(attributes.content ?? '') : null) : familyFromTrace(src)
      },
      ontext(chunk) {
        if (script !== null) {
          // Enough to tell one inline script from another; a megabyte of script is not kept whole.
          if (script.value.length < 2000) script.value += chunk
          if (inlineChars < 65_536) {
            inline.push(chunk)
            inlineChars += chunk.length
          }
          traces ??= familyFromTrace(chunk)
        }
        if (rawDepth > 0) return
        chunks.push(comparableText(chunk))
      },
      onclosetag(name) {
        if (RAW_TEXT.has(name) && rawDepth > 0) rawDepth--
        if (name === 'script') script = null
        const open = stack.pop()
        if (open === undefined) return
        const range: Range = { textStart: open.textStart, textEnd: chunks.length, itemStart: open.itemStart, itemEnd: items.length }
        if (open.area !== null) areas.push({ ...range, family: open.area })
        if (open.generic !== null) generic[open.generic] ??= range
        if (BLOCK_TAGS.has(open.name) && blocks.length < MAX_BLOCKS) blocks.push(range)
      }
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }
  )
  parser.end(html)
  // The outermost of the earliest: VSB nests .v_news_content in #vsb_content, either holds the whole article.
  areas.sort((a, b) => a.textStart - b.textStart || b.textEnd - a.textEnd || a.itemStart - b.itemStart)
  return { chunks, items, areas, generic, blocks, inlineScripts: inline.join(''), traces }
}

/** The smallest block holding every paragraph of the article that is on the page at all (any template). */
function locatedArea(parts: PageParts, paragraphs: string[]): Range | null {
  const offsets = [0]
  for (const chunk of parts.chunks) offsets.push((offsets[offsets.length - 1] ?? 0) + chunk.length)
  const text = parts.chunks.join('')
  const found = paragraphs.map((p) => comparableText(p)).filter((p) => p !== '' && text.includes(p))
  const first = found[0]
  const last = found[found.length - 1]
  if (first === undefined || last === undefined) return null
  const from = text.indexOf(first)
  const to = text.indexOf(last, from) + last.length
  let best: Range | null = null
  for (const block of parts.blocks) {
    const start = offsets[block.textStart] ?? 0
    const end = offsets[block.textEnd] ?? 0
    if (start > from || end < to) continue
    if (best === null || end - start < (offsets[best.textEnd] ?? 0) - (offsets[best.textStart] ?? 0)) best = block
  }
  return best
}

const resolved = (href: string, base: string | undefined): URL | null => {
  try {
    return new URL(href, base)
  } catch {
    return null
  }
}

/**
 * A school's sites share one registered domain (news.x.edu.cn links to www.x.edu.cn): links among them are the
 * template's own navigation, whose related-article lists change with every new post, so they are not compared.
 */
export function siteKey(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.')
  const secondLevel = labels.length >= 3 && /^(edu|gov|com|org|net|ac)$/.test(labels[labels.length - 2] ?? '') && (labels[labels.length - 1] ?? '').length === 2
  return labels.slice(secondLevel ? -3 : -2).join('.')
}

/** What identifies an item outside the article across checks: numbers in inline scripts and script queries change. */
function outsideKey(item: Item, base: string | undefined, ownSite: string | null): string | null {
  if (item.kind === 'img') return null
  if (item.inline === true) {
    const body = item.value.replace(/\s+/g, ' ').replace(/\d+/g, '0').trim()
    return body === '' ? null : `inline: ${body.slice(0, 160)}`
  }
  const url = resolved(item.value, base)
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null
  if (item.kind === 'script') return `script: ${url.origin}${url.pathname}`
  if (item.kind === 'iframe') return `iframe: ${url.origin}${url.pathname}${url.search}`
  if (ownSite !== null && siteKey(url.hostname) === ownSite) return null
  url.hash = ''
  return url.href
}

export type OutsideItems = { links: string[]; scripts: string[] }

export type LivePageContext = {
  /** The HTTP status the page came with: a WAF answers 403/503 with a challenge. */
  status?: number
  /** The page's own address: relative links resolve against it and it names the school's site. */
  pageUrl?: string
  /** Links and scripts outside the article the person accepted; absent: nothing outside is compared. */
  baseline?: OutsideItems | null
}

export type LivePageInspection = {
  findings: LivePageFinding[]
  family: PageFamily | null
  /** Off-site links and every script/frame outside the article: the baseline a first check proposes. */
  outside: OutsideItems
}

const unique = (values: string[]) => [...new Set(values)].slice(0, MAX_BASELINE_ITEMS)

/** Compares the live page with what we sent, and what lies outside the article with the accepted baseline. */
export function inspectLivePage(page: string, sent: { title: string; html: string }, context: LivePageContext = {}): LivePageInspection {
  const parts = pageParts(page)
  const expected = expectedTexts(sent.html)
  const area = parts.areas[0] ?? locatedArea(parts, [...expected.paragraphs, ...expected.captions]) ?? parts.generic.article ?? parts.generic.main
  const family = parts.areas[0]?.family ?? parts.traces ?? (area === null ? null : 'generic')
  const none: OutsideItems = { links: [], scripts: [] }
  const blocker = blockedBy({
    status: context.status ?? 200,
    html: page,
    visibleChars: parts.chunks.reduce((sum, chunk) => sum + chunk.length, 0),
    scripts: parts.inlineScripts,
    hasArticleArea: parts.areas.length > 0 || (area !== null && expected.paragraphs.length > 0)
  })
  if (blocker !== null) return { findings: [{ kind: 'blocked', detail: blocker }], family, outside: none }

  const findings: LivePageFinding[] = []
  const allText = parts.chunks.join('')
  if (sent.title.trim() !== '' && !allText.includes(comparableText(sent.title))) findings.push({ kind: 'missing-title', detail: sent.title })
  if (area === null) {
    findings.push({ kind: 'no-article-area', detail: 'no article element (VSB #vsb_content, WebPlus .wp_articlecontent, JCMS #zoom, WordPress .entry-content) and none of the article text' })
    return { findings, family, outside: none }
  }
  const areaText = parts.chunks.slice(area.textStart, area.textEnd).join('')
  for (const paragraph of expected.paragraphs) if (!areaText.includes(comparableText(paragraph))) findings.push({ kind: 'missing-paragraph', detail: paragraph })
  for (const caption of expected.captions) if (!areaText.includes(comparableText(caption))) findings.push({ kind: 'missing-caption', detail: caption })
  const inside = parts.items.slice(area.itemStart, area.itemEnd)
  const images = inside.filter((item) => item.kind === 'img').length
  if (images < expected.images) findings.push({ kind: 'missing-image', detail: `${String(expected.images)} → ${String(images)}` })
  const ours = new Set(expected.links.flatMap((href) => [href, resolved(href, context.pageUrl)?.href ?? href]))
  for (const item of inside) {
    if (item.kind === 'link' && item.value !== '' && !item.value.startsWith('#') && !ours.has(item.value) && !ours.has(resolved(item.value, context.pageUrl)?.href ?? item.value)) {
      findings.push({ kind: 'foreign-link', detail: item.value.slice(0, 500) })
    }
    if (item.kind === 'script') findings.push({ kind: 'foreign-script', detail: item.inline === true ? 'inline script' : item.value.slice(0, 500) })
    if (item.kind === 'iframe') findings.push({ kind: 'foreign-iframe', detail: item.value.slice(0, 500) })
  }

  const ownHost = context.pageUrl === undefined ? null : resolved(context.pageUrl, undefined)?.hostname
  const ownSite = ownHost === null || ownHost === undefined ? null : siteKey(ownHost)
  const links: string[] = []
  const scripts: string[] = []
  parts.items.forEach((item, index) => {
    if (index >= area.itemStart && index < area.itemEnd) return
    const key = outsideKey(item, context.pageUrl, ownSite)
    if (key !== null) (item.kind === 'link' ? links : scripts).push(key)
  })
  const outside = { links: unique(links), scripts: unique(scripts) }
  if (context.baseline) {
    const known = new Set([...context.baseline.links, ...context.baseline.scripts])
    for (const link of outside.links) if (!known.has(link)) findings.push({ kind: 'new-outside-link', detail: link.slice(0, 500) })
    for (const script of outside.scripts) if (!known.has(script)) findings.push({ kind: 'new-outside-script', detail: script.slice(0, 500) })
  }
  // A spammed page can carry thousands of links: the report stays readable and bounded.
  const bounded = findings.length > MAX_FINDINGS ? [...findings.slice(0, MAX_FINDINGS), { kind: 'foreign-link' as const, detail: `… ${String(findings.length - MAX_FINDINGS)} more` }] : findings
  return { findings: bounded, family, outside }
}

const UNCHECKED = new Set<LivePageFinding['kind']>(['no-article-area', 'unreachable', 'refused-address', 'page-too-large', 'check-timeout'])

/** A blocked page is never "changed": the person is told the site would not show it, not that it was tampered. */
export function verdictOf(findings: readonly LivePageFinding[]): LivePageVerdict {
  if (findings.some((f) => f.kind === 'blocked')) return 'blocked'
  if (findings.some((f) => UNCHECKED.has(f.kind))) return 'unchecked'
  return findings.length === 0 ? 'ok' : 'changed'
}

/** The findings alone: what the first version answered, for callers with no baseline. */
export function checkLivePage(page: string, sent: { title: string; html: string }, context: LivePageContext = {}): LivePageFinding[] {
  return inspectLivePage(page, sent, context).findings
}

/** The texts a reader must find: every paragraph, heading, list item and caption we sent. */
export function expectedTexts(sentHtml: string): { paragraphs: string[]; captions: string[]; links: string[]; images: number } {
  let images = 0
  const paragraphs: string[] = []
  const captions: string[] = []
  const links: string[] = []
  const open: { name: string; text: string[] }[] = []
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'a') links.push((attributes.href ?? '').trim())
        if (name === 'img') images++
        if (PARAGRAPH_TAGS.has(name)) open.push({ name, text: [] })
      },
      ontext(chunk) {
        for (const block of open) block.text.push(chunk)
      },
      onclosetag(name) {
        if (!PARAGRAPH_TAGS.has(name)) return
        const block = open.pop()
        const text = block?.text.join('').trim() ?? ''
        if (text === '') return
        if (name === 'figcaption') captions.push(text)
        else paragraphs.push(text)
      }
    },
    { decodeEntities: true, lowerCaseTags: true }
  )
  parser.end(sentHtml)
  return { paragraphs, captions, links, images }
}

/** The page's bytes as text in the charset it declares (GBK school sites exist), UTF-8 otherwise. */
export function decodePage(bytes: Uint8Array, contentType: string | null): string {
  const declared = /charset\s*=\s*["']?([\w-]+)/i.exec(contentType ?? '')?.[1]
  // A page without a header charset may name one in a meta tag within its first bytes.
  const meta = declared ?? /<meta[^>]{0,200}charset\s*=\s*["']?([\w-]+)/i.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 2048)))?.[1]
  try {
    return new TextDecoder((meta ?? 'utf-8').toLowerCase()).decode(bytes)
  } catch {
    return new TextDecoder('utf-8').decode(bytes)
  }
}
