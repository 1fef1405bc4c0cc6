/// <reference lib="dom" />
import { $applyNodeReplacement, DecoratorNode, type LexicalNode, type NodeKey, type SerializedLexicalNode } from 'lexical'
import { createContext, createElement, useContext, type ComponentType, type ReactNode } from 'react'
// Relative, not @shared: see ImageNode.ts.
import { GALLERY_MAX, GALLERY_MIN, type ArticleGallery, type ArticlePhoto } from '../../../../shared/article/schema'
import { $createImageNodeFromPhoto, readArticlePhoto, type ImageNode } from './ImageNode'

/** Two to four photos side by side, each with its own caption: the schema's `gallery` block. */

export type SerializedGalleryNode = ArticleGallery

export function readArticleGallery(json: unknown): ArticleGallery {
  const images = (json as { images?: unknown } | null)?.images
  if (!Array.isArray(images) || images.length < GALLERY_MIN || images.length > GALLERY_MAX) {
    throw new Error(`a gallery in the body must hold ${GALLERY_MIN} to ${GALLERY_MAX} photos`)
  }
  return { type: 'gallery', version: 1, images: images.map(readArticlePhoto) }
}

/**
 * Photos laid out as they will be inserted: runs of up to four become galleries, and a photo left over on its
 * own becomes a single image rather than a one-photo gallery.
 */
export function galleryRuns(photos: readonly ArticlePhoto[]): ArticlePhoto[][] {
  const runs: ArticlePhoto[][] = []
  for (let i = 0; i < photos.length; i += GALLERY_MAX) runs.push(photos.slice(i, i + GALLERY_MAX))
  return runs
}

export type GalleryViewProps = { nodeKey: NodeKey; gallery: ArticleGallery }

export const GalleryViewContext = createContext<ComponentType<GalleryViewProps> | null>(null)

function GallerySlot(props: GalleryViewProps): ReactNode {
  const View = useContext(GalleryViewContext)
  return View ? createElement(View, props) : null
}

export class GalleryNode extends DecoratorNode<ReactNode> {
  __images: readonly ArticlePhoto[]

  static override getType(): string {
    return 'gallery'
  }

  static override clone(node: GalleryNode): GalleryNode {
    return new GalleryNode(node.__images, node.__key)
  }

  static override importJSON(json: SerializedLexicalNode): GalleryNode {
    return $createGalleryNode(readArticleGallery(json).images)
  }

  constructor(images: readonly ArticlePhoto[] = [], key?: NodeKey) {
    super(key)
    this.__images = images
  }

  override exportJSON(): SerializedGalleryNode {
    return { type: 'gallery', version: 1, images: this.getPhotos() }
  }

  getPhotos(): ArticlePhoto[] {
    return this.getLatest().__images.map((photo) => ({ ...photo }))
  }

  setPhoto(index: number, patch: Partial<Omit<ArticlePhoto, 'assetId'>>): this {
    const self = this.getWritable()
    self.__images = self.__images.map((photo, i) => (i === index ? { ...photo, ...patch } : photo))
    return self
  }

  /** Adds photos up to the gallery's limit and returns those that did not fit. */
  addPhotos(photos: readonly ArticlePhoto[]): ArticlePhoto[] {
    const self = this.getWritable()
    const room = Math.max(0, GALLERY_MAX - self.__images.length)
    self.__images = [...self.__images, ...photos.slice(0, room)]
    return photos.slice(room)
  }

  /**
   * Removes one photo. A gallery cannot hold a single photo, so the last one left becomes an image in the
   * gallery's place; returns whichever node now stands there.
   */
  removePhoto(index: number): GalleryNode | ImageNode {
    const remaining = this.getLatest().__images.filter((_, i) => i !== index)
    const [only] = remaining
    if (remaining.length === 1 && only) return this.replace($createImageNodeFromPhoto(only))
    const self = this.getWritable()
    self.__images = remaining
    return self
  }

  override createDOM(): HTMLElement {
    const element = document.createElement('div')
    element.className = 'photo-block photo-block-gallery'
    return element
  }

  override updateDOM(): false {
    return false
  }

  override isInline(): false {
    return false
  }

  override decorate(): ReactNode {
    return createElement(GallerySlot, { nodeKey: this.getKey(), gallery: this.exportJSON() })
  }
}

/** 2–4 photos make a gallery; callers with one photo make an image instead (see galleryRuns). */
export function $createGalleryNode(photos: readonly ArticlePhoto[]): GalleryNode {
  return $applyNodeReplacement(new GalleryNode(readArticleGallery({ images: photos }).images))
}

/** A gallery for two or more photos, an image for one. */
export function $createPhotoBlock(photos: readonly ArticlePhoto[]): GalleryNode | ImageNode {
  const [only] = photos
  return photos.length === 1 && only ? $createImageNodeFromPhoto(only) : $createGalleryNode(photos)
}

export function $isGalleryNode(node: LexicalNode | null | undefined): node is GalleryNode {
  return node instanceof GalleryNode
}
