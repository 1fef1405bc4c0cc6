import type { LivePageFinding } from '../../../shared/model/publish'

/*
 * The live-page check works on the page's text with a small tag scanner, not a DOM: it needs the article
 * area (the element WordPress themes mark `entry-content` / `wp-block-post-content`, ours `news-article`),
 * the text in it and every a / script / iframe in it.
 */

const AREA_CLASSES = ['wp-block-post-content', 'entry-content', 'news-article', 'article-content', 'post-content']
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”' }

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10))
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

/**
 * Text as compared: WordPress's texturize turns quotes, dashes and dots typographic, and themes wrap lines;
 * none of that should count as a missing paragraph.
 */
export function comparableText(text: string): string {
  return decodeEntities(text)
    .replace(/[‘’‚′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/[–—]|-{2,3}/g, '-')
    .replace(/…/g, '...')
    .replace(/×/g, 'x')
    .replace(/\s+/g, '')
}

type Tag = { name: string; closing: boolean; attrs: string; start: number; end: number }

function* tags(html: string): Generator<Tag> {
  const pattern = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g
  let match: RegExpExecArray | null
  while ((match = pattern.exec(html)) !== null) {
    if (match[2] === undefined) continue
    const name = match[2].toLowerCase()
    const tag = { name, closing: match[1] === '/', attrs: match[3] ?? '', start: match.index, end: match.index + match[0].length }
    yield tag
    // Script and style bodies are not markup.
    if (!tag.closing && (name === 'script' || name === 'style')) {
      const close = html.toLowerCase().indexOf(`</${name}`, tag.end)
      pattern.lastIndex = close < 0 ? html.length : close
    }
  }
}

function attribute(attrs: string, name: string): string | null {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs)
  return match === null ? null : decodeEntities(match[1] ?? match[2] ?? match[3] ?? '')
}

/** The inner HTML of the first element whose class names the article body, or null. */
export function articleArea(html: string): string | null {
  let area: { name: string; innerStart: number; depth: number } | null = null
  for (const tag of tags(html)) {
    if (area === null) {
      if (tag.closing || VOID.has(tag.name)) continue
      const classes = (attribute(tag.attrs, 'class') ?? '').split(/\s+/)
      if (AREA_CLASSES.some((name) => classes.includes(name))) area = { name: tag.name, innerStart: tag.end, depth: 1 }
      continue
    }
    if (tag.name !== area.name) continue
    area.depth += tag.closing ? -1 : 1
    if (area.depth === 0) return html.slice(area.innerStart, tag.start)
  }
  return area === null ? null : html.slice(area.innerStart)
}

export function textOf(html: string): string {
  let out = ''
  let last = 0
  for (const tag of tags(html)) {
    out += html.slice(last, tag.start)
    last = tag.end
    if (!tag.closing && (tag.name === 'script' || tag.name === 'style')) {
      const close = html.toLowerCase().indexOf(`</${tag.name}`, tag.end)
      last = close < 0 ? html.length : close
    }
  }
  return out + html.slice(last)
}

/** The texts a reader must find: every paragraph, heading, list item and caption we sent. */
export function expectedTexts(sentHtml: string): { paragraphs: string[]; captions: string[] } {
  const paragraphs: string[] = []
  const captions: string[] = []
  const pattern = /<(p|h2|h3|li|figcaption)(?:\s[^>]*)?>([\s\S]*?)<\/\1>/g
  let match: RegExpExecArray | null
  while ((match = pattern.exec(sentHtml)) !== null) {
    const text = decodeEntities(textOf(match[2] ?? '')).trim()
    if (text === '') continue
    if (match[1] === 'figcaption') captions.push(text)
    else paragraphs.push(text)
  }
  return { paragraphs, captions }
}

function linksOf(html: string): string[] {
  const links: string[] = []
  for (const tag of tags(html)) if (!tag.closing && tag.name === 'a') links.push((attribute(tag.attrs, 'href') ?? '').trim())
  return links
}

/**
 * Compares the live page with what we sent. Anything in the article area that we did not send (a link, a
 * script, an iframe) is flagged: the school's site once carried injected spam links.
 */
export function checkLivePage(page: string, sent: { title: string; html: string }): LivePageFinding[] {
  const findings: LivePageFinding[] = []
  if (sent.title.trim() !== '' && !comparableText(textOf(page)).includes(comparableText(sent.title))) {
    findings.push({ kind: 'missing-title', detail: sent.title })
  }
  const area = articleArea(page)
  if (area === null) {
    findings.push({ kind: 'no-article-area', detail: 'no element marked as the article body (entry-content, wp-block-post-content, news-article)' })
    return findings
  }
  const areaText = comparableText(textOf(area))
  const expected = expectedTexts(sent.html)
  for (const paragraph of expected.paragraphs) if (!areaText.includes(comparableText(paragraph))) findings.push({ kind: 'missing-paragraph', detail: paragraph })
  for (const caption of expected.captions) if (!areaText.includes(comparableText(caption))) findings.push({ kind: 'missing-caption', detail: caption })
  const ourLinks = new Set(linksOf(sent.html))
  for (const href of linksOf(area)) if (!ourLinks.has(href)) findings.push({ kind: 'foreign-link', detail: href })
  for (const tag of tags(area)) {
    if (tag.closing) continue
    if (tag.name === 'script') findings.push({ kind: 'foreign-script', detail: attribute(tag.attrs, 'src') ?? 'inline script' })
    if (tag.name === 'iframe') findings.push({ kind: 'foreign-iframe', detail: attribute(tag.attrs, 'src') ?? 'iframe' })
  }
  return findings
}
