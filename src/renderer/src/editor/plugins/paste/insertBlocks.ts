import { $insertGeneratedNodes } from '@lexical/clipboard'
import { $getRoot, $getSelection, $parseSerializedNode, type LexicalEditor, type LexicalNode, type SerializedLexicalNode } from 'lexical'
import type { ArticleBlock } from '../../../../../shared/article/schema'

/**
 * Inserts article blocks at the selection, as Lexical's own paste does. A single paragraph goes in as
 * its inline content, so pasting a phrase continues the sentence instead of splitting the paragraph.
 * Call inside editor.update (or a command handler).
 */
export function $insertArticleBlocks(editor: LexicalEditor, blocks: readonly ArticleBlock[]): void {
  if (blocks.length === 0) return
  const [first] = blocks
  const serialized: readonly unknown[] = blocks.length === 1 && first?.type === 'paragraph' ? first.children : blocks
  const nodes: LexicalNode[] = serialized.map((node) => $parseSerializedNode(node as SerializedLexicalNode))
  const selection = $getSelection() ?? $getRoot().selectEnd()
  $insertGeneratedNodes(editor, nodes, selection)
}
