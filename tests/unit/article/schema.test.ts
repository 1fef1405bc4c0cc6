import { createEditor } from 'lexical'
import { HeadingNode, QuoteNode } from '@lexical/rich-text'
import { ListItemNode, ListNode } from '@lexical/list'
import { AutoLinkNode, LinkNode } from '@lexical/link'
import { describe, expect, it } from 'vitest'
import {
  ArticleBodyStrictSchema,
  collectAssetIds,
  normalizeArticleBody,
  sanitizeArticleBody,
  type ArticleBlock,
  type ArticleBodyStrict
} from '../../../src/shared/article/schema'
import { ArticleBodySchema } from '../../../src/shared/model/draft'
import {
  assetId,
  autolink,
  body,
  br,
  campusNews,
  element,
  gallery,
  heading,
  hostile,
  image,
  link,
  list,
  listItem,
  listsAndLinks,
  paragraph,
  quote,
  tab,
  text
} from './fixtures'

const blocks = (input: unknown): ArticleBlock[] => sanitizeArticleBody(input).body.root.children

function lexicalRoundTrip(strict: ArticleBodyStrict): unknown {
  const editor = createEditor({
    namespace: 'schema-test',
    nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode, AutoLinkNode],
    onError: (error) => {
      throw error
    }
  })
  return editor.parseEditorState(JSON.stringify(strict)).toJSON()
}

describe('sanitizeArticleBody', () => {
  it('gives bodies that pass the strict schema and the draft schema', () => {
    for (const article of [campusNews, listsAndLinks, hostile]) {
      const { body: strict } = sanitizeArticleBody(article.body)
      expect(ArticleBodyStrictSchema.safeParse(strict).success).toBe(true)
      expect(ArticleBodySchema.safeParse(strict).success).toBe(true)
    }
  })

  it('is idempotent: a strict body comes back unchanged with nothing dropped', () => {
    for (const article of [campusNews, listsAndLinks, hostile]) {
      const once = sanitizeArticleBody(article.body).body
      expect(sanitizeArticleBody(once)).toEqual({ body: once, dropped: [] })
    }
  })

  it('keeps what Lexical writes: the editor reloads a sanitized body and exports the same document', () => {
    const withoutOurNodes = (input: unknown): ArticleBodyStrict => {
      const strict = normalizeArticleBody(input)
      strict.root.children = strict.root.children.filter((block) => block.type !== 'image' && block.type !== 'gallery')
      return strict
    }
    for (const article of [campusNews, listsAndLinks, hostile]) {
      const strict = withoutOurNodes(article.body)
      expect(normalizeArticleBody(lexicalRoundTrip(strict))).toEqual(strict)
    }
  })

  it('drops style and the format bits we do not publish, and says so once', () => {
    const result = sanitizeArticleBody(body(paragraph(text('红字', 1 | 16 | 64, 'color: red'), text('蓝字', 0, 'color: blue'))))
    expect(result.body.root.children[0]).toEqual({
      type: 'paragraph',
      ...element,
      children: [
        { type: 'text', version: 1, text: '红字', format: 1 },
        { type: 'text', version: 1, text: '蓝字', format: 0 }
      ]
    })
    expect(result.dropped).toEqual(['text-style', 'text-format:code', 'text-format:superscript'])
  })

  it('normalizes heading levels to h2 and h3', () => {
    const tags = blocks(body(...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h9'].map((tag) => heading(tag, text(tag))))).map((b) =>
      b.type === 'heading' ? b.tag : b.type
    )
    expect(tags).toEqual(['h2', 'h2', 'h3', 'h3', 'h3', 'h3', 'h3'])
  })

  it('keeps element alignment, indent and direction when valid, and resets them when not', () => {
    const [good, bad] = blocks(
      body(
        { ...paragraph(text('a')), format: 'center', indent: 2, direction: 'rtl' },
        { ...paragraph(text('b')), format: 'blink', indent: -3, direction: 'up' }
      )
    )
    expect(good).toMatchObject({ format: 'center', indent: 2, direction: 'rtl' })
    expect(bad).toMatchObject({ format: '', indent: 0, direction: null })
  })

  it('strips unknown fields everywhere', () => {
    const input = body({ ...paragraph({ ...text('字'), onclick: 'x', $: { state: 1 } }), 'data-x': 1, class: 'evil' })
    expect(JSON.stringify(normalizeArticleBody(input))).not.toMatch(/onclick|data-x|class|"\$"/)
  })

  it('keeps the text of unknown nodes', () => {
    const result = sanitizeArticleBody(hostile.body)
    const plain = JSON.stringify(result.body)
    for (const kept of ['const a = \\"<b>\\";', '标注文字', '#校园', '表格单元']) expect(plain).toContain(kept)
    expect(result.dropped).toEqual(expect.arrayContaining(['node:code', 'node:mark', 'node:hashtag', 'node:table', 'node:iframe', 'node:invalid']))
  })

  it('wraps text lying directly in the root into a paragraph, and a lone list item into a list', () => {
    expect(blocks(body(text('散'), br(), text('字'), listItem(1, text('项'))))).toEqual([
      {
        type: 'paragraph',
        ...element,
        children: [
          { type: 'text', version: 1, text: '散', format: 0 },
          { type: 'linebreak', version: 1 },
          { type: 'text', version: 1, text: '字', format: 0 }
        ]
      },
      {
        type: 'list',
        ...element,
        listType: 'bullet',
        start: 1,
        tag: 'ul',
        children: [{ type: 'listitem', ...element, value: 1, children: [{ type: 'text', version: 1, text: '项', format: 0 }] }]
      }
    ])
  })

  it('flattens a paragraph pasted into a quote onto new lines', () => {
    const [q] = blocks(body(quote(paragraph(text('第一段')), paragraph(text('第二段')))))
    expect(q).toEqual({
      type: 'quote',
      ...element,
      children: [
        { type: 'text', version: 1, text: '第一段', format: 0 },
        { type: 'linebreak', version: 1 },
        { type: 'text', version: 1, text: '第二段', format: 0 }
      ]
    })
  })

  it('turns check lists into bullet lists and keeps the list tag consistent with its type', () => {
    const result = sanitizeArticleBody(
      body({ ...list('check', 1, listItem(1, text('a'))), tag: 'ol' }, { ...list('number', 0, listItem(0, text('b'))), tag: 'ul' })
    )
    expect(result.body.root.children.map((b) => (b.type === 'list' ? [b.listType, b.tag, b.start] : []))).toEqual([
      ['bullet', 'ul', 1],
      ['number', 'ol', 1]
    ])
    expect(result.dropped).toContain('list:checkboxes')
  })

  it('keeps nested lists and drops empty ones', () => {
    const [outer] = blocks(body(list('bullet', 1, listItem(1, text('a')), listItem(2, list('number', 1, listItem(1, text('b'))))), list('bullet', 1)))
    expect(outer?.type).toBe('list')
    if (outer?.type !== 'list') return
    expect(outer.children[1]?.children[0]).toMatchObject({ type: 'list', listType: 'number' })
    expect(blocks(body(list('bullet', 1)))).toEqual([])
  })

  it('publishes links only to http, https and mailto, keeping the text of the others', () => {
    const urls = [
      ...['https://a.example/', 'http://a.example/', 'mailto:a@example.edu.cn'],
      ...['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'java\nscript:alert(1)', 'data:text/html,x', 'vbscript:x'],
      ...['file:///etc/passwd', '/relative', '//evil.example', 'https://', 'https://a b.example/']
    ]
    const [p] = blocks(body(paragraph(...urls.map((url, i) => link(url, text(String(i)))))))
    if (p?.type !== 'paragraph') throw new Error('expected a paragraph')
    expect(p.children.map((child) => (child.type === 'link' ? `link:${child.url}` : child.type === 'text' ? child.text : child.type))).toEqual([
      'link:https://a.example/',
      'link:http://a.example/',
      'link:mailto:a@example.edu.cn',
      ...urls.slice(3).map((_, i) => String(i + 3))
    ])
  })

  it('drops a link with no text and keeps autolinks with their unlinked state', () => {
    const [p] = blocks(body(paragraph(link('https://a.example/'), autolink('https://b.example/', true))))
    expect(p?.type === 'paragraph' && p.children).toEqual([
      expect.objectContaining({ type: 'autolink', url: 'https://b.example/', isUnlinked: true, rel: null, target: null, title: null })
    ])
  })

  it('keeps tabs and line breaks as Lexical writes them, minus the unused fields', () => {
    const [p] = blocks(body(paragraph(text('a'), tab(), br())))
    expect(p?.type === 'paragraph' && p.children).toEqual([
      { type: 'text', version: 1, text: 'a', format: 0 },
      { type: 'tab', version: 1 },
      { type: 'linebreak', version: 1 }
    ])
  })

  it('removes control characters and lone surrogates from text and drops what becomes empty', () => {
    const [p] = blocks(body(paragraph(text('a\u0000b\u0007c\r\nd\ud800'), text('\u0001'))))
    expect(p?.type === 'paragraph' && p.children).toEqual([{ type: 'text', version: 1, text: 'abc\nd\ufffd', format: 0 }])
  })

  describe('images', () => {
    it('keeps a valid image with its fields and defaults the layout', () => {
      expect(blocks(body({ ...image(assetId(1, 'png'), ' 会议现场 ', '现场', '赵六'), width: 'giant', align: 'justify', src: 'x' }))).toEqual([
        { type: 'image', version: 1, assetId: assetId(1, 'png'), caption: '会议现场', alt: '现场', credit: '赵六', width: 'full', align: 'center' }
      ])
      expect(blocks(body({ ...image(assetId(1)), width: 'half', align: 'left' }))).toMatchObject([{ width: 'half', align: 'left' }])
    })

    it.each([
      'data:image/png;base64,iVBORw0KGgo=',
      '/home/staff/Pictures/a.jpg',
      'C:\\Users\\a.jpg',
      'https://example.edu.cn/a.jpg',
      '../sha256-' + 'a'.repeat(64) + '.jpg',
      'sha256-' + 'a'.repeat(63) + '.jpg',
      'sha256-' + 'A'.repeat(64) + '.jpg',
      'sha256-' + 'a'.repeat(64) + '.svg',
      'sha256-' + 'a'.repeat(64) + '.jpg\n',
      'sha256-' + 'a'.repeat(64)
    ])('refuses %s as an asset id but keeps the caption', (id) => {
      const result = sanitizeArticleBody(body(image(id, '图注')))
      expect(result.body.root.children).toEqual([{ type: 'paragraph', ...element, children: [{ type: 'text', version: 1, text: '图注', format: 0 }] }])
      expect(result.dropped).toEqual(['image:invalid-asset-id'])
    })

    it('moves an image out of a paragraph to just after it', () => {
      expect(blocks(body(paragraph(text('前'), image(assetId(1)), text('后')), paragraph(text('下一段')))).map((b) => b.type)).toEqual([
        'paragraph',
        'image',
        'paragraph'
      ])
    })

    it('keeps galleries of two to four, splits larger ones and turns a single photo into an image', () => {
      const photos = (n: number) => Array.from({ length: n }, (_, i) => ({ assetId: assetId(i + 1) }))
      const shape = (n: number) => blocks(body(gallery(...photos(n)))).map((b) => (b.type === 'gallery' ? b.images.length : b.type))
      expect(shape(0)).toEqual([])
      expect(shape(1)).toEqual(['image'])
      expect(shape(3)).toEqual([3])
      expect(shape(4)).toEqual([4])
      expect(shape(5)).toEqual([4, 'image'])
      expect(shape(10)).toEqual([4, 4, 2])
    })

    it('lists every asset once in reading order', () => {
      const strict = normalizeArticleBody(body(image(assetId(2)), gallery({ assetId: assetId(1) }, { assetId: assetId(2) }), image(assetId(3))))
      expect(collectAssetIds(strict)).toEqual([assetId(2), assetId(1), assetId(3)])
    })
  })

  describe('never throws', () => {
    it.each([undefined, null])('treats %s as an empty body with nothing dropped', (input) => {
      expect(sanitizeArticleBody(input)).toEqual({ body: { root: { type: 'root', ...element, children: [] } }, dropped: [] })
    })

    it.each([42, 'text', [], {}, { root: null }, { root: { children: 'x' } }, { root: [] }])('returns an empty body for %j', (input) => {
      expect(sanitizeArticleBody(input)).toEqual({ body: { root: { type: 'root', ...element, children: [] } }, dropped: ['body'] })
    })

    it('survives nesting thousands deep and cycles', () => {
      let deep: Record<string, unknown> = text('底')
      for (let i = 0; i < 5000; i += 1) deep = { type: 'mark', children: [deep] }
      const result = sanitizeArticleBody(body(paragraph(deep)))
      expect(result.dropped).toContain('node:too-deep')
      const cyclic: Record<string, unknown> = { type: 'paragraph', children: [] }
      ;(cyclic.children as unknown[]).push(cyclic)
      expect(() => sanitizeArticleBody(body(cyclic))).not.toThrow()
    })

    it('survives objects whose fields throw', () => {
      const trap = new Proxy({}, { get: () => { throw new Error('trap') } })
      expect(sanitizeArticleBody({ root: { type: 'root', children: [trap] } }).dropped).toEqual(['body'])
    })
  })
})

describe('ArticleBodyStrictSchema', () => {
  const valid = normalizeArticleBody(campusNews.body)

  const firstText = (b: ArticleBodyStrict): object => (b.root.children[0]?.type === 'paragraph' ? (b.root.children[0].children[0] ?? {}) : {})
  const x = { type: 'text', version: 1, text: 'x', format: 0 } as const
  const photo = { assetId: assetId(1), caption: '', alt: '', credit: '' }

  it.each([
    ['a style on text', (b: ArticleBodyStrict) => Object.assign(firstText(b), { style: 'color:red' })],
    ['an h1', (b: ArticleBodyStrict) => Object.assign(b.root.children[1] ?? {}, { tag: 'h1' })],
    ['a code format bit', (b: ArticleBodyStrict) => Object.assign(firstText(b), { format: 16 })],
    ['an unknown node', (b: ArticleBodyStrict) => b.root.children.push({ type: 'code' } as never)],
    ['a data URL image', (b: ArticleBodyStrict) => Object.assign(b.root.children[3] ?? {}, { assetId: 'data:image/png;base64,AAAA' })],
    [
      'a javascript link',
      (b: ArticleBodyStrict) =>
        b.root.children.push({
          type: 'paragraph',
          ...element,
          children: [{ type: 'link', ...element, url: 'javascript:alert(1)', rel: null, target: null, title: null, children: [x] }]
        })
    ],
    ['a gallery of one', (b: ArticleBodyStrict) => b.root.children.push({ type: 'gallery', version: 1, images: [photo] })],
    ['a check list', (b: ArticleBodyStrict) => Object.assign(b.root.children[5] ?? {}, { listType: 'check' })]
  ])('refuses %s', (_name, spoil) => {
    expect(ArticleBodyStrictSchema.safeParse(valid).success).toBe(true)
    const copy = structuredClone(valid)
    spoil(copy)
    expect(ArticleBodyStrictSchema.safeParse(copy).success).toBe(false)
  })
})
