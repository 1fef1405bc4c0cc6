import { $createParagraphNode, $getRoot, $isElementNode, type LexicalNode } from 'lexical'

/** Removes a picture block and leaves the caret where the picture was, so typing carries on there. */
export function $removePhotoBlock(node: LexicalNode): void {
  const next = node.getNextSibling()
  const previous = node.getPreviousSibling()
  if ($isElementNode(next)) next.selectStart()
  else if ($isElementNode(previous)) previous.selectEnd()
  else node.selectPrevious()
  node.remove()
  const root = $getRoot()
  if (root.getChildrenSize() === 0) {
    const paragraph = $createParagraphNode()
    root.append(paragraph)
    paragraph.select()
  }
}
