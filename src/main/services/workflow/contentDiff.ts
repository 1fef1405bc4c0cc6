import { diffArrays, diffChars } from 'diff'
import type { ArticleBody } from '../../../shared/model/draft'
import { ArticleMetadataSchema, type ArticleMetadata } from '../../../shared/model/metadata'
import type {
  DiffSide,
  ContentDiff,
  FieldChange,
  ParagraphChange,
  SignedContent,
  TextPart
} from '../../../shared/model/workflow'

type Block = { block: ParagraphChange['block']; text: string; key: string }

type NodeLike = { type?: unknown; text?: unknown; children?: unknown; caption?: unknown; assetId?: unknown; images?: unknown }

const CHILDREN = (node: NodeLike): NodeLike[] => (Array.isArray(node.children) ? (node.children as NodeLike[]) : [])

function inlineText(node: NodeLike): string {
  if (typeof node.text === 'string') return node.text
  if (node.type === 'linebreak') return '\n'
  if (node.type === 'tab') return '\t'
  return CHILDREN(node).map(inlineText).join('')
}

/** The body as blocks a person recognises: paragraphs, headings, list items, pictures (by caption). */
export function bodyBlocks(body: ArticleBody | null): Block[] {
  const out: Block[] = []
  const push = (block: Block['block'], text: string, identity = '') => out.push({ block, text, key: `${block}\u0000${identity}\u0000${text}` })
  const walk = (node: NodeLike): void => {
    switch (node.type) {
      case 'paragraph':
      case 'heading':
      case 'quote':
        push(node.type, inlineText(node))
        return
      case 'list':
        for (const child of CHILDREN(node)) walk(child)
        return
      case 'listitem': {
        // A nested list sits inside a list item: its items become blocks of their own.
        const nested = CHILDREN(node).filter((child) => child.type === 'list')
        const own = CHILDREN(node).filter((child) => child.type !== 'list')
        if (own.length > 0 || nested.length === 0) push('listitem', own.map(inlineText).join(''))
        for (const list of nested) walk(list)
        return
      }
      case 'image':
        push('image', typeof node.caption === 'string' ? node.caption : '', typeof node.assetId === 'string' ? node.assetId : '')
        return
      case 'gallery': {
        const images = Array.isArray(node.images) ? (node.images as NodeLike[]) : []
        const captions = images.map((image) => (typeof image.caption === 'string' ? image.caption : '')).filter((c) => c !== '')
        push('gallery', captions.join(' / '), images.map((image) => String(image.assetId ?? '')).join(','))
        return
      }
      case 'horizontalrule':
        push('rule', '')
        return
      default:
        push('other', inlineText(node), String(node.type ?? ''))
    }
  }
  for (const child of body ? CHILDREN(body.root as NodeLike) : []) walk(child)
  return out
}

/** Beyond this many edits a character diff is not readable anyway: the paragraph shows as replaced. */
const MAX_CHAR_EDITS = 4000

function charParts(before: string, after: string): TextPart[] | null {
  const changes = diffChars(before, after, { maxEditLength: MAX_CHAR_EDITS })
  if (!changes) return null
  return changes.map((change) => ({ kind: change.added ? 'added' : change.removed ? 'removed' : 'same', text: change.value }))
}

/** Share of the longer text left unchanged: below this, two paragraphs are a removal and an addition. */
const SIMILAR_ENOUGH = 0.3

function pairOrSplit(removed: Block[], added: Block[]): ParagraphChange[] {
  const out: ParagraphChange[] = []
  const pairs = Math.min(removed.length, added.length)
  for (let i = 0; i < pairs; i++) {
    const before = removed[i] as Block
    const after = added[i] as Block
    const parts = before.block === after.block ? charParts(before.text, after.text) : null
    const kept = parts?.filter((p) => p.kind === 'same').reduce((n, p) => n + p.text.length, 0) ?? 0
    const longest = Math.max(before.text.length, after.text.length)
    const similar = parts !== null && (longest === 0 || kept / longest >= SIMILAR_ENOUGH || before.block === 'image' || before.block === 'gallery')
    if (similar) {
      out.push({ kind: 'changed', block: after.block, before: before.text, after: after.text, parts })
    } else {
      out.push(removal(before), addition(after))
    }
  }
  for (const block of removed.slice(pairs)) out.push(removal(block))
  for (const block of added.slice(pairs)) out.push(addition(block))
  return out
}

const removal = (block: Block): ParagraphChange => ({
  kind: 'removed',
  block: block.block,
  before: block.text,
  after: null,
  parts: [{ kind: 'removed', text: block.text }]
})
const addition = (block: Block): ParagraphChange => ({
  kind: 'added',
  block: block.block,
  before: null,
  after: block.text,
  parts: [{ kind: 'added', text: block.text }]
})

/** Paragraph by paragraph first (which ones were added, removed, kept), then character by character. */
export function diffBodies(before: ArticleBody | null, after: ArticleBody | null): ParagraphChange[] {
  const a = bodyBlocks(before)
  const b = bodyBlocks(after)
  const changes = diffArrays(
    a.map((block) => block.key),
    b.map((block) => block.key)
  )
  const out: ParagraphChange[] = []
  let ia = 0
  let ib = 0
  let removed: Block[] = []
  let added: Block[] = []
  const settle = () => {
    out.push(...pairOrSplit(removed, added))
    removed = []
    added = []
  }
  for (const change of changes) {
    const count = change.value.length
    if (change.removed) {
      removed.push(...a.slice(ia, ia + count))
      ia += count
    } else if (change.added) {
      added.push(...b.slice(ib, ib + count))
      ib += count
    } else {
      settle()
      for (const block of b.slice(ib, ib + count)) {
        out.push({ kind: 'same', block: block.block, before: block.text, after: block.text, parts: [] })
      }
      ia += count
      ib += count
    }
  }
  settle()
  return out
}

/** Title and column first, then the metadata in the order the metadata panel shows it. */
const FIELD_ORDER = ['title', 'column', ...Object.keys(ArticleMetadataSchema.shape).filter((key) => key !== 'title' && key !== 'column')] as const

function fieldText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map(String).join('、')
  return String(value)
}

export function diffFields(before: SignedContent, after: SignedContent): FieldChange[] {
  const valueOf = (content: SignedContent, field: string): unknown =>
    field === 'title' || field === 'column' ? content[field] : (content.metadata as Record<keyof ArticleMetadata, unknown>)[field as keyof ArticleMetadata]
  const out: FieldChange[] = []
  for (const field of FIELD_ORDER) {
    const a = fieldText(valueOf(before, field))
    const b = fieldText(valueOf(after, field))
    if (a !== b) out.push({ field, before: a, after: b })
  }
  return out
}

export function diffContents(before: SignedContent, after: SignedContent, from: DiffSide, to: DiffSide): ContentDiff {
  const fields = diffFields(before, after)
  const paragraphs = diffBodies(before.body, after.body)
  return { from, to, identical: fields.length === 0 && paragraphs.every((p) => p.kind === 'same'), fields, paragraphs }
}
