import { parseFragment, type DefaultTreeAdapterMap } from 'parse5'
import { describe, expect, it } from 'vitest'
import { expectGolden } from './golden'
import { articleToWechatHtml, renderWechatArticle, WECHAT_HTML_ATTRIBUTES, WECHAT_HTML_TAGS, WECHAT_STYLE_PROPERTIES } from '../../../src/shared/article/toWechatHtml'
import type { Article } from '../../../src/shared/article/toHtml'
import { measureWechatContent, checkWechatFields, WECHAT_IMG_MARKUP_ESTIMATE, WECHAT_LIMITS } from '../../../src/shared/article/wechatLimits'
import { assetId, body, campusNews, gallery, hostile, image, link, listsAndLinks, metadata, paragraph, resolveUploaded, text } from './fixtures'

type Element = DefaultTreeAdapterMap['element']
type Node = DefaultTreeAdapterMap['childNode']

function elements(html: string): Element[] {
  const out: Element[] = []
  const walk = (nodes: Node[]) => {
    for (const node of nodes) {
      if ('tagName' in node) {
        out.push(node)
        walk(node.childNodes)
      }
    }
  }
  walk(parseFragment(html).childNodes)
  return out
}

function styleProperties(style: string): string[] {
  return style
    .split(';')
    .filter((decl) => decl.trim() !== '')
    .map((decl) => decl.slice(0, decl.indexOf(':')).trim())
}

/** Every tag, attribute and style property is one the renderer declares (and docs/wechat.md says the platform keeps). */
function expectOnlyDeclared(html: string): void {
  for (const el of elements(html)) {
    expect(WECHAT_HTML_TAGS as readonly string[], el.tagName).toContain(el.tagName)
    for (const attr of el.attrs) {
      expect([...(WECHAT_HTML_ATTRIBUTES['*'] ?? []), ...(WECHAT_HTML_ATTRIBUTES[el.tagName] ?? [])], `${el.tagName}[${attr.name}]`).toContain(attr.name)
      if (attr.name === 'style') for (const prop of styleProperties(attr.value)) expect(WECHAT_STYLE_PROPERTIES as readonly string[], prop).toContain(prop)
    }
  }
}

const goldens: { name: string; article: Article; photos: 'placeholders' | 'images'; missing?: string[] }[] = [
  { name: 'wechat-campus-news.html', article: campusNews, photos: 'placeholders' },
  { name: 'wechat-campus-news-images.html', article: campusNews, photos: 'images', missing: [assetId(3, 'png')] },
  { name: 'wechat-lists-and-links.html', article: listsAndLinks, photos: 'placeholders' },
  { name: 'wechat-hostile.html', article: hostile, photos: 'images', missing: [assetId(6), assetId(7)] }
]

describe('articleToWechatHtml golden files', () => {
  for (const { name, article, photos, missing = [] } of goldens) {
    it(name, () => {
      const html = articleToWechatHtml(article, photos === 'images' ? resolveUploaded(...missing) : null, { photoCredit: true })
      expectGolden(name, html)
      expectOnlyDeclared(html)
    })
  }
})

describe('articleToWechatHtml', () => {
  it('has no <style>, class, id, script or event attribute, even from hostile input', () => {
    for (const { article } of goldens) {
      const html = articleToWechatHtml(article, resolveUploaded(), { photoCredit: true })
      // Escaped text may spell `onerror=`; the parsed attributes are what count (expectOnlyDeclared).
      expect(html).not.toMatch(/<style|<script|\sclass=|\sid=/i)
      expectOnlyDeclared(html)
    }
  })

  it('numbers photos as placeholders in reading order, galleries stacked, captions styled under each', () => {
    const render = renderWechatArticle(campusNews, null, { photoCredit: true })
    expect(render.photos.map((p) => [p.number, p.assetId, p.caption])).toEqual([
      [1, assetId(1), '会议现场（摄影：赵六）'],
      [2, assetId(2), '分组讨论（摄影：赵六）'],
      [3, assetId(3, 'png'), ''],
      [4, assetId(4, 'webp'), '合影留念（摄影：钱七）']
    ])
    expect(render.html.match(/【图\d】/g)).toEqual(['【图1】', '【图2】', '【图3】', '【图4】'])
    expect(render.html).not.toContain('<img')
    expect(render.text).toContain('【图1】会议现场（摄影：赵六）')
    const shown = articleToWechatHtml(campusNews, resolveUploaded(), {})
    expect(shown.match(/<img /g)).toHaveLength(4)
    expect(shown).toContain('style="display:block;width:100%;height:auto"')
  })

  it('keeps links to 公众号 articles and turns every other link into a numbered note at the end', () => {
    const article = {
      body: body(
        paragraph(
          link('https://mp.weixin.qq.com/s/AbCdEf', text('上期推送')),
          text('，'),
          link('https://www.example.edu.cn/a', text('专题网站')),
          text('，'),
          link('https://www.example.edu.cn/a', text('同一网站')),
          text('，'),
          link('https://mp.weixin.qq.com/cgi-bin/x', text('后台页面'))
        )
      ),
      metadata: metadata()
    }
    const render = renderWechatArticle(article, null)
    expect(render.html).toContain('<a href="https://mp.weixin.qq.com/s/AbCdEf">上期推送</a>')
    expect(render.html.match(/<a /g)).toHaveLength(1)
    expect(render.notes).toEqual([
      { number: 1, text: '专题网站', url: 'https://www.example.edu.cn/a' },
      { number: 2, text: '后台页面', url: 'https://mp.weixin.qq.com/cgi-bin/x' }
    ])
    expect(render.text).toContain('专题网站[1]，同一网站[1]，后台页面[2]')
    expect(render.text.split('\n').slice(-3)).toEqual(['注释', '[1] 专题网站：https://www.example.edu.cn/a', '[2] 后台页面：https://mp.weixin.qq.com/cgi-bin/x'])
  })

  it('keeps lists at most two levels deep', () => {
    const html = articleToWechatHtml(listsAndLinks, null)
    const depthOf = (el: Element): number => {
      let depth = 0
      for (let node: Element | null = el; node; node = 'tagName' in node.parentNode! ? (node.parentNode as Element) : null) if (node.tagName === 'ul' || node.tagName === 'ol') depth += 1
      return depth
    }
    const lists = elements(html).filter((el) => el.tagName === 'ul' || el.tagName === 'ol')
    expect(Math.max(...lists.map(depthOf))).toBe(2)
    // The third level's item joined the second level rather than being lost.
    expect(html).toContain('第二层')
  })

  it('puts the credit line, in the office format, after the body and before the end block', () => {
    const html = articleToWechatHtml({ ...campusNews, creditLine: { script: 'traditional-tw' } }, null, { template: { endText: '— 完 —' } })
    const lines = html.split('\n')
    expect(lines.at(-3)).toContain('（雙高辦 張三供稿/圖；李四校對；王五審核）')
    expect(lines.at(-2)).toContain('— 完 —')
  })

  it('refuses template colours that are not #rrggbb instead of writing them into styles', () => {
    const html = articleToWechatHtml(campusNews, null, { template: { accent: 'red;background:url(javascript:alert(1))' } })
    expect(html).not.toContain('javascript')
    expect(html).toContain('#9b1c1c')
  })

  it('uses one style string per kind of element: no element repeats a declaration', () => {
    const html = articleToWechatHtml(campusNews, resolveUploaded(), { photoCredit: true })
    for (const el of elements(html)) {
      const style = el.attrs.find((a) => a.name === 'style')?.value ?? ''
      const props = styleProperties(style)
      expect(new Set(props).size, style).toBe(props.length)
    }
  })
})

describe('measureWechatContent', () => {
  it('counts characters including the HTML, and UTF-8 bytes', () => {
    const size = measureWechatContent('<p style="margin:0">会议</p>')
    expect(size.characters.used).toBe(26)
    expect(size.bytes.used).toBe(30)
    expect(size.level).toBe('ok')
  })

  it('warns from 90% of the limit and is over at the limit itself ("fewer than 20,000")', () => {
    expect(measureWechatContent('a'.repeat(17_999)).characters.level).toBe('ok')
    expect(measureWechatContent('a'.repeat(18_000)).characters.level).toBe('near')
    expect(measureWechatContent('a'.repeat(19_999)).characters.level).toBe('near')
    expect(measureWechatContent('a'.repeat(20_000)).characters).toEqual({ used: 20_000, limit: 20_000, level: 'over' })
  })

  it('counts the editor’s <img> for each placeholder photo', () => {
    const html = 'a'.repeat(17_000)
    expect(measureWechatContent(html).level).toBe('ok')
    expect(measureWechatContent(html, 3).characters.used).toBe(17_000 + 3 * WECHAT_IMG_MARKUP_ESTIMATE)
    expect(measureWechatContent(html, 3).level).toBe('near')
  })

  it('a long article with many photos is measured as rendered', () => {
    const long = { body: body(...Array.from({ length: 120 }, (_, i) => paragraph(text(`第${String(i)}段`.padEnd(60, '文')))), image(assetId(1), '图')), metadata: metadata() }
    const render = renderWechatArticle(long, null)
    const size = measureWechatContent(render.html, render.photos.length)
    expect(size.characters.used).toBe(Array.from(render.html).length + WECHAT_IMG_MARKUP_ESTIMATE)
    expect(size.characters.used).toBeGreaterThan(WECHAT_LIMITS.contentChars * 0.5)
  })
})

describe('checkWechatFields', () => {
  it('allows each field up to its limit and reports the numbers beyond it', () => {
    const fields = checkWechatFields({ title: '标'.repeat(32), author: '作'.repeat(17), digest: '摘'.repeat(116), sourceUrl: `https://a.cn/${'x'.repeat(1100)}` })
    expect(fields.title).toEqual({ used: 32, limit: 32, level: 'near' })
    expect(fields.author).toEqual({ used: 17, limit: 16, level: 'over' })
    expect(fields.digest.level).toBe('near')
    expect(fields.sourceUrl.level).toBe('over')
  })
})

describe('placeholder gallery and images', () => {
  it('shows a missing photo by its caption when photos are shown', () => {
    const article = { body: body(gallery({ assetId: assetId(1), caption: '甲' }, { assetId: assetId(2), caption: '乙' })), metadata: metadata() }
    const html = articleToWechatHtml(article, resolveUploaded(assetId(2)))
    expect(html.match(/<img /g)).toHaveLength(1)
    expect(html).toContain('>乙</p>')
  })

  it('renders nothing for an empty article', () => {
    expect(articleToWechatHtml({ body: null, metadata: metadata() }, null)).toBe('')
    expect(renderWechatArticle({ body: body(image(assetId(1))), metadata: metadata() }, null).text).toBe('【图1】')
  })
})
