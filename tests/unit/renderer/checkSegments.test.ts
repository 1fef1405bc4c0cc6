import { describe, expect, it } from 'vitest'
import { $createParagraphNode, $createTextNode, $getRoot, $isElementNode, $isTextNode, createEditor, type LexicalEditor } from 'lexical'
import { articleNodes } from '../../../src/renderer/src/editor/nodes'
import { $flattenBody, BodyFlattener, articleSegments, bodyRangeOf } from '../../../src/renderer/src/checks/articleSegments'
import { checkInputOf } from '../../../src/shared/checks/input'
import { DEFAULT_CHECK_SETTINGS } from '../../../src/shared/checks/settings'
import type { ArticleBody } from '../../../src/shared/model/draft'

const asset = (n: number) => `sha256-${n.toString(16).padStart(64, '0')}.jpg`
const text = (value: string, format = 0) => ({ type: 'text', text: value, format, detail: 0, mode: 'normal', style: '', version: 1 })
const block = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({ type, children, direction: null, format: '', indent: 0, version: 1, ...extra })

function editorWith(children: unknown[]): LexicalEditor {
  const editor = createEditor({ namespace: 'checks-test', nodes: [...articleNodes], onError: (error) => { throw error } })
  editor.setEditorState(editor.parseEditorState(JSON.stringify({ root: block('root', children) })))
  return editor
}

const body = [
  block('heading', [text('一、会议概况')], { tag: 'h2' }),
  block('paragraph', [text('校长'), text('张三', 1), text('出席,并讲话。'), { type: 'linebreak', version: 1 }, text('详见'), block('link', [text('通知')], { url: 'https://example.com/a', rel: null, target: null, title: null })]),
  block('paragraph', []),
  { type: 'image', version: 1, assetId: asset(1), caption: '会议现场', alt: '', credit: '', width: 'full', align: 'center' },
  block('list', [block('listitem', [text('第一项')], { value: 1 }), block('listitem', [block('list', [block('listitem', [text('子项')], { value: 1 })], { listType: 'bullet', start: 1, tag: 'ul' })], { value: 2 })], { listType: 'number', start: 1, tag: 'ol' }),
  { type: 'gallery', version: 1, images: [{ assetId: asset(2), caption: '', alt: '', credit: '李四' }, { assetId: asset(3), caption: '合影', alt: '', credit: '' }] }
]

describe('the editor flattened into check segments', () => {
  const editor = editorWith(body)
  const flat = editor.getEditorState().read(() => $flattenBody(() => ({ width: 1200, height: 800 }), ['王五']))

  it('gives one segment per block in reading order, keyed by the block, with captions as their own segments', () => {
    expect(flat.segments.map((s) => [s.field, s.text])).toEqual([
      ['body', '一、会议概况'],
      ['body', '校长张三出席,并讲话。\n详见通知'],
      ['body', ''],
      ['caption', '会议现场'],
      ['body', '第一项'],
      ['body', '子项'],
      ['caption', '合影']
    ])
    const keys = editor.getEditorState().read(() => flat.segments.filter((s) => s.field === 'body').map((s) => s.key))
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('lists photos with the credit line’s photographers where a photo names none, and links with their segment', () => {
    expect(flat.photos.map((p) => [p.caption, p.photographer, p.width])).toEqual([
      ['会议现场', '王五', 1200],
      ['', '李四', 1200],
      ['合影', '王五', 1200]
    ])
    expect(flat.links).toEqual([{ segment: 1, href: 'https://example.com/a', start: 14, end: 16 }])
    expect(flat.segments[1]!.text.slice(14, 16)).toBe('通知')
  })

  it('maps a finding’s offsets back to the text nodes, across formatting and line breaks', () => {
    const place = flat.places[1]!
    const comma = flat.segments[1]!.text.indexOf(',')
    const range = bodyRangeOf(place, comma, comma + 1)!
    const third = place.kind === 'body' ? place.pieces[2]! : null
    expect(range.start).toEqual({ key: third!.key, offset: 2 })
    expect(range.end).toEqual({ key: third!.key, offset: 3 })
    const across = bodyRangeOf(place, 1, 4)!
    expect(across.start.key).toBe(place.kind === 'body' ? place.pieces[0]!.key : null)
    expect(across.end).toEqual({ key: place.kind === 'body' ? place.pieces[1]!.key : '', offset: 2 })
    const afterBreak = flat.segments[1]!.text.indexOf('通知')
    expect(bodyRangeOf(place, afterBreak, afterBreak + 2)?.start.offset).toBe(0)
  })

  it('puts 标题 and 副标题 before the body and 摘要 and the credit line after it, moving link segments along', () => {
    const article = articleSegments({ title: '学校召开工作会议', subtitle: '', summary: '会议部署了全年工作。', creditLine: '（党委宣传部 王五供稿）', photographers: [] }, flat)
    expect(article.segments[0]).toEqual({ field: 'title', key: 'title', text: '学校召开工作会议' })
    expect(article.segments.at(-2)?.field).toBe('summary')
    expect(article.segments.at(-1)).toEqual({ field: 'credit', key: 'credit', text: '（党委宣传部 王五供稿）' })
    expect(article.segments.some((s) => s.field === 'subtitle')).toBe(false)
    expect(article.links).toEqual([{ segment: 2, href: 'https://example.com/a', start: 14, end: 16 }])
    expect(article.segments[2]!.text).toContain('详见通知')
  })

  it('gives main’s gate, reading the stored draft, the same texts, photos and links as the live editor', () => {
    const fields = { title: '学校召开工作会议', subtitle: '副题', summary: '摘要一句。', creditLine: '（王五供稿）', photographers: ['王五'] }
    const live = articleSegments(fields, flat)
    const stored = checkInputOf(
      { title: fields.title, body: editor.getEditorState().toJSON() as unknown as ArticleBody, metadata: { subtitle: fields.subtitle, summary: fields.summary, photographers: fields.photographers, publishAt: null } },
      { directory: null, checks: DEFAULT_CHECK_SETTINGS, creditLine: fields.creditLine, photoSize: () => ({ width: 1200, height: 800 }) }
    )
    expect(live.segments.map((s) => [s.field, s.text])).toEqual(stored.segments.map((s) => [s.field, s.text]))
    expect(live.links).toEqual(stored.links)
    expect(flat.photos.map(({ key: _key, ...photo }) => photo)).toEqual(stored.photos.map(({ key: _key, ...photo }) => photo))
  })
})

describe('flattening again after an edit', () => {
  const size = () => ({ width: 1200, height: 800 })
  const full = (editor: LexicalEditor) => editor.getEditorState().read(() => $flattenBody(size, ['王五']))

  /** A flattener fed by the update listener's dirty keys, as the check controller feeds it. */
  function tracked(editor: LexicalEditor) {
    const flattener = new BodyFlattener()
    const reads: string[] = []
    editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      flattener.markDirty(dirtyElements.keys())
      flattener.markDirty(dirtyLeaves)
    })
    const flatten = () => {
      const spy = (key: string) => {
        reads.push(key)
        return size()
      }
      return editor.getEditorState().read(() => flattener.$flatten(spy, ['王五']))
    }
    return { flatten, reads }
  }

  it('re-reads only the blocks an update touched and gives what a full flatten gives', () => {
    const editor = editorWith(body)
    const { flatten } = tracked(editor)
    const before = flatten()
    editor.update(() => {
      const paragraph = $getRoot().getChildAtIndex(1)
      const last = $isElementNode(paragraph) ? paragraph.getFirstDescendant() : null
      if ($isTextNode(last)) last.setTextContent('副校长')
    }, { discrete: true })
    const after = flatten()
    expect(after).toEqual(full(editor))
    expect(after.segments[1]!.text.startsWith('副校长张三')).toBe(true)
    // The untouched heading is the same object as before: it was not read again.
    expect(after.segments[0]).toBe(before.segments[0])
    expect(after.segments[1]).not.toBe(before.segments[1])
  })

  it('follows blocks added and removed, and keeps link offsets on the right segment', () => {
    const editor = editorWith(body)
    const { flatten } = tracked(editor)
    flatten()
    editor.update(() => {
      $getRoot().getChildAtIndex(0)?.insertBefore($createParagraphNode().append($createTextNode('新的导语')))
      $getRoot().getChildAtIndex(3)?.remove()
    }, { discrete: true })
    const after = flatten()
    expect(after).toEqual(full(editor))
    expect(after.segments[0]!.text).toBe('新的导语')
    expect(after.links[0]!.segment).toBe(2)
  })

  it('reads photos every time (a picture’s size arrives without an update)', () => {
    const editor = editorWith(body)
    const { flatten, reads } = tracked(editor)
    flatten()
    const first = reads.length
    flatten()
    expect(reads.length).toBe(first * 2)
    expect(first).toBeGreaterThan(0)
  })
})
