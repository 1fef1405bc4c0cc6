import { useEffect } from 'react'
import {
  $createNodeSelection,
  $getNearestNodeFromDOMNode,
  $getNodeByKey,
  $getSelection,
  $isNodeSelection,
  $setSelection,
  COMMAND_PRIORITY_CRITICAL,
  COMMAND_PRIORITY_EDITOR,
  COMMAND_PRIORITY_HIGH,
  COPY_COMMAND,
  CUT_COMMAND,
  DRAGOVER_COMMAND,
  DRAGSTART_COMMAND,
  DROP_COMMAND,
  KEY_BACKSPACE_COMMAND,
  KEY_DELETE_COMMAND,
  KEY_DOWN_COMMAND,
  PASTE_COMMAND,
  type LexicalEditor,
  type LexicalNode
} from 'lexical'
import { mergeRegister } from '@lexical/utils'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { useOptionalAssets } from './AssetContext'
import {
  $insertBlockAt,
  $insertGalleries,
  $insertImages,
  $isPhotoBlock,
  INSERT_GALLERY_COMMAND,
  INSERT_IMAGE_COMMAND,
  OPEN_PHOTOS_COMMAND,
  type PhotoPlace
} from './commands'
import { addDroppedFiles, insertSession } from './importPhotos'
import { $removePhotoBlock } from './removePhotoBlock'

/** More photos than this dropped at once (or any folder) are for choosing in the culling view, not inserting. */
const DIRECT_INSERT_MAX = 5

/** Carries the key of a photo block being moved by drag; never leaves this editor. */
const PHOTO_DRAG_TYPE = 'application/x-newsroom-photo-block'

/** A caption, alt or credit field inside a photo block: its keys, copy and paste belong to the field. */
function isPhotoField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.matches('input, textarea') && target.closest('.photo-block') !== null
}

/**
 * The place a drop lands: beside the top-level block nearest the pointer, above it when the pointer is in its
 * upper half. Whole blocks, never inside a sentence: a picture does not split a paragraph it is dragged over.
 */
function $dropPlace(editor: LexicalEditor, event: DragEvent): PhotoPlace {
  const root = editor.getRootElement()
  let best: { element: Element; distance: number } | null = null
  for (const element of root ? Array.from(root.children) : []) {
    const rect = element.getBoundingClientRect()
    const distance = event.clientY < rect.top ? rect.top - event.clientY : event.clientY > rect.bottom ? event.clientY - rect.bottom : 0
    if (!best || distance < best.distance) best = { element, distance }
  }
  const node = best ? $getNearestNodeFromDOMNode(best.element)?.getTopLevelElement() : null
  if (!best || !node) return { atEnd: true }
  const rect = best.element.getBoundingClientRect()
  return { beside: node.getKey(), side: event.clientY < rect.top + rect.height / 2 ? 'before' : 'after' }
}

function $movePhotoBlock(node: LexicalNode, place: PhotoPlace): void {
  if ('beside' in place && place.beside === node.getKey()) return
  $insertBlockAt(node, place)
  const selection = $createNodeSelection()
  selection.add(node.getKey())
  $setSelection(selection)
}

function $selectedPhotoBlocks(): LexicalNode[] {
  const selection = $getSelection()
  return $isNodeSelection(selection) ? selection.getNodes().filter($isPhotoBlock) : []
}

/** Image files on the clipboard, only when nothing richer is there: HTML pastes belong to the paste plugin. */
function pastedImageFiles(data: DataTransfer): File[] {
  if (data.types.includes('text/html')) return []
  return Array.from(data.files).filter((file) => file.type.startsWith('image/'))
}

/**
 * Pictures in the body: the insert commands, dropping and pasting image files, moving a photo block by drag,
 * and deleting a selected one with Backspace or Delete.
 */
export function ImagesPlugin() {
  const [editor] = useLexicalComposerContext()
  const assets = useOptionalAssets()

  useEffect(() => {
    if (!assets) return
    const { draftId, photoCredit, reportFailures } = assets
    // Imports first (asynchronous, over IPC), then one synchronous insert through the command.
    const insertFiles = async (files: File[], place: PhotoPlace | undefined): Promise<void> => {
      const { session, failures, folders } = await addDroppedFiles(files)
      const forChoosing = session !== null && session.photos.length > 0 && (folders > 0 || session.photos.length > DIRECT_INSERT_MAX)
      if (forChoosing && editor.dispatchCommand(OPEN_PHOTOS_COMMAND, { ...session, refused: failures })) return
      reportFailures(failures)
      if (!session) return
      const inserted = await insertSession(draftId, session, photoCredit)
      reportFailures(inserted.failures)
      const { photos } = inserted
      if (photos.length > 0) editor.dispatchCommand(INSERT_IMAGE_COMMAND, place ? { photos, place } : { photos })
    }
    const ownField = (event: Event | null): boolean => isPhotoField(event?.target ?? null)
    const deleteSelected = (event: KeyboardEvent): boolean => {
      const blocks = $selectedPhotoBlocks()
      if (blocks.length === 0) return false
      event.preventDefault()
      for (const block of blocks) $removePhotoBlock(block)
      return true
    }

    return mergeRegister(
      editor.registerCommand(
        INSERT_IMAGE_COMMAND,
        (payload) => {
          $insertImages(payload)
          return true
        },
        COMMAND_PRIORITY_EDITOR
      ),
      editor.registerCommand(
        INSERT_GALLERY_COMMAND,
        (payload) => {
          $insertGalleries(payload)
          return true
        },
        COMMAND_PRIORITY_EDITOR
      ),
      // Returning true stops Lexical (and other plugins) without preventing the field's own behaviour.
      editor.registerCommand(KEY_DOWN_COMMAND, ownField, COMMAND_PRIORITY_CRITICAL),
      editor.registerCommand(PASTE_COMMAND, ownField, COMMAND_PRIORITY_CRITICAL),
      editor.registerCommand(COPY_COMMAND, ownField, COMMAND_PRIORITY_CRITICAL),
      editor.registerCommand(CUT_COMMAND, ownField, COMMAND_PRIORITY_CRITICAL),
      editor.registerCommand(KEY_BACKSPACE_COMMAND, deleteSelected, COMMAND_PRIORITY_HIGH),
      editor.registerCommand(KEY_DELETE_COMMAND, deleteSelected, COMMAND_PRIORITY_HIGH),
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          if (!(event instanceof ClipboardEvent) || !event.clipboardData) return false
          const files = pastedImageFiles(event.clipboardData)
          if (files.length === 0) return false
          event.preventDefault()
          void insertFiles(files, undefined)
          return true
        },
        COMMAND_PRIORITY_HIGH
      ),
      editor.registerCommand(
        DRAGSTART_COMMAND,
        (event) => {
          const target = event.target
          if (!(target instanceof HTMLElement) || !event.dataTransfer || isPhotoField(target)) return false
          const blockElement = target.closest('.photo-block')
          const node = blockElement ? $getNearestNodeFromDOMNode(blockElement) : null
          if (!$isPhotoBlock(node)) return false
          event.dataTransfer.clearData()
          event.dataTransfer.setData(PHOTO_DRAG_TYPE, node.getKey())
          event.dataTransfer.effectAllowed = 'move'
          return true
        },
        COMMAND_PRIORITY_HIGH
      ),
      editor.registerCommand(
        DRAGOVER_COMMAND,
        (event) => {
          const types = event.dataTransfer?.types ?? []
          const moving = types.includes(PHOTO_DRAG_TYPE)
          if (!moving && !types.includes('Files')) return false
          // Accepting the drag is what lets the drop happen at all; otherwise a dropped file opens in the window.
          event.preventDefault()
          if (event.dataTransfer) event.dataTransfer.dropEffect = moving ? 'move' : 'copy'
          return true
        },
        COMMAND_PRIORITY_HIGH
      ),
      editor.registerCommand(
        DROP_COMMAND,
        (event) => {
          const data = event.dataTransfer
          if (!data) return false
          const movedKey = data.getData(PHOTO_DRAG_TYPE)
          if (movedKey !== '') {
            event.preventDefault()
            const node = $getNodeByKey(movedKey)
            if ($isPhotoBlock(node)) $movePhotoBlock(node, $dropPlace(editor, event))
            return true
          }
          const files = Array.from(data.files)
          if (files.length === 0) return false
          event.preventDefault()
          void insertFiles(files, $dropPlace(editor, event))
          return true
        },
        COMMAND_PRIORITY_HIGH
      )
    )
  }, [editor, assets])

  return null
}
