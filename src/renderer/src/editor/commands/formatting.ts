import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text'
import { $isListItemNode, $isListNode, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, REMOVE_LIST_COMMAND } from '@lexical/list'
import { $isLinkNode } from '@lexical/link'
import { $forEachSelectedTextNode, $setBlocksType } from '@lexical/selection'
import { INSERT_HORIZONTAL_RULE_COMMAND } from '@lexical/react/LexicalHorizontalRuleNode'
import { $findMatchingParent } from '@lexical/utils'
import {
  $createParagraphNode,
  $createRangeSelectionFromDom,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  $isRootOrShadowRoot,
  $setSelection,
  createCommand,
  FORMAT_ELEMENT_COMMAND,
  FORMAT_TEXT_COMMAND,
  INDENT_CONTENT_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type ElementFormatType,
  type ElementNode,
  type LexicalCommand,
  type LexicalEditor,
  type LexicalNode
} from 'lexical'
import type { EditorAction } from './shortcuts'

export type BlockKind = 'paragraph' | 'h2' | 'h3' | 'quote' | 'bullet' | 'number' | 'other'
export type Alignment = 'left' | 'center' | 'right' | 'justify'

/** What the toolbar shows as pressed: the formatting at the selection. */
export type FormatState = {
  block: BlockKind
  bold: boolean
  italic: boolean
  underline: boolean
  strikethrough: boolean
  align: Alignment
  /** The link the caret or selection is in. */
  linkUrl: string | null
  inList: boolean
}

export const EMPTY_FORMAT_STATE: FormatState = {
  block: 'paragraph',
  bold: false,
  italic: false,
  underline: false,
  strikethrough: false,
  align: 'left',
  linkUrl: null,
  inList: false
}

/** Opens the link box (add, edit or remove the link at the selection). */
export const OPEN_LINK_EDITOR_COMMAND: LexicalCommand<void> = createCommand('OPEN_LINK_EDITOR_COMMAND')
/** Opens the find bar, with the replace row when the payload is 'replace'. */
export const OPEN_FIND_COMMAND: LexicalCommand<'find' | 'replace'> = createCommand('OPEN_FIND_COMMAND')
export const TOGGLE_FIRST_LINE_INDENT_COMMAND: LexicalCommand<void> = createCommand('TOGGLE_FIRST_LINE_INDENT_COMMAND')

/** Lists nest at most this deep: deeper than that reads as an outline, not an article. */
export const MAX_LIST_DEPTH = 4

/** The block a point sits in: the nearest list item, else the top-level block. */
export function $blockOf(node: LexicalNode): ElementNode | null {
  const item = $findMatchingParent(node, $isListItemNode)
  if (item) return item
  if ($isRootOrShadowRoot(node)) return null
  const top = node.getTopLevelElement()
  return $isElementNode(top) ? top : null
}

function blockKindOf(block: ElementNode | null): BlockKind {
  if (!block) return 'other'
  if ($isListItemNode(block)) {
    const list = block.getParent()
    return $isListNode(list) ? (list.getListType() === 'number' ? 'number' : 'bullet') : 'other'
  }
  if ($isHeadingNode(block)) {
    const tag = block.getTag()
    return tag === 'h2' || tag === 'h3' ? tag : 'other'
  }
  if ($isQuoteNode(block)) return 'quote'
  return block.getType() === 'paragraph' ? 'paragraph' : 'other'
}

function alignmentOf(format: ElementFormatType): Alignment {
  if (format === 'center' || format === 'right' || format === 'justify') return format
  return 'left'
}

export function $readFormatState(): FormatState {
  const selection = $getSelection()
  if (!$isRangeSelection(selection)) return EMPTY_FORMAT_STATE
  const anchor = selection.anchor.getNode()
  const block = $blockOf(anchor)
  const link = $findMatchingParent(anchor, $isLinkNode) ?? $findMatchingParent(selection.focus.getNode(), $isLinkNode)
  return {
    block: blockKindOf(block),
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    underline: selection.hasFormat('underline'),
    strikethrough: selection.hasFormat('strikethrough'),
    align: alignmentOf(block?.getFormatType() ?? ''),
    linkUrl: link ? link.getURL() : null,
    inList: $isListItemNode(block)
  }
}

/** Turns the selected blocks into paragraphs, headings or quotes, keeping their alignment but not list depth. */
export function $setBlockKind(kind: 'paragraph' | 'h2' | 'h3' | 'quote'): void {
  const selection = $getSelection()
  if (!$isRangeSelection(selection)) return
  const create = () => (kind === 'paragraph' ? $createParagraphNode() : kind === 'quote' ? $createQuoteNode() : $createHeadingNode(kind))
  $setBlocksType(selection, create, (from, to) => {
    to.setFormat(from.getFormatType())
  })
}

/**
 * 清除格式: selected text loses bold, italic, underline, strikethrough and any style; the selected blocks
 * become plain left-aligned paragraphs. Lists and links stay: they are content, not formatting.
 */
export function $clearFormatting(): void {
  const selection = $getSelection()
  if (!$isRangeSelection(selection)) return
  $forEachSelectedTextNode((text) => {
    text.setFormat(0)
    text.setStyle('')
  })
  selection.setFormat(0)
  selection.setStyle('')
  const blocks = new Set<ElementNode>()
  for (const node of [selection.anchor.getNode(), ...selection.getNodes(), selection.focus.getNode()]) {
    const block = $blockOf(node)
    if (block) blocks.add(block)
  }
  for (const block of blocks) {
    block.setFormat('')
    if ($isHeadingNode(block) || $isQuoteNode(block)) {
      const paragraph = $createParagraphNode()
      block.replace(paragraph, true)
    }
  }
}

const ALIGNMENT_FORMAT: Record<Alignment, ElementFormatType> = { left: '', center: 'center', right: 'right', justify: 'justify' }

/**
 * Takes the selection from the page. Lexical skips a selectionchange that arrives together with one its
 * own DOM update caused, so a quick Ctrl+Alt+3 then Shift+Home would otherwise act on the old caret.
 */
export function $syncSelectionFromDom(editor: LexicalEditor): void {
  const root = editor.getRootElement()
  const dom = root?.ownerDocument.getSelection() ?? null
  if (!root || !dom || editor.isComposing()) return
  if (!dom.anchorNode || !dom.focusNode || !root.contains(dom.anchorNode) || !root.contains(dom.focusNode)) return
  const fresh = $createRangeSelectionFromDom(dom, editor)
  if (!fresh) return
  const current = $getSelection()
  // Same place: keep the current selection, which carries a pending format (Ctrl+B before typing).
  if ($isRangeSelection(current) && current.anchor.is(fresh.anchor) && current.focus.is(fresh.focus)) return
  const anchor = fresh.anchor.getNode()
  if ($isTextNode(anchor)) {
    fresh.format = anchor.getFormat()
    fresh.style = anchor.getStyle()
  }
  $setSelection(fresh)
}

/** Does what a toolbar button or shortcut asks. `state` is what the toolbar shows now (for toggles). */
export function runEditorAction(editor: LexicalEditor, action: EditorAction, state: FormatState): void {
  const setBlock = (kind: 'paragraph' | 'h2' | 'h3' | 'quote') => editor.update(() => $setBlockKind(kind))
  switch (action) {
    case 'paragraph':
      return setBlock('paragraph')
    case 'heading2':
      return setBlock(state.block === 'h2' ? 'paragraph' : 'h2')
    case 'heading3':
      return setBlock(state.block === 'h3' ? 'paragraph' : 'h3')
    case 'quote':
      return setBlock(state.block === 'quote' ? 'paragraph' : 'quote')
    case 'bold':
    case 'italic':
    case 'underline':
    case 'strikethrough':
      editor.dispatchCommand(FORMAT_TEXT_COMMAND, action)
      return
    case 'bulletList':
      editor.dispatchCommand(state.block === 'bullet' ? REMOVE_LIST_COMMAND : INSERT_UNORDERED_LIST_COMMAND, undefined)
      return
    case 'numberedList':
      editor.dispatchCommand(state.block === 'number' ? REMOVE_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined)
      return
    case 'indent':
      editor.dispatchCommand(INDENT_CONTENT_COMMAND, undefined)
      return
    case 'outdent':
      editor.dispatchCommand(OUTDENT_CONTENT_COMMAND, undefined)
      return
    case 'link':
      editor.dispatchCommand(OPEN_LINK_EDITOR_COMMAND, undefined)
      return
    case 'alignLeft':
      editor.dispatchCommand(FORMAT_ELEMENT_COMMAND, ALIGNMENT_FORMAT.left)
      return
    case 'alignCenter':
      editor.dispatchCommand(FORMAT_ELEMENT_COMMAND, ALIGNMENT_FORMAT.center)
      return
    case 'alignRight':
      editor.dispatchCommand(FORMAT_ELEMENT_COMMAND, ALIGNMENT_FORMAT.right)
      return
    case 'alignJustify':
      editor.dispatchCommand(FORMAT_ELEMENT_COMMAND, ALIGNMENT_FORMAT.justify)
      return
    case 'firstLineIndent':
      editor.dispatchCommand(TOGGLE_FIRST_LINE_INDENT_COMMAND, undefined)
      return
    case 'horizontalRule':
      editor.dispatchCommand(INSERT_HORIZONTAL_RULE_COMMAND, undefined)
      return
    case 'undo':
      editor.dispatchCommand(UNDO_COMMAND, undefined)
      return
    case 'redo':
      editor.dispatchCommand(REDO_COMMAND, undefined)
      return
    case 'clearFormatting':
      editor.update(() => $clearFormatting())
      return
    case 'find':
      editor.dispatchCommand(OPEN_FIND_COMMAND, 'find')
      return
    case 'replace':
      editor.dispatchCommand(OPEN_FIND_COMMAND, 'replace')
      return
  }
}

/** Indenting is for nesting lists; a paragraph's first-line indent is an article-wide setting instead. */
export function $selectionIsInList(): boolean {
  const selection = $getSelection()
  if (!$isRangeSelection(selection)) return false
  return [selection.anchor.getNode(), selection.focus.getNode()].every((node) => $isListItemNode($blockOf(node)))
}
