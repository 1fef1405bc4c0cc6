import { $getRoot, $isElementNode, $isLineBreakNode, $isTextNode, type ElementNode, type LexicalNode, type NodeKey } from 'lexical'
import { $isLinkNode } from '@lexical/link'
// Relative, not @shared: the flattening is unit-tested under Vitest, which has no @shared alias.
import type { CheckField, CheckLink, CheckPhoto, CheckSegment } from '../../../shared/checks/types'
import { $isGalleryNode } from '../editor/nodes/GalleryNode'
import { $isImageNode } from '../editor/nodes/ImageNode'

/** Where a body segment's text came from: the text nodes in order; a line break is a piece with no key. */
export type SegmentPiece = { key: NodeKey | null; text: string }

/** How to find a segment again in the editor: its pieces for body text, or the field that holds it. */
export type SegmentPlace = { kind: 'body'; pieces: SegmentPiece[] } | { kind: 'field'; field: CheckField; photoKey?: NodeKey; photoIndex?: number }

export type FlatBody = { segments: CheckSegment[]; places: SegmentPlace[]; photos: CheckPhoto[]; links: CheckLink[] }

/** The fields outside the body, as the metadata panel and title box hold them now. */
export type ArticleFields = { title: string; subtitle: string; summary: string; creditLine: string; photographers: readonly string[] }

/** A photo's key for CheckPhoto: the node's key, with the place in a gallery. */
export const photoKeyOf = (nodeKey: NodeKey, index: number | null) => (index === null ? nodeKey : `${nodeKey}#${index}`)

/**
 * Every text a reader sees in the body, one segment per block keyed by the block's Lexical key (so a finding
 * maps back to the text nodes), each caption a segment of its own; photos and links for the completeness rules.
 * Runs inside editor.read / editorState.read.
 */
export function $flattenBody(photoSize: (nodeKey: NodeKey) => { width: number; height: number }, photographers: readonly string[]): FlatBody {
  return new BodyFlattener().$flatten(photoSize, photographers)
}

type PhotoSize = (nodeKey: NodeKey) => { width: number; height: number }

/** One top-level node of the body flattened on its own (segment numbers from 0); whether it holds photos. */
type BlockFlat = { flat: FlatBody; photos: boolean }

/**
 * Flattens the body keeping each top-level block's part by its Lexical key, so a check after typing re-reads only
 * the blocks the update listener saw change: a 20,000-character article is re-read one paragraph at a time.
 * Blocks with photos are always re-read (a picture's size changes when it loads, without an update).
 */
export class BodyFlattener {
  private blocks = new Map<NodeKey, BlockFlat>()
  private dirty = new Set<NodeKey>()
  private credit: string | null = null

  /** Keys the update listener saw change (dirtyElements and dirtyLeaves); the blocks holding them are re-read. */
  markDirty(keys: Iterable<NodeKey>) {
    for (const key of keys) this.dirty.add(key)
  }

  /** Forgets every block: the next flatten re-reads the whole body (a new editor state, an update we did not see). */
  reset() {
    this.blocks.clear()
    this.dirty.clear()
  }

  /** Runs inside editor.read / editorState.read. */
  $flatten(photoSize: PhotoSize, photographers: readonly string[]): FlatBody {
    const creditFallback = photographers.join('、')
    if (creditFallback !== this.credit) this.blocks.clear()
    this.credit = creditFallback
    const out: FlatBody = { segments: [], places: [], photos: [], links: [] }
    const next = new Map<NodeKey, BlockFlat>()
    for (const child of $getRoot().getChildren()) {
      const key = child.getKey()
      let block = this.dirty.has(key) ? undefined : this.blocks.get(key)
      if (!block || block.photos) {
        const flat = $flattenTopLevel(child, photoSize, creditFallback)
        block = { flat, photos: flat.photos.length > 0 }
      }
      next.set(key, block)
      const offset = out.segments.length
      out.segments.push(...block.flat.segments)
      out.places.push(...block.flat.places)
      out.photos.push(...block.flat.photos)
      for (const link of block.flat.links) out.links.push(offset === 0 ? link : { ...link, segment: link.segment + offset })
    }
    this.blocks = next
    this.dirty.clear()
    return out
  }
}

/** A child of the root flattened alone: a block with its nested blocks and photos, or a photo on its own. */
function $flattenTopLevel(node: LexicalNode, photoSize: PhotoSize, creditFallback: string): FlatBody {
  const out: FlatBody = { segments: [], places: [], photos: [], links: [] }

  const addPhoto = (nodeKey: NodeKey, index: number | null, photo: { caption: string; credit: string }) => {
    const key = photoKeyOf(nodeKey, index)
    const size = photoSize(nodeKey)
    out.photos.push({ key, caption: photo.caption, photographer: photo.credit || creditFallback, ...size })
    if (photo.caption.trim() !== '') {
      out.segments.push({ field: 'caption', key, text: photo.caption })
      out.places.push({ kind: 'field', field: 'caption', photoKey: nodeKey, ...(index === null ? {} : { photoIndex: index }) })
    }
  }

  const visitBlock = (block: ElementNode) => {
    const pieces: SegmentPiece[] = []
    const hrefs: { href: string; start: number; end: number }[] = []
    let length = 0
    const visitInline = (element: ElementNode) => {
      for (const child of element.getChildren()) {
        if ($isTextNode(child) || $isLineBreakNode(child)) {
          const text = $isTextNode(child) ? child.getTextContent() : '\n'
          pieces.push({ key: $isTextNode(child) ? child.getKey() : null, text })
          length += text.length
        } else if ($isElementNode(child) && child.isInline()) {
          const start = length
          visitInline(child)
          if ($isLinkNode(child)) hrefs.push({ href: child.getURL(), start, end: length })
        } else if ($isElementNode(child)) visitBlock(child)
        else if ($isImageNode(child)) addPhoto(child.getKey(), null, child.getPhoto())
        else if ($isGalleryNode(child)) child.getPhotos().forEach((photo, i) => addPhoto(child.getKey(), i, photo))
      }
    }
    // The segment goes in before the blocks nested in it, so segments follow reading order.
    const at = out.segments.length
    visitInline(block)
    const segment: CheckSegment = { field: 'body', key: block.getKey(), text: pieces.map((piece) => piece.text).join('') }
    const hasText = pieces.length > 0
    // An empty paragraph is still a segment: the completeness rule looks for them.
    if (!hasText && block.getType() !== 'paragraph') return
    out.segments.splice(at, 0, segment)
    out.places.splice(at, 0, { kind: 'body', pieces })
    for (const link of out.links) if (link.segment >= at) link.segment += 1
    for (const link of hrefs) out.links.push({ segment: at, ...link })
  }
  if ($isElementNode(node)) visitBlock(node)
  else if ($isImageNode(node)) addPhoto(node.getKey(), null, node.getPhoto())
  else if ($isGalleryNode(node)) node.getPhotos().forEach((photo, i) => addPhoto(node.getKey(), i, photo))
  return out
}

/** The whole article as segments: 标题, 副标题, the body, 摘要 and the credit line, in reading order. */
export function articleSegments(fields: ArticleFields, body: FlatBody): Omit<FlatBody, 'photos'> {
  const segments: CheckSegment[] = []
  const places: SegmentPlace[] = []
  const field = (name: CheckField, text: string) => {
    if (text.trim() === '' && name !== 'title') return
    segments.push({ field: name, key: name, text })
    places.push({ kind: 'field', field: name })
  }
  field('title', fields.title)
  field('subtitle', fields.subtitle)
  const offset = segments.length
  segments.push(...body.segments)
  places.push(...body.places)
  field('summary', fields.summary)
  field('credit', fields.creditLine)
  return { segments, places, links: body.links.map((link) => ({ ...link, segment: link.segment + offset })) }
}

/** Text-node points of [start, end) in a body segment; null when the range is not in the body or the text moved. */
export function bodyRangeOf(place: SegmentPlace, start: number, end: number): { start: { key: NodeKey; offset: number }; end: { key: NodeKey; offset: number } } | null {
  if (place.kind !== 'body') return null
  const from = pointAt(place.pieces, start, 'start')
  const to = pointAt(place.pieces, end, 'end')
  return from && to ? { start: from, end: to } : null
}

function pointAt(pieces: readonly SegmentPiece[], offset: number, edge: 'start' | 'end'): { key: NodeKey; offset: number } | null {
  let base = 0
  for (const piece of pieces) {
    const length = piece.text.length
    const inside = edge === 'start' ? offset < base + length : offset <= base + length
    if (inside && offset >= base && piece.key !== null) return { key: piece.key, offset: offset - base }
    base += length
  }
  return null
}
