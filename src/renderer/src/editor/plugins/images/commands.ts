import {
  $createParagraphNode,
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $isParagraphNode,
  $isRangeSelection,
  createCommand,
  type LexicalCommand,
  type LexicalNode,
  type NodeKey
} from 'lexical'
import { $insertNodeToNearestRoot } from '@lexical/utils'
// Relative, not @shared: unit-tested under Node, which has no @shared alias.
import type { ArticlePhoto } from '../../../../../shared/article/schema'
import type { PhotoEntry } from '../../../../../shared/ipc/channels/photos'
import { $createImageNodeFromPhoto, $isImageNode, type ImageNode } from '../../nodes/ImageNode'
import { $createPhotoBlock, $isGalleryNode, galleryRuns, type GalleryNode } from '../../nodes/GalleryNode'
import type { PhotoFailure } from './photoFiles'

/** Where a drop put the pictures: beside a top-level block, or (no block under the pointer) at the end. */
export type PhotoPlace = { beside: NodeKey; side: 'before' | 'after' } | { atEnd: true }

/**
 * Photos already stored as assets (the import over IPC is done before dispatching: command handlers are
 * synchronous). Each photo becomes an image, at the caret unless a place is given.
 */
export type InsertPhotosPayload = { photos: ArticlePhoto[]; place?: PhotoPlace }

export const INSERT_IMAGE_COMMAND: LexicalCommand<InsertPhotosPayload> = createCommand('INSERT_IMAGE_COMMAND')
/** The photos become galleries of up to four; a single photo (or one left over) becomes an image. */
export const INSERT_GALLERY_COMMAND: LexicalCommand<InsertPhotosPayload> = createCommand('INSERT_GALLERY_COMMAND')

/**
 * Photos dropped from the system that want choosing rather than inserting (a folder, a card's worth): the
 * culling view opens on main's import session. Not handled (no photo button in this editor): the dropper
 * inserts them itself.
 */
export type OpenPhotosPayload = { sessionId: string; photos: PhotoEntry[]; refused: PhotoFailure[] }
export const OPEN_PHOTOS_COMMAND: LexicalCommand<OpenPhotosPayload> = createCommand('OPEN_PHOTOS_COMMAND')

export function $isPhotoBlock(node: LexicalNode | null | undefined): node is ImageNode | GalleryNode {
  return $isImageNode(node) || $isGalleryNode(node)
}

/** A photo block needs somewhere after it to type: an article never ends on a picture with no line below. */
function $ensureParagraphAfter(node: LexicalNode): void {
  if (node.getNextSibling() === null) node.insertAfter($createParagraphNode())
}

/**
 * Puts a block at the caret. In an empty paragraph the picture goes above it and the caret stays below, ready
 * to type on; inside text the paragraph is split at the caret.
 */
function $insertBlockAtCaret(node: LexicalNode): void {
  const selection = $getSelection()
  if ($isRangeSelection(selection) && selection.isCollapsed()) {
    const block = selection.anchor.getNode().getTopLevelElement()
    if ($isParagraphNode(block) && block.isEmpty()) {
      block.insertBefore(node)
      block.selectStart()
      return
    }
  }
  $insertNodeToNearestRoot(node)
  $ensureParagraphAfter(node)
}

/** Puts a block at a place chosen earlier (a drop), falling back to the end when that block is gone. */
export function $insertBlockAt(node: LexicalNode, place: PhotoPlace): void {
  const anchor = 'beside' in place ? $getNodeByKey(place.beside) : null
  const topLevel = anchor?.isAttached() ? anchor.getTopLevelElement() : null
  if (topLevel && topLevel !== node && 'side' in place) {
    if (place.side === 'before') topLevel.insertBefore(node)
    else topLevel.insertAfter(node)
  } else {
    $getRoot().append(node)
  }
  $ensureParagraphAfter(node)
}

/** Inserts the blocks in reading order, all at the same place. */
export function $insertPhotoBlocks(blocks: LexicalNode[], place: PhotoPlace | undefined): void {
  let previous: LexicalNode | null = null
  for (const block of blocks) {
    if (previous) {
      previous.insertAfter(block)
      $ensureParagraphAfter(block)
    } else if (place) {
      $insertBlockAt(block, place)
    } else {
      $insertBlockAtCaret(block)
    }
    previous = block
  }
}

export function $insertImages({ photos, place }: InsertPhotosPayload): void {
  $insertPhotoBlocks(photos.map($createImageNodeFromPhoto), place)
}

export function $insertGalleries({ photos, place }: InsertPhotosPayload): void {
  $insertPhotoBlocks(galleryRuns(photos).map($createPhotoBlock), place)
}
