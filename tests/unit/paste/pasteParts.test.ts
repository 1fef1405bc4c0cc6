import { describe, expect, it, vi } from 'vitest'
import { listMarkerOf } from '../../../src/renderer/src/editor/plugins/paste/listMarkers'
import { plainTextToBlocks, type ConvertedBlock, type PictureRef } from '../../../src/renderer/src/editor/plugins/paste/htmlToBlocks'
import {
  normalizedWordClipUrl,
  placePictures,
  storeWordClips,
  wordClipUrls,
  type PictureWords
} from '../../../src/renderer/src/editor/plugins/paste/pictures'
import { enforceArticleSchema } from '../../../src/renderer/src/editor/plugins/paste/convert'
import { ArticleBodyStrictSchema, type ArticleBlock, type ArticleLink, type ArticleParagraph } from '../../../src/shared/article/schema'

const words: PictureWords = { placeholder: (name, problem) => `〔${name}:${problem}〕`, unnamed: '图片' }
const ASSET = `sha256-${'a'.repeat(64)}.png`
const CLIP = 'file:///C:/Users/x/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png'

const picture = (src: string, extra: Partial<PictureRef> = {}): PictureRef => ({ type: 'picture', src, alt: '', missingName: null, ...extra })
const paragraph = (text: string): ArticleParagraph => ({
  type: 'paragraph',
  version: 1,
  direction: null,
  format: '',
  indent: 0,
  children: [{ type: 'text', version: 1, text, format: 0 }]
})
const texts = (blocks: readonly ArticleBlock[]) => blocks.map((block) => (block.type === 'paragraph' ? block.children.map((c) => ('text' in c ? c.text : c.type)).join('') : block.type))

describe('Word list markers', () => {
  it.each([
    ['1.', 'number', 1],
    ['3)', 'number', 3],
    ['12.\u00a0\u00a0\u00a0', 'number', 12],
    ['a.', 'number', 1],
    ['c)', 'number', 3],
    ['i.', 'number', 1],
    ['iv.', 'number', 4],
    ['一、', 'number', 1],
    ['十二、', 'number', 12],
    ['（三）', 'number', 3],
    ['②', 'number', 2],
    ['·', 'bullet', 1],
    ['o', 'bullet', 1],
    ['§', 'bullet', 1],
    ['\uf0b7', 'bullet', 1],
    ['Ø', 'bullet', 1],
    ['-', 'bullet', 1],
    ['', 'bullet', 1]
  ])('%j is a %s list starting at %i', (marker, kind, start) => {
    expect(listMarkerOf(marker)).toEqual({ kind, start })
  })
})

describe('plain-text paste', () => {
  it('makes one paragraph per line, drops blank lines, keeps tabs, removes control characters', () => {
    const blocks = plainTextToBlocks('第一行\r\n第二行\n\n \n第三\u0007行\tB栏  \r')
    expect(blocks.map((block) => block.children.map((child) => (child.type === 'text' ? child.text : child.type)))).toEqual([
      ['第一行'],
      ['第二行'],
      ['第三行', 'tab', 'B栏']
    ])
    expect(ArticleBodyStrictSchema.safeParse({ root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: blocks } }).success).toBe(true)
  })
})

describe('pictures of pasted HTML', () => {
  it('reads Firefox’s backslashed Word clipboard addresses the way main checks them', () => {
    expect(normalizedWordClipUrl('file:///C:\\Users\\x\\AppData\\Local\\Temp\\msohtmlclip1\\01\\clip_image001.jpg')).toBe(
      'file:///C:/Users/x/AppData/Local/Temp/msohtmlclip1/01/clip_image001.jpg'
    )
    expect(normalizedWordClipUrl('file:///etc/passwd')).toBeNull()
    expect(normalizedWordClipUrl('file:///tmp/msohtmlclip1/../../etc/passwd')).toBeNull()
    expect(normalizedWordClipUrl('https://example.com/msohtmlclip1/01/a.png')).toBeNull()
  })

  it('stores each Word clipboard picture once, even when the HTML shows it twice', async () => {
    const blocks: ConvertedBlock[] = [picture(CLIP), paragraph('中间'), picture(CLIP), picture('https://example.com/a.png')]
    expect(wordClipUrls(blocks)).toEqual([CLIP])
    const importWordClip = vi.fn(async () => ({ assetId: ASSET }))
    const clips = await storeWordClips(wordClipUrls(blocks), { importWordClip })
    expect(importWordClip).toHaveBeenCalledTimes(1)
    const placed = placePictures(blocks, clips, words)
    expect(placed.imported).toBe(2)
    expect(placed.blocks.map((block) => block.type)).toEqual(['image', 'paragraph', 'image', 'paragraph'])
  })

  it('puts a placeholder that says why in place of every picture it cannot have', async () => {
    const missing = 'file:///C:/Temp/msohtmlclip1/01/clip_image002.png'
    const broken = 'file:///C:/Temp/msohtmlclip1/01/clip_image003.emz'
    const clips = await storeWordClips([missing, broken], {
      importWordClip: async (url) => {
        throw Object.assign(new Error('no'), { code: url === missing ? 'not-found' : 'unsupported-file' })
      }
    })
    const placed = placePictures(
      [
        picture(missing),
        picture(broken),
        picture('https://cdn.example.com/photos/%E4%BC%9A%E8%AE%AE.jpg?x=1'),
        picture('file:///home/someone/.ssh/id_rsa'),
        picture('', { alt: '校徽' }),
        picture('', { missingName: 'image3.emf' }),
        picture(`asset:${ASSET}`, { alt: '合影' }),
        picture('asset:../../secret.png')
      ],
      clips,
      words
    )
    expect(texts(placed.blocks)).toEqual([
      '〔clip_image002.png:missing〕',
      '〔clip_image003.emz:unsupported〕',
      '〔会议.jpg:remote〕',
      '〔id_rsa:local-file〕',
      '〔校徽:no-source〕',
      '〔image3.emf:unsupported〕',
      'image',
      '〔secret.png:no-source〕'
    ])
    expect(placed.blocks[6]).toEqual({ type: 'image', version: 1, assetId: ASSET, caption: '', alt: '合影', credit: '', width: 'full', align: 'center' })
    expect(placed.problems.map((p) => p.problem)).toEqual(['missing', 'unsupported', 'remote', 'local-file', 'no-source', 'unsupported', 'no-source'])
  })
})

describe('the schema check after conversion', () => {
  const link: ArticleLink = {
    type: 'link',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    url: 'https://example.edu/',
    rel: null,
    target: null,
    title: null,
    children: [{ type: 'text', version: 1, text: '学校官网', format: 0 }]
  }
  const list: ArticleBlock = {
    type: 'list',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    listType: 'number',
    start: 1,
    tag: 'ol',
    children: [
      { type: 'listitem', version: 1, direction: null, format: '', indent: 0, value: 1, children: [{ type: 'text', version: 1, text: '甲', format: 0 }] },
      { type: 'listitem', version: 1, direction: null, format: '', indent: 0, value: 2, children: [link] }
    ]
  }
  const image: ArticleBlock = { type: 'image', version: 1, assetId: ASSET, caption: '', alt: '合影', credit: '', width: 'full', align: 'center' }
  const all = new Set(['root', 'paragraph', 'text', 'linebreak', 'tab', 'list', 'listitem', 'link', 'image', 'horizontalrule'])

  it('passes valid blocks through unchanged', () => {
    expect(enforceArticleSchema([list, image], all, words)).toEqual([list, image])
  })

  it('falls back to what the editor has registered, keeping the text', () => {
    const bare = new Set(['root', 'paragraph', 'text', 'linebreak', 'tab'])
    expect(texts(enforceArticleSchema([list, image, { type: 'horizontalrule', version: 1 }], bare, words))).toEqual(['甲', '学校官网', '〔合影:failed〕'])
  })

  it('drops what the schema does not know: a javascript: link keeps only its text', () => {
    const hostile = { ...paragraph(''), children: [{ ...link, url: 'javascript:alert(1)' }] } as unknown as ArticleBlock
    expect(enforceArticleSchema([hostile], all, words)).toEqual([paragraph('学校官网')])
  })
})
