import { describe, expect, it } from 'vitest'
import { expectGolden } from './golden'
import { articleToHtml, articleToPlainText, type Article, type ArticleHtmlOptions } from '../../../src/shared/article/toHtml'
import { countWords } from '../../../src/shared/article/wordCount'
import {
  assetId,
  body,
  campusNews,
  gallery,
  hostile,
  image,
  link,
  list,
  listItem,
  listsAndLinks,
  metadata,
  paragraph,
  resolveUploaded,
  text
} from './fixtures'

const goldens: { name: string; article: Article; missing?: string[]; options: ArticleHtmlOptions }[] = [
  { name: 'campus-news-page.html', article: campusNews, options: { header: true } },
  { name: 'campus-news-content.html', article: campusNews, missing: [assetId(3, 'png')], options: { photoCredit: true } },
  {
    name: 'campus-news-traditional.html',
    article: campusNews,
    options: { header: true, locale: 'zh-TW', creditLine: { script: 'traditional-tw' }, photoCredit: true }
  },
  { name: 'lists-and-links.html', article: listsAndLinks, options: { header: true } },
  { name: 'hostile.html', article: hostile, missing: [assetId(6), assetId(7)], options: { header: true, photoCredit: true } }
]

describe('articleToHtml golden files', () => {
  for (const { name, article, missing = [], options } of goldens) {
    it(name, () => {
      expectGolden(name, articleToHtml(article, resolveUploaded(...missing), options))
    })
  }
})

describe('articleToHtml', () => {
  const resolve = resolveUploaded()

  it('is deterministic and does not change its input', () => {
    const before = JSON.stringify(campusNews)
    const first = articleToHtml(campusNews, resolve, { header: true })
    expect(articleToHtml(campusNews, resolve, { header: true })).toBe(first)
    expect(JSON.stringify(campusNews)).toBe(before)
  })

  it('gives WordPress the content only: no header, credit line last', () => {
    const html = articleToHtml(campusNews, resolve)
    expect(html).not.toContain('<header>')
    expect(html).not.toContain(campusNews.metadata.title)
    expect(html.split('\n').at(-1)).toBe('<p>（双高办 张三供稿/图；李四校对；王五审核）</p>')
  })

  it('leaves the credit line out when asked, and when nobody is credited', () => {
    expect(articleToHtml(campusNews, resolve, { creditLine: false })).not.toContain('供稿')
    const anonymous = { body: body(paragraph(text('正文'))), metadata: metadata() }
    expect(articleToHtml(anonymous, resolve)).toBe('<p>正文</p>')
  })

  it('renders an empty or missing body as nothing but the credit line', () => {
    const m = metadata({ authors: ['张三'] })
    expect(articleToHtml({ body: null, metadata: m }, resolve)).toBe('<p>（张三供稿）</p>')
    expect(articleToHtml({ body: 'garbage', metadata: metadata() }, resolve)).toBe('')
  })

  it('replaces an image whose asset is not available by its caption, or leaves it out', () => {
    const article = { body: body(image(assetId(1), '会议现场'), image(assetId(2))), metadata: metadata() }
    expect(articleToHtml(article, () => null)).toBe('<p>会议现场</p>')
  })

  it('appends the photographer to the caption only when asked', () => {
    const article = { body: body(image(assetId(1), '会议现场', '', '赵六')), metadata: metadata() }
    expect(articleToHtml(article, resolve)).toContain('<figcaption>会议现场</figcaption>')
    expect(articleToHtml(article, resolve, { photoCredit: true })).toContain('<figcaption>会议现场（摄影：赵六）</figcaption>')
    const noCaption = { body: body(image(assetId(1), '', '', '赵六')), metadata: metadata() }
    expect(articleToHtml(noCaption, resolve, { photoCredit: true })).toContain('<figcaption>（摄影：赵六）</figcaption>')
  })

  it('refuses image sources a resolver should never give, and accepts the preview scheme only when allowed', () => {
    const article = { body: body(image(assetId(1), '图注')), metadata: metadata() }
    for (const src of ['javascript:alert(1)', 'data:image/png;base64,AAAA', 'vbscript:x', '/relative.jpg', 'https://a b.jpg', ''])
      expect(articleToHtml(article, () => src), src).toBe('<p>图注</p>')
    const preview = (id: string) => `newsroom-asset://${id}`
    expect(articleToHtml(article, preview)).toBe('<p>图注</p>')
    expect(articleToHtml(article, preview, { imageProtocols: ['newsroom-asset:'] })).toContain(`<img src="newsroom-asset://${assetId(1)}"`)
    expect(articleToHtml(article, () => 'data:image/png;base64,AAAA', { imageProtocols: ['data:'] })).toBe('<p>图注</p>')
    const throwing = () => {
      throw new Error('store offline')
    }
    expect(articleToHtml(article, throwing)).toBe('<p>图注</p>')
  })

  it('keeps a gallery whose photos are partly missing', () => {
    const article = {
      body: body(gallery({ assetId: assetId(1), caption: '甲' }, { assetId: assetId(2), caption: '乙' }, { assetId: assetId(3) })),
      metadata: metadata()
    }
    const html = articleToHtml(article, resolveUploaded(assetId(2)))
    expect(html.match(/<figure>/g)).toHaveLength(3)
    expect(html.split('\n').at(-1)).toBe('<p>乙</p>')
  })

  it('never nests links and publishes unsafe links as their text', () => {
    const article = {
      body: body(paragraph(link('https://a.example/', text('外'), link('https://b.example/', text('内'))), link('ftp://x.example/', text('文件')))),
      metadata: metadata()
    }
    expect(articleToHtml(article, resolve)).toBe('<p><a href="https://a.example/">外内</a>文件</p>')
  })

  it('puts an ordered list that continues after a paragraph at its own start', () => {
    const article = { body: body(list('number', 4, listItem(4, text('四')))), metadata: metadata() }
    expect(articleToHtml(article, resolve)).toBe('<ol start="4">\n<li>四</li>\n</ol>')
  })
})

describe('articleToPlainText', () => {
  it('has the same parts as the HTML and no markup', () => {
    const plain = articleToPlainText(campusNews, { header: true })
    const lines = plain.split('\n')
    expect(lines[0]).toBe('校园动态')
    expect(lines).toContain('会议现场')
    expect(lines).toContain('对照任务书逐项查漏补缺；')
    expect(lines.at(-1)).toBe('（双高办 张三供稿/图；李四校对；王五审核）')
    expect(plain).not.toMatch(/[<>]/)
  })

  it('can leave captions and the credit line out, for counting the body alone', () => {
    const article = { body: body(paragraph(text('学校召开会议。')), image(assetId(1), '会议现场')), metadata: metadata({ authors: ['张三'] }) }
    expect(articleToPlainText(article, { captions: false, creditLine: false })).toBe('学校召开会议。')
    expect(countWords(articleToPlainText(article, { captions: false, creditLine: false }))).toBe(6)
    expect(articleToPlainText(article)).toBe('学校召开会议。\n会议现场\n（张三供稿）')
  })
})
