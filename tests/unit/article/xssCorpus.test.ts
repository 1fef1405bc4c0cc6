import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  ARTICLE_HEADER_TAGS,
  ARTICLE_HTML_ATTRIBUTES,
  ARTICLE_HTML_TAGS,
  articleToHtml,
  escapeHtml,
  type Article
} from '../../../src/shared/article/toHtml'
import { assetId, autolink, body, gallery, heading, image, link, list, listItem, metadata, paragraph, quote, text } from './fixtures'

const projectRoot = fileURLToPath(new URL('../../..', import.meta.url))
const VECTORS_FILE = resolve(projectRoot, '../shared/corpus/xss/vectors.json')

function loadVectors(): string[] | null {
  if (!existsSync(VECTORS_FILE)) {
    console.warn(`XSS corpus test skipped: ${VECTORS_FILE} is not on this machine (it is shared test data, never copied into the project).`)
    return null
  }
  const parsed: unknown = JSON.parse(readFileSync(VECTORS_FILE, 'utf8'))
  if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) throw new Error(`${VECTORS_FILE} is not a list of strings`)
  return parsed
}

const vectors = loadVectors()
const ALLOWED_TAGS = new Set<string>([...ARTICLE_HTML_TAGS, ...ARTICLE_HEADER_TAGS])
const TAG = /<(\/?)([a-z0-9]+)((?:\s+[a-z]+="[^"]*")*)>/g
const ATTRIBUTE = /\s+([a-z]+)="([^"]*)"/g

function unescapeAttribute(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] ?? '')
}

/** Our output is simple enough to check with regular expressions: every < must open one of our tags. */
function expectSafeHtml(html: string): void {
  expect(html).not.toMatch(/<script/i)
  for (const match of html.matchAll(TAG)) {
    const [, closing, name = '', attributes = ''] = match
    expect(ALLOWED_TAGS, `tag <${name}>`).toContain(name)
    if (closing) expect(attributes).toBe('')
    for (const [, attribute = '', raw = ''] of attributes.matchAll(ATTRIBUTE)) {
      expect(ARTICLE_HTML_ATTRIBUTES[name] ?? [], `attribute ${attribute} on <${name}>`).toContain(attribute)
      expect(attribute).not.toMatch(/^(on|style$|class$)/)
      const value = unescapeAttribute(raw)
      if (attribute === 'href') expect(value).toMatch(/^(https?:\/\/|mailto:)/)
      if (attribute === 'src') expect(value).toMatch(/^https?:\/\//)
      if (attribute === 'href' || attribute === 'src') expect(value).not.toMatch(/^\s*(javascript|data|vbscript):/i)
      if (attribute === 'start') expect(value).toMatch(/^\d+$/)
    }
  }
  const outsideTags = html.replace(TAG, '')
  expect(outsideTags).not.toMatch(/[<>"']/)
  expect(outsideTags).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/)
}

/**
 * The corpus is mostly markup, which never parses as a URL. Its attribute values are the URL attacks
 * (javascript:, data:, vbscript:, entity-encoded schemes), so they are tried as link and image addresses,
 * as written and with the character references a browser would have decoded.
 */
function urlsIn(all: readonly string[]): string[] {
  const attribute = /(?:href|src|action|formaction|background|dynsrc|lowsrc|data|poster|to|from|values)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi
  const decode = (value: string) =>
    value
      .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
      .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
      .replace(/&colon;/gi, ':')
      .replace(/&tab;/gi, '\t')
      .replace(/&newline;/gi, '\n')
  const urls = new Set<string>()
  for (const vector of all) {
    for (const match of vector.matchAll(attribute)) {
      const value = match[1] ?? match[2] ?? match[3] ?? ''
      urls.add(value)
      urls.add(decode(value))
    }
  }
  return [...urls]
}

const URL_TRICKS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  '\u0001javascript:alert(1)',
  'java\u0000script:alert(1)',
  'java\tscript:alert(1)',
  'javascript\n:alert(1)',
  'javascript://example.edu.cn/%0Aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'DATA:image/svg+xml;base64,PHN2Zz4=',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'blob:https://example.edu.cn/uuid',
  'https://example.edu.cn/"onmouseover="alert(1)',
  "https://example.edu.cn/'onmouseover='alert(1)",
  'https://example.edu.cn/?q=<script>alert(1)</script>',
  'https://user:pa"ss@example.edu.cn/',
  'mailto:a@example.edu.cn?body=<script>alert(1)</script>'
]

function articleCarrying(vector: string): Article {
  return {
    body: body(
      paragraph(text(vector), link(vector, text(vector)), autolink(vector), text(vector, 1 | 2 | 4 | 8)),
      heading('h1', text(vector)),
      quote(text(vector)),
      list('number', 2, listItem(2, text(vector)), listItem(3, list('bullet', 1, listItem(1, link(vector, text('链接')))))),
      image(assetId(1), vector, vector, vector),
      image(vector, vector, vector, vector),
      gallery({ assetId: assetId(2), caption: vector, alt: vector, credit: vector }, { assetId: assetId(3), caption: vector })
    ),
    metadata: metadata({
      column: vector,
      title: vector,
      subtitle: vector,
      sourceDepartment: vector,
      editor: vector,
      authors: [vector],
      photographers: [vector, '赵六'],
      proofreader: vector,
      reviewer: vector,
      publishAt: '2026-11-20T02:00:00Z'
    })
  }
}

;(vectors ? describe : describe.skip)('XSS corpus: every vector in every place', () => {
  const all = vectors ?? []

  it('has the vectors it expects', () => {
    expect(all.length).toBeGreaterThan(300)
  })

  it.each(all.map((vector, index) => [index, vector] as const))('vector %i', (_index, vector) => {
    const article = articleCarrying(vector)
    const cdn = (id: string) => `https://news.example.edu.cn/uploads/${id}`
    const page = articleToHtml(article, cdn, { header: true, photoCredit: true })
    expectSafeHtml(page)
    // The text is shown, escaped, not eaten.
    const shown = escapeHtml(vector).replace(/\n/g, '<br>')
    expect(page).toContain(shown)

    // A resolver that hands back the vector itself as the image address.
    expectSafeHtml(articleToHtml(article, () => vector, { header: true }))
    expectSafeHtml(articleToHtml(article, (id) => `${cdn(id)}?v=${vector}`, { creditLine: { script: 'traditional-tw' } }))
  })

  const urls = [...urlsIn(all), ...URL_TRICKS]

  it('finds URL attacks in the corpus', () => {
    expect(urls.filter((url) => /^\s*javascript:/i.test(url)).length).toBeGreaterThan(20)
  })

  it.each(urls.map((url, index) => [index, url] as const))('URL %i as a link and an image address', (_index, url) => {
    const article = { body: body(paragraph(link(url, text('链接')), autolink(url)), image(assetId(1), '图注')), metadata: metadata() }
    const outputs = [
      articleToHtml(article, () => url),
      // Even a caller that allows every scheme never gets script or data URLs into an image.
      articleToHtml(article, () => url, { imageProtocols: ['http:', 'https:', 'javascript:', 'data:', 'vbscript:'] })
    ]
    for (const html of outputs) {
      expectSafeHtml(html)
      expect(html).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):/i)
    }
  })
})
