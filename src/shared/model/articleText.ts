import type { ArticleBody } from './draft'

interface NodeLike {
  type?: unknown
  text?: unknown
  children?: unknown
}

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'quote', 'listitem', 'list'])

/** Plain text of a serialized Lexical body: blocks separated by newlines, no markup. Pure, no DOM. */
export function articlePlainText(body: ArticleBody | null): string {
  if (!body) return ''
  const out: string[] = []
  const walk = (node: NodeLike): void => {
    if (typeof node.text === 'string') out.push(node.text)
    if (node.type === 'linebreak') out.push('\n')
    if (Array.isArray(node.children)) {
      for (const child of node.children as NodeLike[]) walk(child)
      if (typeof node.type === 'string' && BLOCK_TYPES.has(node.type) && out.at(-1) !== '\n') out.push('\n')
    }
  }
  walk(body.root)
  return out.join('').replace(/\n+$/, '')
}

/** First characters of the body on one line, for the draft list. */
export function articleExcerpt(body: ArticleBody | null, max = 80): string {
  const flat = articlePlainText(body).replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}
