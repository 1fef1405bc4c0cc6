import mammoth from 'mammoth'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { articleToDocx, fitToWidth, TEXT_WIDTH_PX, type DocxPicture } from '../../../src/main/services/export/articleDocx'
import { wordPicture } from '../../../src/main/services/export/articleExporter'
import { articleToPlainText, type Article } from '../../../src/shared/article/toHtml'
import { assetId, campusNews, hostile, listsAndLinks } from '../article/fixtures'

async function read(docx: Buffer): Promise<{ html: string; text: string; images: string[]; alts: (string | undefined)[] }> {
  const images: string[] = []
  const alts: (string | undefined)[] = []
  const result = await mammoth.convertToHtml(
    { buffer: docx },
    {
      convertImage: mammoth.images.imgElement(async (image) => {
        images.push(image.contentType)
        // mammoth passes the picture's description along; its types do not say so.
        alts.push((image as { altText?: string }).altText)
        return { src: `media-${images.length}` }
      })
    }
  )
  const text = (await mammoth.extractRawText({ buffer: docx })).value
  return { html: result.value, text, images, alts }
}

describe('articleToDocx', () => {
  let pictures: Map<string, DocxPicture>
  beforeAll(async () => {
    pictures = new Map([
      [assetId(1), await wordPicture(await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#a33' } }).jpeg().toBuffer())],
      [assetId(2), await wordPicture(await sharp({ create: { width: 400, height: 300, channels: 3, background: '#3a3' } }).png().toBuffer())],
      [assetId(4, 'webp'), await wordPicture(await sharp({ create: { width: 320, height: 240, channels: 4, background: '#33a8' } }).webp().toBuffer())]
    ])
  })

  it('carries the whole campus article into Word: masthead, body, pictures, captions, credit line last', async () => {
    const { html, text, images, alts } = await read(await articleToDocx(campusNews, (id) => pictures.get(id) ?? null))
    const paragraphs = text.split('\n').filter((line) => line.trim() !== '')
    expect(paragraphs.slice(0, 4)).toEqual([
      '校园动态',
      '学校召开“双高计划”建设推进会',
      '全面总结2026年建设成效 部署下一阶段重点任务',
      '编辑：陈八\u3000发布日期：2026年11月20日'
    ])
    expect(paragraphs.at(-1)).toBe('（双高办 张三供稿/图；李四校对；王五审核）')
    expect(html).toContain('<h2>一、总结阶段成果</h2>')
    expect(html).toContain('<h3>二、部署下一步工作</h3>')
    expect(html).toContain('<strong>“双高计划”建设推进会</strong>')
    expect(html).toContain('<strong><em>136</em></strong>')
    expect(html).toContain('<a href="https://www.example.edu.cn/sgjh/2026/index.html?from=news&amp;id=7">双高计划专题网站</a>')
    expect(html).toMatch(/<ol><li>对照任务书逐项查漏补缺；<\/li><li>强化<s>过程<\/s>质量监控；<\/li><li>做好迎接中期<strong>绩效评价<\/strong>的准备。<\/li><\/ol>/)
    expect(html).toContain('“建设只有进行时，没有完成时。”')
    for (const caption of ['会议现场', '分组讨论', '合影留念']) expect(text).toContain(caption)
    // Picture 3 (a PNG nobody stored) is left out; the WebP arrives as PNG (it has transparency).
    expect(images).toEqual(['image/jpeg', 'image/png', 'image/png'])
    expect(alts[0]).toBe('推进会会议现场，与会人员正在听取汇报')
    // Every word of the article is there, in the same order as the site shows it.
    const plain = articleToPlainText(campusNews, { header: true }).split('\n')
    let at = 0
    for (const line of plain) {
      const found = text.indexOf(line.replace(/\t/g, ''), at)
      expect(found, line).toBeGreaterThanOrEqual(at)
      at = found
    }
  })

  it('nests lists a level deeper and publishes only safe links', async () => {
    const { html } = await read(await articleToDocx(listsAndLinks, () => null))
    expect(html).toContain('<a href="https://jwc.example.edu.cn/login">教务系统</a>')
    expect(html).toMatch(/<li>本科生<\/li><li>研究生<br \/>（含非全日制）<\/li>/)
    expect(html).toMatch(/<ol><li>第一层<ul><li>第二层/)
    expect(html).not.toMatch(/href="(javascript|data|\/relative)/i)
    expect(html).toContain('点我领奖')
  })

  it('writes hostile text as text', async () => {
    const { text, html } = await read(await articleToDocx(hostile as Article, () => null))
    expect(text).toContain('<script>alert("x")</script>')
    expect(html).not.toContain('<script')
    expect(html).toContain('&lt;script&gt;')
  })

  it('scales a picture down to the text width keeping its shape, never up', () => {
    expect(fitToWidth(1200, 800)).toEqual({ width: TEXT_WIDTH_PX, height: Math.round((800 * TEXT_WIDTH_PX) / 1200) })
    expect(fitToWidth(300, 100)).toEqual({ width: 300, height: 100 })
    expect(TEXT_WIDTH_PX).toBe(601)
  })

  it('turns a camera’s sideways JPEG upright for Word, which ignores EXIF rotation', async () => {
    const sideways = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#888' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer()
    const upright = await wordPicture(sideways)
    expect(upright).toMatchObject({ type: 'jpg', width: 40, height: 60 })
    const meta = await sharp(upright.data).metadata()
    expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([40, 60, 1])
  })
})
