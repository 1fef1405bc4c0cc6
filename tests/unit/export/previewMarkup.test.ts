import { describe, expect, it } from 'vitest'
import { articleOf, type DraftArticleSource } from '../../../src/shared/article/articleOf'
import { articleToHtml } from '../../../src/shared/article/toHtml'
import { previewArticle, previewMarkup } from '../../../src/renderer/src/preview/previewMarkup'
import { assetId, body, campusNews, image, paragraph, text } from '../article/fixtures'

const draft = {
  title: '  学校召开运动会  ',
  column: '校园动态',
  body: body(paragraph(text('正文第一段。')), image(assetId(1), '开幕式')) as DraftArticleSource['body']
}
const options = { draftId: 'draft-0001', assetUrlBase: 'newsroom-asset://', creditPlaceholder: '署名将显示在这里' }

describe('articleOf', () => {
  it('takes title and column from the draft and leaves every other field empty until drafts carry metadata', () => {
    const article = articleOf(draft)
    expect(article.body).toBe(draft.body)
    expect(article.metadata).toMatchObject({ title: '学校召开运动会', column: '校园动态', editor: '', authors: [], publishAt: null })
  })
})

describe('the preview', () => {
  const now = new Date('2026-11-19T17:30:00Z')

  it('dates an unpublished article today, in the school’s time zone', () => {
    expect(previewArticle(draft, now).metadata.publishAt).toBe(now.toISOString())
    const html = previewMarkup(previewArticle(draft, now), options)
    expect(html).toContain('<p>发布日期：2026年11月20日</p>')
  })

  it('is articleToHtml’s page output with stored pictures at their app addresses, in the site’s article element', () => {
    const article = previewArticle(draft, now)
    const html = previewMarkup(article, options)
    const inner = articleToHtml(article, (id) => `newsroom-asset://draft-0001/${id}`, { header: true, imageProtocols: ['newsroom-asset:'] })
    expect(html.startsWith(`<article class="news-article">\n${inner}\n`)).toBe(true)
    expect(html).toContain(`<img src="newsroom-asset://draft-0001/${assetId(1)}" alt="开幕式">`)
    expect(html).toContain('<h1>学校召开运动会</h1>')
  })

  it('loads pictures from the E2E harness’s loopback server too', () => {
    const html = previewMarkup(previewArticle(draft, now), { ...options, assetUrlBase: 'http://127.0.0.1:4000/__assets/' })
    expect(html).toContain(`src="http://127.0.0.1:4000/__assets/draft-0001/${assetId(1)}"`)
  })

  it('marks where the credit line goes while there is none, and styles the real one as the credit line', () => {
    expect(previewMarkup(previewArticle(draft, now), { ...options, creditPlaceholder: '<署名>' })).toContain(
      '<p class="preview-credit-placeholder">&lt;署名&gt;</p>\n</article>'
    )
    const credited = previewMarkup(campusNews, options)
    expect(credited.startsWith('<article class="news-article has-credit-line">')).toBe(true)
    expect(credited).toContain('<p>（双高办 张三供稿/图；李四校对；王五审核）</p>\n</article>')
    expect(credited).not.toContain('preview-credit-placeholder')
  })
})
