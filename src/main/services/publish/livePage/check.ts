import { Parser } from 'htmlparser2'
import type { LivePageFinding } from '../../../../shared/model/publish'

/*
 * The live-page check: compares the page a site serves with what we sent. The page is hostile input (the
 * school's site once carried injected spam links), so it is parsed by htmlparser2 in one streaming pass:
 * linear in the page's size whatever its tags, entities decoded the way browsers do, script and style bodies
 * kept out of the text. This module is pure; the app runs it in a worker thread (worker.ts, checker.ts).
 */

/** Classes themes give the article body: WordPress blocks and classic themes, our local site, common CMSs. */
const AREA_CLASSES = ['wp-block-post-content', 'entry-content', 'news-article', 'article-content', 'post-content']
const RAW_TEXT = new Set(['script', 'style', 'template', 'noscript'])
const PARAGRAPH_TAGS = new Set(['p', 'h2', 'h3', 'li', 'figcaption'])

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
    .replace(/\s+/g, '')
}

type PageParts = {
  /** All the page's text outside scripts and styles. */
  text: string
  /** Null when no element is marked as the article body. */
  area: { text: string; links: string[]; scripts: string[]; iframes: string[] } | null
}

/** One pass over the page: its text, and the first article area's text, links, scripts and frames. */
export function pageParts(html: string): PageParts {
  const text: string[] = []
  let area: { text: string[]; links: string[]; scripts: string[]; iframes: string[] } | null = null
  let areaDepth = -1
  let done = false
  let depth = 0
  let rawDepth = 0
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        depth++
        if (RAW_TEXT.has(name)) rawDepth++
        if (area === null && !done) {
          const classes = (attributes.class ?? '').split(/\s+/)
          if (AREA_CLASSES.some((wanted) => classes.includes(wanted))) {
            area = { text: [], links: [], scripts: [], iframes: [] }
            areaDepth = depth
          }
          return
        }
        if (area === null || done) return
        if (name === 'a') area.links.push((attributes.href ?? '').trim())
        if (name === 'script') area.scripts.push(attributes.src ?? 'inline script')
        if (name === 'iframe') area.iframes.push(attributes.src ?? 'iframe')
      },
      ontext(chunk) {
        if (rawDepth > 0) return
        text.push(chunk)
        if (area !== null && !done) area.text.push(chunk)
      },
      onclosetag(name) {
        if (RAW_TEXT.has(name) && rawDepth > 0) rawDepth--
        if (area !== null && depth === areaDepth) done = true
        depth--
      }
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }
  )
  parser.end(html)
  const found = area as { text: string[]; links: string[]; scripts: string[]; iframes: string[] } | null
  return { text: text.join(''), area: found === null ? null : { ...found, text: found.text.join('') } }
}

/** The texts a reader must find: every paragraph, heading, list item and caption we sent. */
export function expectedTexts(sentHtml: string): { paragraphs: string[]; captions: string[]; links: string[] } {
  const paragraphs: string[] = []
  const captions: string[] = []
  const links: string[] = []
  const open: { name: string; text: string[] }[] = []
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'a') links.push((attributes.href ?? '').trim())
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
  return { paragraphs, captions, links }
}

/**
 * Compares the live page with what we sent. Anything in the article area that we did not send (a link, a
 * script, an iframe) is flagged.
 */
export function checkLivePage(page: string, sent: { title: string; html: string }): LivePageFinding[] {
  const findings: LivePageFinding[] = []
  const parts = pageParts(page)
  if (sent.title.trim() !== '' && !comparableText(parts.text).includes(comparableText(sent.title))) {
    findings.push({ kind: 'missing-title', detail: sent.title })
  }
  if (parts.area === null) {
    findings.push({ kind: 'no-article-area', detail: 'no element marked as the article body (entry-content, wp-block-post-content, news-article)' })
    return findings
  }
  const areaText = comparableText(parts.area.text)
  const expected = expectedTexts(sent.html)
  for (const paragraph of expected.paragraphs) if (!areaText.includes(comparableText(paragraph))) findings.push({ kind: 'missing-paragraph', detail: paragraph })
  for (const caption of expected.captions) if (!areaText.includes(comparableText(caption))) findings.push({ kind: 'missing-caption', detail: caption })
  const ourLinks = new Set(expected.links)
  for (const href of parts.area.links) if (!ourLinks.has(href)) findings.push({ kind: 'foreign-link', detail: href.slice(0, 500) })
  for (const src of parts.area.scripts) findings.push({ kind: 'foreign-script', detail: src.slice(0, 500) })
  for (const src of parts.area.iframes) findings.push({ kind: 'foreign-iframe', detail: src.slice(0, 500) })
  // A spammed page can carry thousands of links: the report stays readable and bounded.
  return findings.length > MAX_FINDINGS ? [...findings.slice(0, MAX_FINDINGS), { kind: 'foreign-link', detail: `… ${String(findings.length - MAX_FINDINGS)} more` }] : findings
}

export const MAX_FINDINGS = 200

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
