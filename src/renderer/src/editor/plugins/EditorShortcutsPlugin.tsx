import { useEffect } from 'react'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getListDepth, $isListNode } from '@lexical/list'
import { mergeRegister } from '@lexical/utils'
import { $createHorizontalRuleNode, INSERT_HORIZONTAL_RULE_COMMAND } from '@lexical/react/LexicalHorizontalRuleNode'
import {
  $getSelection,
  $isParagraphNode,
  $isRangeSelection,
  COMMAND_PRIORITY_HIGH,
  COMMAND_PRIORITY_LOW,
  INDENT_CONTENT_COMMAND,
  IS_APPLE,
  KEY_DOWN_COMMAND,
  KEY_TAB_COMMAND,
  OUTDENT_CONTENT_COMMAND
} from 'lexical'
import { actionForKey, NATIVE_ACTIONS } from '../commands/shortcuts'
import { $blockOf, $readFormatState, $selectionIsInList, $syncSelectionFromDom, MAX_LIST_DEPTH, runEditorAction } from '../commands/formatting'

function $deepestSelectedListDepth(): number {
  const selection = $getSelection()
  if (!$isRangeSelection(selection)) return 0
  let depth = 0
  for (const node of selection.getNodes().concat(selection.anchor.getNode())) {
    const list = $blockOf(node)?.getParent()
    if ($isListNode(list)) depth = Math.max(depth, $getListDepth(list))
  }
  return depth
}

/** A rule typed into an empty paragraph goes there, not after it: no stray empty line above the rule. */
function $insertRuleIntoEmptyParagraph(): boolean {
  const selection = $getSelection()
  if (!$isRangeSelection(selection) || !selection.isCollapsed()) return false
  const block = selection.anchor.getNode().getTopLevelElement()
  if (!$isParagraphNode(block) || block.getChildrenSize() > 0) return false
  block.insertBefore($createHorizontalRuleNode())
  return true
}

/**
 * The keyboard half of the toolbar: every shortcut in SHORTCUTS that Lexical does not handle itself, Tab
 * and Shift+Tab for list nesting, and a guard that keeps indentation to lists.
 */
export function EditorShortcutsPlugin() {
  const [editor] = useLexicalComposerContext()
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          KEY_DOWN_COMMAND,
          (event) => {
            const action = actionForKey(event, IS_APPLE)
            if (action === null || NATIVE_ACTIONS.has(action)) return false
            event.preventDefault()
            $syncSelectionFromDom(editor)
            runEditorAction(editor, action, $readFormatState())
            return true
          },
          COMMAND_PRIORITY_HIGH
        ),
        editor.registerCommand(
          KEY_TAB_COMMAND,
          (event) => {
            // Outside a list Tab leaves the editor, as in any form, so keyboard users can reach what follows.
            if (!$selectionIsInList()) return false
            event.preventDefault()
            editor.dispatchCommand(event.shiftKey ? OUTDENT_CONTENT_COMMAND : INDENT_CONTENT_COMMAND, undefined)
            return true
          },
          COMMAND_PRIORITY_LOW
        ),
        editor.registerCommand(INSERT_HORIZONTAL_RULE_COMMAND, $insertRuleIntoEmptyParagraph, COMMAND_PRIORITY_HIGH),
        editor.registerCommand(
          INDENT_CONTENT_COMMAND,
          // Returning true stops the default handler from indenting paragraphs or nesting lists too deep.
          () => !$selectionIsInList() || $deepestSelectedListDepth() >= MAX_LIST_DEPTH,
          COMMAND_PRIORITY_HIGH
        )
      ),
    [editor]
  )
  return null
}
