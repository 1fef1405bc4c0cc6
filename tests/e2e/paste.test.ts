/// <reference lib="dom" />
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import sharp from 'sharp'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { blockText, CORPUS, corpusMissing, openNewDraft, paste, publishedHtml, savedBody, strictBody, expectHarmlessHtml, expectHarmlessJson } from './pasteSupport'
import { TEXT_FORMAT, type ArticleBodyStrict, type ArticleInline, type ArticleList } from '../../src/shared/article/schema'

const unavailable = e2eUnavailableReason()
const missing = corpusMissing('paste-html')
if (unavailable) console.warn(`[e2e] paste skipped: ${unavailable}`)
else if (missing) console.warn(`[e2e] paste corpus tests skipped: ${missing}`)
const suite = unavailable ? describe.skip : describe
const corpusSuite = unavailable || missing ? describe.skip : describe

const html = (name: string) => readFile(join(CORPUS, 'paste-html', name), 'utf8')

function texts(body: ArticleBodyStrict): string[] {
  return body.root.children.map(blockText)
}

function textRuns(nodes: readonly (ArticleInline | ArticleList)[]): { text: string; format: number }[] {
  return nodes.flatMap((node) =>
    node.type === 'text' ? [{ text: node.text, format: node.format }] : 'children' in node ? textRuns(node.children as (ArticleInline | ArticleList)[]) : []
  )
}

function runs(body: ArticleBodyStrict): { text: string; format: number }[] {
  return body.root.children.flatMap((block) => ('children' in block ? textRuns(block.children as (ArticleInline | ArticleList)[]) : []))
}

function formatOf(body: ArticleBodyStrict, text: string): number | undefined {
  return runs(body).find((run) => run.text.includes(text))?.format
}

function lists(body: ArticleBodyStrict): ArticleList[] {
  return body.root.children.filter((block): block is ArticleList => block.type === 'list')
}

/** A list as nested arrays of item texts, for comparing structure: ['1', ['11', ['111', '112']]]. */
type Outline = (string | Outline)[]
function outline(list: ArticleList): Outline {
  return list.children.map((item) => {
    const nested = item.children.find((child): child is ArticleList => child.type === 'list')
    return nested ? outline(nested) : textRuns(item.children).map((run) => run.text).join('')
  })
}


suite('paste', () => {
  let app: LaunchedApp | undefined
  const dialogs: string[] = []
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    expect(dialogs).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  async function launch(): Promise<LaunchedApp> {
    app = await launchApp()
    app.page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`)
      void dialog.dismiss()
    })
    return app
  }

  /** Pastes into a fresh draft and returns the saved body, checked against the article schema. */
  async function pasteIntoNewDraft(
    flavours: { html?: string; text?: string },
    options: { plainShortcut?: boolean; waitFor?: string } = {}
  ): Promise<ArticleBodyStrict> {
    const current = app ?? (await launch())
    await openNewDraft(current.page)
    await paste(current.page, flavours, options)
    // A paste with Word clipboard pictures lands once main has stored them.
    if (options.waitFor) await expect.poll(() => current.page.locator(options.waitFor!).count()).toBeGreaterThan(0)
    const saved = await savedBody(current)
    expectHarmlessJson(saved, 'saved')
    expect(JSON.stringify(saved)).not.toMatch(/<span|<font|mso-/i)
    const body = strictBody(saved)
    expectHarmlessHtml(publishedHtml(body), 'published')
    return body
  }

  corpusSuite('the clipboard corpus (../shared/corpus/paste-html)', () => {
    /** What each capture must give; every one is also checked for schema, styles and harmless HTML. */
    const expectations: Record<string, (body: ArticleBodyStrict) => void> = {
      'ckeditor5/word2016-list-heading1.html': (body) => {
        // Word numbers these headings through mso-list: they stay headings and keep the number the reader saw.
        expect(body.root.children.map((block) => [block.type, block.type === 'heading' ? block.tag : '', blockText(block)])).toEqual([
          ['heading', 'h2', '1. H1 1'],
          ['heading', 'h2', '2. H1 2']
        ])
      },
      'ckeditor5/gdocs-nested-ordered-lists.html': (body) => {
        const [list, ...rest] = lists(body)
        expect(rest).toEqual([])
        expect(list?.listType).toBe('number')
        expect(outline(list!).slice(0, 4)).toEqual([
          '1',
          [
            '11',
            ['111', '112', ['1121', '1122', '1123']],
            '12',
            ['121', '122', ['1221']],
            '13'
          ],
          '2',
          ['21', '22', ['221', '222', '223', ['2231']]]
        ])
        expect(publishedHtml(body)).toMatch(/^<ol>\n<li>1<ol>\n<li>11<ol>\n<li>111<\/li>/)
      },
      'ckeditor5/gdocs-bold-wrapper-windows.html': (body) => {
        // The docs-internal-guid <b style="font-weight:normal"> wraps everything and is not bold.
        expect(runs(body)).toEqual([{ text: 'Hello world', format: 0 }])
      },
      'ckeditor4/gdocs-basic.chrome.html': (body) => {
        const html = publishedHtml(body)
        expect(html).toContain('<a href="https://www.cksource.com/">')
        expect(body.root.children.some((block) => block.type === 'heading' && blockText(block) === 'We have a surprise!')).toBe(true)
        expect(texts(body)).toEqual(expect.arrayContaining(['Simple | Table', 'From | GDocs']))
        const list = outline(lists(body)[0]!)
        expect(list[0]).toBe('Some simple list')
        expect(list[1]).toEqual([
          'With nested items',
          'Some simple list',
          ['With nested items', 'Some simple list'],
          'With nested items',
          'Some simple list',
          ['With nested items', ['Some simple list', ['With nested items']], 'Some simple list']
        ])
        expect(list[2]).toBe('With nestem items')
        // Its three pictures have no usable address ("[image]"): one placeholder each.
        expect(texts(body).filter((text) => text.startsWith('〔图片未能导入'))).toHaveLength(3)
      },
      'ckeditor4/word2013-zh-CN-numbered-list.chrome.html': (body) => expectChineseNumberedList(body),
      'ckeditor4/word2013-zh-CN-numbered-list.firefox.html': (body) => expectChineseNumberedList(body),
      'ckeditor4/word2013-zh-kaiti-blog.firefox.html': (body) => {
        const [bullets, numbers, nested] = lists(body)
        expect(bullets?.listType).toBe('bullet')
        expect(outline(bullets!).slice(0, 3)).toEqual(['Asd', 'Asd', 'Asd'])
        expect(numbers?.listType).toBe('number')
        expect(outline(numbers!)).toEqual(['Asdasdasd'])
        // Level 1 numbered, level 2 Word's "o" bullet: a bulleted list inside the numbered one.
        expect(nested?.listType).toBe('number')
        expect(outline(nested!)).toEqual(['就对腓力说：“我们从哪里买饼给这些人吃呢？Asd', ['Asd']])
        expect(nested!.children[1]?.children[0]).toMatchObject({ type: 'list', listType: 'bullet' })
        expect(texts(body)).toContain('天将晚的时候，十二门徒来到他跟前，说：“请解散众人，好让他们往周围的田舍村庄，去找地方住，找东西吃，因为我们这里是旷野。”路9：12')
        expect(texts(body)).toContain('This is to confuse the hell out of the | fCK editor')
        expect(texts(body)).toContain('〔图片未能导入：clip_image001.jpg（Word 剪贴板中的文件已不存在）〕')
        expect(formatOf(body, 'This is a stress test document')).toBe(TEXT_FORMAT.bold)
      },
      'ckeditor4/word2013-paragraphs-with-headers.firefox.html': (body) => {
        expect(body.root.children.map((block) => block.type)).toEqual(['heading', 'paragraph', 'heading', 'paragraph', 'heading', 'paragraph'])
        expect(texts(body)[0]).toBe('Transforming Turn-Key Content')
        // Word wraps its HTML at 76 columns; the line ends are spaces, not line breaks.
        expect(texts(body)[1]).toBe('Our initiative standardizes a wide-ranging partnership, while pursuing this route will enable us to establish the wide-ranging supply-chains.')
      },
      'ckeditor4/word2013-simple-table.firefox.html': (body) => {
        expect(texts(body)).toEqual(['x\\y | 1 | 2', '1 | 1,1 | 1,2', '2 | 2,1 | 2,2'])
      },
      'ckeditor4/libreoffice6-simple-table.chrome.html': (body) => {
        expect(texts(body)).toEqual([
          'Project Phase | Deadline | Status',
          'Phase 1: Market research | 2019-08-15 | ✓',
          'Phase 2: Editor implementation | 2019-08-20 | ✓',
          'Phase 3: Rollout to Production | 2019-08-22 | ✓'
        ])
        expect(formatOf(body, 'Deadline')).toBe(TEXT_FORMAT.bold)
      },
      'ckeditor5/word-table-cell-properties.html': (body) => {
        expect(texts(body)).toEqual([
          'Project Phase | Deadline | Status',
          'Phase 1: Market research | 2019-10-15 | ✓',
          'Phase 2: Editor features implementation | 2019-10-20 | ✓',
          'Phase 3: Rollout to Production | 2019-10-22 | ✓'
        ])
      },
      'ckeditor5/word2016-image-wrapped.html': (body) => {
        // The picture's bytes are not in the HTML and its msohtmlclip file is not on this computer.
        expect(texts(body)).toEqual(['〔图片未能导入：clip_image001.png（Word 剪贴板中的文件已不存在）〕'])
      },
      'ckeditor5/word2016-multiple-styles-multiline.html': (body) => {
        expect(texts(body)).toEqual(['Line bold and italics', 'Line foo bar', 'Third line styling, space on end'])
        expectStyledRuns(body)
      },
      'ckeditor5/word2016-multiple-styles-multiline.safari-macos.html': (body) => {
        expect(texts(body)).toEqual(['Line boldand italics', 'Line foobar', 'Thirdline styling, space on end'])
        expectStyledRuns(body)
      }
    }

    function expectChineseNumberedList(body: ArticleBodyStrict): void {
      expect(body.root.children.map((block) => block.type)).toEqual(['paragraph', 'paragraph', 'list', 'paragraph', 'paragraph', 'paragraph', 'paragraph'])
      expect(formatOf(body, '销售情况')).toBe(TEXT_FORMAT.bold | TEXT_FORMAT.underline)
      const [list] = lists(body)
      expect(list).toMatchObject({ listType: 'number', start: 1, tag: 'ol' })
      expect(outline(list!)).toEqual([
        '发顺丰发顺丰发顺丰发顺丰发顺丰发顺丰发顺丰发顺丰发顺丰，',
        '发顺丰发顺丰发顺丰发顺丰发顺丰发顺',
        '发顺丰发顺丰发顺丰发顺丰发顺丰发顺还没立项。'
      ])
      // Indented paragraphs of class MsoListParagraph without mso-list are not list items.
      expect(texts(body).slice(3, 5)).toEqual(['销售预计：', '今年年底有600万-700万的销售'])
    }

    function expectStyledRuns(body: ArticleBodyStrict): void {
      expect(formatOf(body, 'bold')).toBe(TEXT_FORMAT.bold)
      expect(formatOf(body, 'italics')).toBe(TEXT_FORMAT.italic)
      expect(formatOf(body, 'foo')).toBe(TEXT_FORMAT.bold | TEXT_FORMAT.underline)
      expect(formatOf(body, 'bar')).toBe(TEXT_FORMAT.underline)
      expect(formatOf(body, 'Third')).toBe(TEXT_FORMAT.strikethrough)
      expect(formatOf(body, 'space on e')).toBe(TEXT_FORMAT.bold | TEXT_FORMAT.italic)
    }

    it('gives a sensible body for every capture, inside the article schema and without styles', async () => {
      const files = [
        ...(await readdir(join(CORPUS, 'paste-html/ckeditor4'))).map((name) => `ckeditor4/${name}`),
        ...(await readdir(join(CORPUS, 'paste-html/ckeditor5'))).map((name) => `ckeditor5/${name}`)
      ].filter((name) => name.endsWith('.html')) // The .rtf capture is another clipboard flavour; we read text/html.
      expect(files.sort()).toEqual(Object.keys(expectations).sort())
      for (const file of files) {
        const body = await pasteIntoNewDraft({ html: await html(file) })
        try {
          expectations[file]!(body)
        } catch (error) {
          throw new Error(`${file}: ${(error as Error).message}\n${publishedHtml(body)}`, { cause: error })
        }
      }
    })

    it('tells the person when pictures could not be imported', async () => {
      await pasteIntoNewDraft({ html: await html('ckeditor5/word2016-image-wrapped.html') })
      const notice = app!.page.getByRole('status').filter({ hasText: '张图片未能导入' })
      await expect.poll(() => notice.textContent()).toContain('1 张图片未能导入')
      await notice.getByRole('button', { name: '关闭' }).click()
      await expect.poll(() => notice.count()).toBe(0)
    })
  })

  it('stores a picture Word left in its clipboard folder and shows it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsroom-wordclip-'))
    try {
      const clip = join(dir, 'AppData', 'Local', 'Temp', 'msohtmlclip1', '01', 'clip_image001.png')
      await mkdir(join(clip, '..'), { recursive: true })
      await writeFile(clip, await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a6' } }).png().toBuffer())
      const url = pathToFileURL(clip).href
      const wordHtml = `<html><body><!--StartFragment--><p class=MsoNormal><span lang=ZH-CN style='font-family:SimSun'>开幕式现场</span></p>
        <p class=MsoNormal><!--[if gte vml 1]><v:imagedata src="${url}" o:title=""/><![endif]--><![if !vml]><img width=40 height=30 src="${url}" alt="开幕式" v:shapes="Picture_x0020_1"><![endif]><o:p></o:p></p>
        <p class=MsoNormal><span style='color:red'>后文</span><img src="https://tracker.example.com/pixel.gif"></p><!--EndFragment--></body></html>`
      const body = await pasteIntoNewDraft({ html: wordHtml }, { waitFor: '.article-body img' })
      const image = body.root.children.find((block) => block.type === 'image')
      expect(image).toMatchObject({ type: 'image', alt: '开幕式', assetId: expect.stringMatching(/^sha256-[0-9a-f]{64}\.png$/) })
      expect(texts(body)).toEqual([
        '开幕式现场',
        `[image ${(image as { assetId: string }).assetId}]`,
        '后文',
        '〔图片未能导入：pixel.gif（网络图片不会自动下载，以免泄露信息；请先把图片保存到电脑再插入）〕'
      ])
      const { drafts } = await app!.services.drafts().list('active')
      const folder = app!.services.drafts().assetsFolder(drafts[0]!.id)
      expect(await readdir(folder)).toEqual([(image as { assetId: string }).assetId])
      const shown = app!.page.locator('.article-body img')
      await expect.poll(() => shown.first().evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(40)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('stores the bytes of a browser\'s "copy image" and never fetches the address in its HTML', async () => {
    const current = await launch()
    await openNewDraft(current.page)
    const png = (await sharp({ create: { width: 24, height: 16, channels: 3, background: '#c33' } }).png().toBuffer()).toString('base64')
    await current.page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))
      const data = new DataTransfer()
      data.items.add(new File([bytes], 'image.png', { type: 'image/png' }))
      data.setData('text/html', '<meta charset="utf-8"><img src="https://tracker.example.com/photo.png" alt="">')
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    }, png)
    await expect.poll(() => current.page.locator('.article-body img').count()).toBeGreaterThan(0)
    const body = strictBody(await savedBody(current))
    expect(body.root.children.filter((block) => block.type === 'image')).toHaveLength(1)
    expect(texts(body).some((text) => text.includes('未能导入'))).toBe(false)
  })

  it('pastes plain text on Ctrl+Shift+V: one paragraph per line, no formatting', async () => {
    const body = await pasteIntoNewDraft(
      { html: '<p><b style="color:red">第一行</b></p><h1>第二行</h1>', text: '第一行\r\n第二行\n\n  第三行\tB栏\n' },
      { plainShortcut: true }
    )
    expect(body.root.children.map((block) => block.type)).toEqual(['paragraph', 'paragraph', 'paragraph'])
    expect(texts(body)).toEqual(['第一行', '第二行', '  第三行\tB栏'])
    expect(runs(body).every((run) => run.format === 0)).toBe(true)
  })

  it('takes a copy from a Lexical editor through the same schema: styles and unknown nodes go, text stays', async () => {
    const current = await launch()
    await openNewDraft(current.page)
    const lexical = JSON.stringify({
      namespace: 'campus-newsroom-article',
      nodes: [
        { type: 'heading', tag: 'h1', version: 1, direction: null, format: '', indent: 0, children: [{ type: 'text', version: 1, text: '标题', format: 16, style: 'color:red', detail: 0, mode: 'normal' }] },
        { type: 'code', version: 1, children: [{ type: 'text', version: 1, text: 'alert(1)', format: 0 }] },
        { type: 'paragraph', version: 1, children: [{ type: 'link', url: 'javascript:alert(1)', version: 1, children: [{ type: 'text', version: 1, text: '链接', format: 1 }] }] }
      ]
    })
    await current.page.evaluate((json) => {
      const data = new DataTransfer()
      data.setData('application/x-lexical-editor', json)
      data.setData('text/html', '<p>HTML 版本</p>')
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    }, lexical)
    const body = strictBody(await savedBody(current))
    expect(body.root.children.map((block) => [block.type, blockText(block)])).toEqual([
      ['heading', '标题'],
      ['paragraph', 'alert(1)'],
      ['paragraph', '链接']
    ])
    expect(formatOf(body, '标题')).toBe(0)
    expect(formatOf(body, '链接')).toBe(TEXT_FORMAT.bold)
  })

  it('continues the sentence when a phrase is pasted into a paragraph', async () => {
    const current = await launch()
    await openNewDraft(current.page)
    await current.page.keyboard.insertText('我校举行')
    await paste(current.page, { html: '<meta charset="utf-8"><span style="font-size:20px">秋季<b>运动会</b></span>' })
    await current.page.keyboard.insertText('。')
    const body = strictBody(await savedBody(current))
    expect(texts(body)).toEqual(['我校举行秋季运动会。'])
    expect(formatOf(body, '运动会')).toBe(TEXT_FORMAT.bold)
  })
})
