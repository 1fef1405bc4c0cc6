/// <reference lib="dom" />
/**
 * The baseline for bench:editor: Lexical with rich text and history and nothing else, the article's
 * paragraphs and photos as plain nodes. Bundled with esbuild and served beside bare.html.
 */
import {
  $applyNodeReplacement,
  DecoratorNode,
  createEditor,
  type EditorConfig,
  type LexicalEditor,
  type NodeKey,
  type SerializedLexicalNode
} from 'lexical'
import { registerRichText } from '@lexical/rich-text'
import { createEmptyHistoryState, registerHistory } from '@lexical/history'

type SerializedPhoto = SerializedLexicalNode & { assetId: string }

/** A photo as a bare `<img>`: the least a decorator node can do. */
class PhotoNode extends DecoratorNode<null> {
  __assetId: string

  static override getType(): string {
    return 'image'
  }

  static override clone(node: PhotoNode): PhotoNode {
    return new PhotoNode(node.__assetId, node.__key)
  }

  static override importJSON(json: SerializedPhoto): PhotoNode {
    return $applyNodeReplacement(new PhotoNode(json.assetId))
  }

  constructor(assetId = '', key?: NodeKey) {
    super(key)
    this.__assetId = assetId
  }

  override exportJSON(): SerializedPhoto {
    return { type: 'image', version: 1, assetId: this.__assetId }
  }

  override createDOM(_config: EditorConfig): HTMLElement {
    const element = document.createElement('div')
    element.className = 'bare-photo'
    const img = document.createElement('img')
    img.src = `/assets/${this.__assetId}`
    img.alt = ''
    element.append(img)
    return element
  }

  override updateDOM(): false {
    return false
  }

  override isInline(): false {
    return false
  }

  override decorate(): null {
    return null
  }
}

let current: { editor: LexicalEditor; dispose(): void; root: HTMLElement } | null = null

declare global {
  interface Window {
    /** bench/editor.ts's binding: the app's own `drafts:open` answer for the article, back through the same kind of Playwright round trip the app's invoke makes. */
    __bareDraft(): Promise<{ ok: true; value: { body: unknown } }>
  }
}

/**
 * A fresh editor holding the article, as the app mounts a fresh editor for each draft it opens. `bridge` fetches
 * it as the app does under the harness (so both opens pay one identical transport); `http` is the older, cheaper
 * baseline, a plain loopback fetch.
 */
async function open(via: 'bridge' | 'http' = 'bridge'): Promise<void> {
  current?.dispose()
  current?.root.remove()
  const json =
    via === 'bridge'
      ? ((await window.__bareDraft()).value.body as Parameters<LexicalEditor['parseEditorState']>[0])
      : await (await fetch('/content.json', { cache: 'no-store' })).text()
  const root = document.createElement('div')
  root.className = 'bare-body'
  root.contentEditable = 'true'
  document.getElementById('column')?.append(root)
  const editor = createEditor({
    namespace: 'bare-article',
    nodes: [PhotoNode],
    theme: { paragraph: 'bare-paragraph' },
    onError: (error) => console.error(error)
  })
  const unregister = [registerRichText(editor), registerHistory(editor, createEmptyHistoryState(), 300)]
  editor.setRootElement(root)
  editor.setEditorState(editor.parseEditorState(json))
  current = { editor, root, dispose: () => unregister.forEach((off) => off()) }
}

Object.defineProperty(window, '__bareOpen', { value: open })
