import { HeadingNode, QuoteNode } from '@lexical/rich-text'
import type { Klass, LexicalNode } from 'lexical'

/**
 * Every node type an article body may contain, registered in one place: the editor, the body loader and
 * (later) the publishing serializer all read this list.
 */
export const articleNodes: readonly Klass<LexicalNode>[] = [HeadingNode, QuoteNode]
