import { HeadingNode, QuoteNode } from '@lexical/rich-text'
import { ListItemNode, ListNode } from '@lexical/list'
import { AutoLinkNode, LinkNode } from '@lexical/link'
import { HorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode'
import type { Klass, LexicalNode } from 'lexical'
import { ImageNode } from './ImageNode'
import { GalleryNode } from './GalleryNode'

/**
 * Every node type an article body may contain, registered in one place: the editor, the body loader and
 * (later) the publishing serializer all read this list.
 */
export const articleNodes: readonly Klass<LexicalNode>[] = [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode, AutoLinkNode, HorizontalRuleNode, ImageNode, GalleryNode]
