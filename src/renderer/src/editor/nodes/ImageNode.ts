/// <reference lib="dom" />
import { $applyNodeReplacement, DecoratorNode, type LexicalNode, type NodeKey, type SerializedLexicalNode } from 'lexical'
import { createContext, createElement, useContext, type ComponentType, type ReactNode } from 'react'
// Relative, not @shared: the body loader's unit tests run this model under Node, which has no @shared alias.
import {
  ASSET_ID_PATTERN,
  IMAGE_ALIGNS,
  IMAGE_WIDTHS,
  cleanLine,
  type ArticleImage,
  type ArticlePhoto,
  type AssetId,
  type ImageAlign,
  type ImageWidth
} from '../../../../shared/article/schema'

/**
 * The photo model, kept apart from its view (ImageComponent.tsx) so it loads and serializes headless: the
 * saved form is exactly the schema's `image` block, and nothing the editor only shows (selection, the
 * open settings panel) is stored.
 */

export type SerializedImageNode = ArticleImage

/** A photo's fields from saved JSON. A body naming something other than a stored asset does not load. */
export function readArticlePhoto(json: unknown): ArticlePhoto {
  const fields = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>
  const assetId = fields.assetId
  if (typeof assetId !== 'string' || !ASSET_ID_PATTERN.test(assetId)) {
    throw new Error(`a photo in the body does not name a stored picture (${JSON.stringify(assetId ?? null).slice(0, 80)})`)
  }
  return { assetId, caption: cleanLine(fields.caption), alt: cleanLine(fields.alt), credit: cleanLine(fields.credit) }
}

export function readArticleImage(json: unknown): ArticleImage {
  const photo = readArticlePhoto(json)
  const fields = json as Record<string, unknown>
  const width = (IMAGE_WIDTHS as readonly unknown[]).includes(fields.width) ? (fields.width as ImageWidth) : 'full'
  const align = (IMAGE_ALIGNS as readonly unknown[]).includes(fields.align) ? (fields.align as ImageAlign) : 'center'
  return { type: 'image', version: 1, ...photo, width, align }
}

/** A freshly imported picture: no caption or credit yet. */
export function newArticlePhoto(assetId: string): ArticlePhoto {
  return readArticlePhoto({ assetId })
}

export type ImageViewProps = { nodeKey: NodeKey; image: ArticleImage }

/** The editor provides the view; without one (headless, in tests) a photo renders nothing. */
export const ImageViewContext = createContext<ComponentType<ImageViewProps> | null>(null)

function ImageSlot(props: ImageViewProps): ReactNode {
  const View = useContext(ImageViewContext)
  return View ? createElement(View, props) : null
}

export class ImageNode extends DecoratorNode<ReactNode> {
  __assetId: AssetId
  __caption: string
  __alt: string
  __credit: string
  __width: ImageWidth
  __align: ImageAlign

  static override getType(): string {
    return 'image'
  }

  static override clone(node: ImageNode): ImageNode {
    return new ImageNode(node.getImage(), node.__key)
  }

  static override importJSON(json: SerializedLexicalNode): ImageNode {
    return $createImageNode(readArticleImage(json))
  }

  constructor(image?: Omit<ArticleImage, 'type' | 'version'>, key?: NodeKey) {
    super(key)
    // Lexical constructs nodes without arguments in a few places (copying, transforms) and fills them after.
    this.__assetId = image?.assetId ?? ''
    this.__caption = image?.caption ?? ''
    this.__alt = image?.alt ?? ''
    this.__credit = image?.credit ?? ''
    this.__width = image?.width ?? 'full'
    this.__align = image?.align ?? 'center'
  }

  override exportJSON(): SerializedImageNode {
    return this.getImage()
  }

  /** The node as the schema's `image` block. */
  getImage(): ArticleImage {
    const self = this.getLatest()
    return {
      type: 'image',
      version: 1,
      assetId: self.__assetId,
      caption: self.__caption,
      alt: self.__alt,
      credit: self.__credit,
      width: self.__width,
      align: self.__align
    }
  }

  getPhoto(): ArticlePhoto {
    const { assetId, caption, alt, credit } = this.getImage()
    return { assetId, caption, alt, credit }
  }

  /** Changes caption, alt text, credit, width or alignment; the picture itself never changes. */
  setFields(patch: Partial<Omit<ArticleImage, 'type' | 'version' | 'assetId'>>): this {
    const self = this.getWritable()
    if (patch.caption !== undefined) self.__caption = patch.caption
    if (patch.alt !== undefined) self.__alt = patch.alt
    if (patch.credit !== undefined) self.__credit = patch.credit
    if (patch.width !== undefined) self.__width = patch.width
    if (patch.align !== undefined) self.__align = patch.align
    return self
  }

  override createDOM(): HTMLElement {
    const element = document.createElement('div')
    element.className = 'photo-block'
    return element
  }

  override updateDOM(): false {
    return false
  }

  override isInline(): false {
    return false
  }

  override decorate(): ReactNode {
    return createElement(ImageSlot, { nodeKey: this.getKey(), image: this.getImage() })
  }
}

export function $createImageNode(image: Omit<ArticleImage, 'type' | 'version'>): ImageNode {
  return $applyNodeReplacement(new ImageNode(readArticleImage(image)))
}

export function $createImageNodeFromPhoto(photo: ArticlePhoto): ImageNode {
  return $createImageNode({ ...photo, width: 'full', align: 'center' })
}

export function $isImageNode(node: LexicalNode | null | undefined): node is ImageNode {
  return node instanceof ImageNode
}
