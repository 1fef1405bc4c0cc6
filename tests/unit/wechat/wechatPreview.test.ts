import { describe, expect, it } from 'vitest'
import type { Draft } from '../../../src/shared/model/draft'
import { renderWechatArticle } from '../../../src/shared/article/toWechatHtml'
import { measureWechatContent } from '../../../src/shared/article/wechatLimits'
import { wechatPreviewOf } from '../../../src/renderer/src/wechat/wechatPreview'
import { assetId, body, campusNews, image, paragraph, text } from '../article/fixtures'

const NOW = new Date('2026-11-20T08:00:00Z')
const options = { draftId: 'd1', assetUrlBase: 'newsroom-asset://' }

describe('wechatPreviewOf', () => {
  it('shows the photos from the draft’s assets but measures what the clipboard gets', () => {
    const source = { title: campusNews.metadata.title, column: campusNews.metadata.column, body: campusNews.body as Draft['body'], metadata: campusNews.metadata }
    const preview = wechatPreviewOf(source, NOW, undefined, options)
    expect(preview.html).toContain(`<img src="newsroom-asset://d1/${assetId(1)}"`)
    expect(preview.html).not.toContain('【图1】')
    const pasted = renderWechatArticle({ body: source.body, metadata: campusNews.metadata }, null)
    expect(preview.size).toEqual(measureWechatContent(pasted.html, 4))
    expect(preview.author).toBe('张三')
    expect(preview.titleUse).toEqual({ used: Array.from(campusNews.metadata.title).length, limit: 32, level: 'ok' })
  })

  it('flags a title longer than the 公众号 allows and falls back to the department as author', () => {
    const title = '关于'.repeat(17)
    const preview = wechatPreviewOf({ title, column: '', body: body(paragraph(text('正文')), image(assetId(2))) as Draft['body'], metadata: { ...campusNews.metadata, authors: [] } }, NOW, undefined, options)
    expect(preview.titleUse).toEqual({ used: 34, limit: 32, level: 'over' })
    expect(preview.author).toBe('双高办')
  })
})
