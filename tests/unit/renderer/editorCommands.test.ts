import { describe, expect, it } from 'vitest'
import { createEditor, $createParagraphNode, $createRangeSelection, $createTextNode, $getRoot, $setSelection, UNDO_COMMAND, type LexicalEditor, type TextNode } from 'lexical'
import { $createHeadingNode, HeadingNode, QuoteNode, registerRichText } from '@lexical/rich-text'
import { ListItemNode, ListNode, registerList } from '@lexical/list'
import { $createLinkNode, AutoLinkNode, LinkNode } from '@lexical/link'
import { HorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode'
import { createEmptyHistoryState, registerHistory } from '@lexical/history'
import {
  $clearFormatting,
  $readFormatState,
  $setBlockKind,
  EMPTY_FORMAT_STATE,
  runEditorAction
} from '../../../src/renderer/src/editor/commands/formatting'
import { $findInDocument, replaceMatches } from '../../../src/renderer/src/editor/plugins/find/documentSearch'
import { storedBodyOf } from '../../../src/renderer/src/editor/storedBody'
import { ArticleBodyStrictSchema, TEXT_FORMAT } from '../../../src/shared/article/schema'

// Headless: the editor runs without a DOM, so these are the document operations the toolbar performs.
function headlessEditor(): LexicalEditor {
  const editor = createEditor({
    namespace: 'editor-commands-test',
    nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode, AutoLinkNode, HorizontalRuleNode],
    onError: (error) => {
      throw error
    }
  })
  registerRichText(editor)
  registerList(editor)
  registerHistory(editor, createEmptyHistoryState(), 0)
  return editor
}

const now = (editor: LexicalEditor, fn: () => void) => editor.update(fn, { discrete: true })
const settled = () => new Promise((resolve) => setTimeout(resolve, 0))
const text = (editor: LexicalEditor) => editor.getEditorState().read(() => $getRoot().getTextContent())
const saved = (editor: LexicalEditor) => storedBodyOf(editor.getEditorState().toJSON())

/** One paragraph per entry; each entry is a list of [text, format] pieces. */
function write(editor: LexicalEditor, paragraphs: (readonly [string, number])[][]): TextNode[][] {
  const nodes: TextNode[][] = []
  now(editor, () => {
    const root = $getRoot().clear()
    for (const pieces of paragraphs) {
      const paragraph = $createParagraphNode()
      const row = pieces.map(([t, format]) => $createTextNode(t).setFormat(format))
      paragraph.append(...row)
      root.append(paragraph)
      nodes.push(row)
    }
  })
  return nodes
}

function select(editor: LexicalEditor, from: TextNode, fromOffset: number, to: TextNode, toOffset: number): void {
  now(editor, () => {
    const selection = $createRangeSelection()
    selection.anchor.set(from.getKey(), fromOffset, 'text')
    selection.focus.set(to.getKey(), toOffset, 'text')
    // What Lexical does when the writer puts the caret somewhere: typing continues in that text's format.
    selection.format = from.getLatest().getFormat()
    $setSelection(selection)
  })
}

describe('toolbar commands on the document', () => {
  it('reads the formatting at the caret for the toolbar', () => {
    const editor = headlessEditor()
    const [[plain, bold] = []] = write(editor, [[['普通', 0], ['加粗', TEXT_FORMAT.bold | TEXT_FORMAT.italic]]])
    select(editor, bold!, 1, bold!, 1)
    const state = editor.getEditorState().read($readFormatState)
    expect(state).toEqual({ ...EMPTY_FORMAT_STATE, bold: true, italic: true })
    select(editor, plain!, 1, plain!, 1)
    expect(editor.getEditorState().read($readFormatState).bold).toBe(false)
  })

  it('turns paragraphs into headings and quotes and back, keeping their alignment', () => {
    const editor = headlessEditor()
    const [[a] = [], [b] = []] = write(editor, [[['一', 0]], [['二', 0]]])
    now(editor, () => a!.getParentOrThrow().setFormat('center'))
    select(editor, a!, 0, b!, 1)
    now(editor, () => $setBlockKind('h2'))
    const blocks = () => editor.getEditorState().read(() => $getRoot().getChildren().map((n) => [n.getType(), n instanceof HeadingNode ? n.getTag() : null]))
    expect(blocks()).toEqual([
      ['heading', 'h2'],
      ['heading', 'h2']
    ])
    now(editor, () => $setBlockKind('quote'))
    expect(blocks()).toEqual([
      ['quote', null],
      ['quote', null]
    ])
    now(editor, () => $setBlockKind('paragraph'))
    expect(blocks()).toEqual([
      ['paragraph', null],
      ['paragraph', null]
    ])
    expect(saved(editor).root.children[0]).toMatchObject({ format: 'center' })
  })

  it('clears formatting of the selected words only, turns a heading back into body text, and keeps links', async () => {
    const editor = headlessEditor()
    now(editor, () => {
      const heading = $createHeadingNode('h3')
      heading.setFormat('right')
      const link = $createLinkNode('https://www.example.edu.cn/').append($createTextNode('官网').setFormat(TEXT_FORMAT.bold))
      heading.append($createTextNode('加粗倾斜').setFormat(TEXT_FORMAT.bold | TEXT_FORMAT.italic).setStyle('color: red'), link)
      $getRoot().clear().append(heading)
      const first = heading.getFirstChildOrThrow<TextNode>()
      const selection = $createRangeSelection()
      selection.anchor.set(first.getKey(), 2, 'text')
      selection.focus.set(link.getFirstChildOrThrow<TextNode>().getKey(), 2, 'text')
      $setSelection(selection)
      $clearFormatting()
    })
    await settled()
    const body = saved(editor)
    expect(ArticleBodyStrictSchema.safeParse(body).success).toBe(true)
    expect(body.root.children).toMatchObject([
      {
        type: 'paragraph',
        format: '',
        children: [
          { type: 'text', text: '加粗', format: TEXT_FORMAT.bold | TEXT_FORMAT.italic },
          { type: 'text', text: '倾斜', format: 0 },
          { type: 'link', url: 'https://www.example.edu.cn/', children: [{ type: 'text', text: '官网', format: 0 }] }
        ]
      }
    ])
    expect(JSON.stringify(editor.getEditorState().toJSON())).not.toContain('color: red","text":"倾斜')
  })

  it('makes and unmakes lists through the same actions the buttons use', async () => {
    const editor = headlessEditor()
    const [[a] = []] = write(editor, [[['第一项', 0]]])
    select(editor, a!, 1, a!, 1)
    runEditorAction(editor, 'numberedList', editor.getEditorState().read($readFormatState))
    await settled()
    expect(editor.getEditorState().read($readFormatState)).toMatchObject({ block: 'number', inList: true })
    expect(saved(editor).root.children[0]).toMatchObject({ type: 'list', listType: 'number', tag: 'ol' })
    runEditorAction(editor, 'numberedList', editor.getEditorState().read($readFormatState))
    await settled()
    expect(saved(editor).root.children[0]).toMatchObject({ type: 'paragraph' })
  })

  it('replaces every match, across bold and plain pieces, in one step that one undo takes back', async () => {
    const editor = headlessEditor()
    write(editor, [
      [
        ['Campus 校', 0],
        ['园', TEXT_FORMAT.bold],
        [' campus', 0]
      ],
      [['另一段 CAMPUS 校园', 0]]
    ])
    await settled()
    const before = text(editor)
    const campus = editor.getEditorState().read(() => $findInDocument('campus'))
    expect(campus).toHaveLength(3)
    replaceMatches(editor, campus, '学校')
    await settled()
    const xiaoyuan = editor.getEditorState().read(() => $findInDocument('校园'))
    expect(xiaoyuan).toHaveLength(2)
    replaceMatches(editor, xiaoyuan, '校区')
    await settled()
    expect(text(editor)).toBe('学校 校区 学校\n\n另一段 学校 校区')
    expect(ArticleBodyStrictSchema.safeParse(saved(editor)).success).toBe(true)

    editor.dispatchCommand(UNDO_COMMAND, undefined)
    await settled()
    expect(text(editor)).toBe('学校 校园 学校\n\n另一段 学校 校园')
    editor.dispatchCommand(UNDO_COMMAND, undefined)
    await settled()
    expect(text(editor)).toBe(before)
  })
})

describe('storedBodyOf', () => {
  const lexicalParagraph = (children: unknown[]) => ({
    type: 'paragraph',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children
  })
  const lexicalText = (t: string, format = 0) => ({ type: 'text', version: 1, text: t, format, detail: 0, mode: 'normal', style: '' })

  it('saves what the editor holds inside the closed schema', () => {
    const state = { root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [lexicalParagraph([lexicalText('正文', 1)])] } }
    const body = storedBodyOf(state as never)
    expect(ArticleBodyStrictSchema.safeParse(body).success).toBe(true)
    expect(body.root.children[0]).toEqual({ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, children: [{ type: 'text', version: 1, text: '正文', format: 1 }] })
  })

  it('keeps the editor JSON as it is rather than lose a node the schema does not know', () => {
    const state = {
      root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [{ type: 'future-block', version: 1, data: 'x' }, lexicalParagraph([lexicalText('正文')])] }
    }
    expect(storedBodyOf(state as never)).toBe(state)
  })
})
