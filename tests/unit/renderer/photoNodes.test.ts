import { describe, expect, it } from 'vitest'
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  createEditor,
  type LexicalEditor,
  type LexicalNode
} from 'lexical'
import { articleNodes } from '../../../src/renderer/src/editor/nodes'
import { loadArticleBody } from '../../../src/renderer/src/editor/body'
import {
  $createImageNode,
  $createImageNodeFromPhoto,
  $isImageNode,
  newArticlePhoto,
  readArticleImage
} from '../../../src/renderer/src/editor/nodes/ImageNode'
import { $createGalleryNode, $isGalleryNode, galleryRuns, readArticleGallery } from '../../../src/renderer/src/editor/nodes/GalleryNode'
import { $insertGalleries, $insertImages, $insertBlockAt } from '../../../src/renderer/src/editor/plugins/images/commands'
import { $removePhotoBlock } from '../../../src/renderer/src/editor/plugins/images/removePhotoBlock'
import { ArticleBodyStrictSchema, type ArticlePhoto } from '../../../src/shared/article/schema'

const assetId = (n: number): string => `sha256-${n.toString(16).padStart(64, '0')}.jpg`
const photo = (n: number, caption = ''): ArticlePhoto => ({ assetId: assetId(n), caption, alt: '', credit: '' })

function newEditor(): LexicalEditor {
  return createEditor({
    namespace: 'photo-test',
    nodes: [...articleNodes],
    onError: (error) => {
      throw error
    }
  })
}

function edit(editor: LexicalEditor, change: () => void): void {
  editor.update(change, { discrete: true })
}

function blocksOf(editor: LexicalEditor): { type: string; text?: string; images?: number }[] {
  return editor.getEditorState().read(() =>
    $getRoot()
      .getChildren()
      .map((node: LexicalNode) =>
        $isGalleryNode(node) ? { type: 'gallery', images: node.getPhotos().length } : $isImageNode(node) ? { type: 'image' } : { type: node.getType(), text: node.getTextContent() }
      )
  )
}

/**
 * A body of just this block, as it reaches draft.json. Only the block is checked against the strict schema:
 * Lexical's paragraphs and root carry defaults of their own that the save path strips.
 */
function onDisk(block: unknown): unknown {
  return JSON.parse(JSON.stringify({ root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [block] } }))
}

/** A paragraph with text, then an empty paragraph holding the caret: a body someone is typing in. */
function typingAfterText(editor: LexicalEditor): void {
  edit(editor, () => {
    const first = $createParagraphNode().append($createTextNode('开幕式上，校长致辞。'))
    const second = $createParagraphNode()
    $getRoot().clear().append(first, second)
    second.select()
  })
}

describe('ImageNode', () => {
  it('saves exactly the schema’s image block and loads it back unchanged', () => {
    const editor = newEditor()
    const image = { assetId: assetId(1), caption: '会议现场', alt: '礼堂里坐满了学生', credit: '王小明', width: 'half', align: 'right' } as const
    edit(editor, () => {
      $getRoot().clear().append($createImageNode(image), $createParagraphNode())
    })
    const saved = editor.getEditorState().toJSON()
    expect(saved.root.children[0]).toStrictEqual({ type: 'image', version: 1, ...image })
    expect(ArticleBodyStrictSchema.safeParse(onDisk(saved.root.children[0])).success).toBe(true)

    const reloaded = newEditor()
    reloaded.setEditorState(reloaded.parseEditorState(JSON.stringify(saved)))
    expect(reloaded.getEditorState().toJSON()).toStrictEqual(saved)
  })

  it('keeps changed fields and never the picture’s address', () => {
    const editor = newEditor()
    edit(editor, () => {
      const node = $createImageNodeFromPhoto(photo(2))
      $getRoot().clear().append(node)
      node.setFields({ caption: '合影', credit: '李华', width: 'wide', align: 'left' })
    })
    const [block] = editor.getEditorState().toJSON().root.children
    expect(block).toStrictEqual({ type: 'image', version: 1, assetId: assetId(2), caption: '合影', alt: '', credit: '李华', width: 'wide', align: 'left' })
  })

  it('refuses a body whose picture is a data URL or a path, instead of loading it emptied', () => {
    for (const bad of ['data:image/png;base64,iVBORw0KGgo=', '/home/teacher/photo.jpg', 'C:\\Users\\photo.jpg', '']) {
      expect(() => readArticleImage({ type: 'image', assetId: bad })).toThrow(/stored picture/)
      const body = { root: { type: 'root' as const, version: 1, direction: null, format: '', indent: 0, children: [{ type: 'image', version: 1, assetId: bad }] } }
      expect(loadArticleBody(body).ok).toBe(false)
    }
  })

  it('fills what an older or hand-edited block lacks with defaults', () => {
    expect(readArticleImage({ type: 'image', assetId: assetId(3), caption: '  校门\n口  ', width: 'huge' })).toStrictEqual({
      type: 'image',
      version: 1,
      assetId: assetId(3),
      caption: '校门 口',
      alt: '',
      credit: '',
      width: 'full',
      align: 'center'
    })
    expect(newArticlePhoto(assetId(4))).toStrictEqual(photo(4))
  })
})

describe('GalleryNode', () => {
  it('saves exactly the schema’s gallery block and loads it back unchanged', () => {
    const editor = newEditor()
    edit(editor, () => {
      $getRoot()
        .clear()
        .append($createGalleryNode([photo(1, '入场'), photo(2, '升旗'), photo(3, '合影')]), $createParagraphNode())
    })
    const saved = editor.getEditorState().toJSON()
    expect(saved.root.children[0]).toStrictEqual({ type: 'gallery', version: 1, images: [photo(1, '入场'), photo(2, '升旗'), photo(3, '合影')] })
    expect(ArticleBodyStrictSchema.safeParse(onDisk(saved.root.children[0])).success).toBe(true)
    const reloaded = newEditor()
    reloaded.setEditorState(reloaded.parseEditorState(JSON.stringify(saved)))
    expect(reloaded.getEditorState().toJSON()).toStrictEqual(saved)
  })

  it('holds two to four photos', () => {
    expect(() => readArticleGallery({ images: [photo(1)] })).toThrow(/2 to 4/)
    expect(() => readArticleGallery({ images: [1, 2, 3, 4, 5].map((n) => photo(n)) })).toThrow(/2 to 4/)
    const editor = newEditor()
    let overflow: ArticlePhoto[] = []
    edit(editor, () => {
      const gallery = $createGalleryNode([photo(1), photo(2), photo(3)])
      $getRoot().clear().append(gallery)
      overflow = gallery.addPhotos([photo(4), photo(5)])
    })
    expect(overflow).toStrictEqual([photo(5)])
    expect(blocksOf(editor)).toStrictEqual([{ type: 'gallery', images: 4 }])
  })

  it('edits one photo’s caption and becomes an image when one photo is left', () => {
    const editor = newEditor()
    edit(editor, () => {
      const gallery = $createGalleryNode([photo(1), photo(2), photo(3)])
      $getRoot().clear().append(gallery, $createParagraphNode())
      gallery.setPhoto(1, { caption: '颁奖' })
    })
    const saved = editor.getEditorState().toJSON().root.children[0] as unknown as { images: ArticlePhoto[] }
    expect(saved.images.map((p) => p.caption)).toStrictEqual(['', '颁奖', ''])

    edit(editor, () => {
      const gallery = $getRoot().getFirstChild()
      if (!$isGalleryNode(gallery)) throw new Error('no gallery')
      const after = gallery.removePhoto(0)
      expect($isGalleryNode(after)).toBe(true)
    })
    expect(blocksOf(editor)[0]).toStrictEqual({ type: 'gallery', images: 2 })
    edit(editor, () => {
      const gallery = $getRoot().getFirstChild()
      if (!$isGalleryNode(gallery)) throw new Error('no gallery')
      gallery.removePhoto(1)
    })
    const [image] = editor.getEditorState().toJSON().root.children
    expect(image).toStrictEqual({ type: 'image', version: 1, ...photo(2, '颁奖'), width: 'full', align: 'center' })
  })

  it('splits many photos into galleries of up to four, a photo left alone becoming an image', () => {
    const photos = [1, 2, 3, 4, 5, 6].map((n) => photo(n))
    expect(galleryRuns(photos).map((run) => run.length)).toStrictEqual([4, 2])
    expect(galleryRuns(photos.slice(0, 5)).map((run) => run.length)).toStrictEqual([4, 1])
    expect(galleryRuns([])).toStrictEqual([])
  })
})

describe('inserting photos', () => {
  it('puts pictures above the empty line being typed on and leaves the caret there', () => {
    const editor = newEditor()
    typingAfterText(editor)
    edit(editor, () => $insertImages({ photos: [photo(1), photo(2)] }))
    expect(blocksOf(editor)).toStrictEqual([
      { type: 'paragraph', text: '开幕式上，校长致辞。' },
      { type: 'image' },
      { type: 'image' },
      { type: 'paragraph', text: '' }
    ])
    edit(editor, () => {
      const selection = $getSelection()
      expect($isRangeSelection(selection) && selection.anchor.getNode()).toBe($getRoot().getLastChild())
    })
  })

  it('splits a paragraph at the caret and leaves a line to type on after a picture at the end', () => {
    const editor = newEditor()
    edit(editor, () => {
      const text = $createTextNode('上午九点开幕')
      $getRoot().clear().append($createParagraphNode().append(text))
      text.select(4, 4)
    })
    edit(editor, () => $insertGalleries({ photos: [1, 2, 3, 4, 5].map((n) => photo(n)) }))
    expect(blocksOf(editor)).toStrictEqual([
      { type: 'paragraph', text: '上午九点' },
      { type: 'gallery', images: 4 },
      { type: 'image' },
      { type: 'paragraph', text: '开幕' }
    ])

    const atEnd = newEditor()
    edit(atEnd, () => {
      $getRoot().clear().append($createParagraphNode().append($createTextNode('结尾')))
      $getRoot().selectEnd()
    })
    edit(atEnd, () => $insertImages({ photos: [photo(7)] }))
    expect(blocksOf(atEnd).map((b) => b.type)).toStrictEqual(['paragraph', 'image', 'paragraph'])
  })

  it('inserts beside a chosen block, or at the end when that block has gone', () => {
    const editor = newEditor()
    typingAfterText(editor)
    const firstKey = editor.getEditorState().read(() => $getRoot().getFirstChildOrThrow().getKey())
    edit(editor, () => $insertImages({ photos: [photo(1)], place: { beside: firstKey, side: 'before' } }))
    expect(blocksOf(editor).map((b) => b.type)).toStrictEqual(['image', 'paragraph', 'paragraph'])
    edit(editor, () => $insertImages({ photos: [photo(2)], place: { beside: 'no-such-key', side: 'after' } }))
    expect(blocksOf(editor).map((b) => b.type)).toStrictEqual(['image', 'paragraph', 'paragraph', 'image', 'paragraph'])
  })

  it('moves a block to another place (as a drag does) without copying it', () => {
    const editor = newEditor()
    typingAfterText(editor)
    edit(editor, () => $insertImages({ photos: [photo(1)] }))
    const [firstKey, imageKey] = editor.getEditorState().read(() => $getRoot().getChildren().map((n) => n.getKey()))
    edit(editor, () => {
      const image = $getRoot().getChildren().find((n) => n.getKey() === imageKey)!
      $insertBlockAt(image, { beside: firstKey!, side: 'before' })
    })
    expect(blocksOf(editor).map((b) => b.type)).toStrictEqual(['image', 'paragraph', 'paragraph'])
  })
})

describe('removing a photo block', () => {
  it('leaves the caret where the picture was, and an empty body still has a line to type on', () => {
    const editor = newEditor()
    typingAfterText(editor)
    edit(editor, () => $insertImages({ photos: [photo(1)] }))
    edit(editor, () => $removePhotoBlock($getRoot().getChildAtIndex(1)!))
    expect(blocksOf(editor).map((b) => b.type)).toStrictEqual(['paragraph', 'paragraph'])

    const only = newEditor()
    edit(only, () => {
      $getRoot().clear().append($createImageNodeFromPhoto(photo(1)))
    })
    edit(only, () => $removePhotoBlock($getRoot().getFirstChildOrThrow()))
    expect(blocksOf(only)).toStrictEqual([{ type: 'paragraph', text: '' }])
  })
})
