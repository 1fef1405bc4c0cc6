import { z } from 'zod'
import { articlePlainText } from '../../../shared/model/articleText'
import type { Draft } from '../../../shared/model/draft'
import { pinyinInitials } from '../../../shared/model/directory'
import { everyone, type DraftPeople } from '../../../shared/library/statuses'

/**
 * What the search keeps of a draft: its searchable texts and the facts the filters and sorts need. Stored
 * one file per draft in the data folder (see libraryIndex.ts), so a save rewrites one small file.
 */
export const IndexedDraftSchema = z.object({
  id: z.string(),
  /** draft.json's modification time and size when read: a different file on disk is read again. */
  mtimeMs: z.number(),
  size: z.number(),
  status: z.string(),
  column: z.string(),
  department: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishAt: z.string().nullable(),
  people: z.object({
    editor: z.string(),
    authors: z.array(z.string()),
    photographers: z.array(z.string()),
    proofreader: z.string(),
    reviewer: z.string(),
    signers: z.array(z.string())
  }),
  text: z.object({
    title: z.string(),
    subtitle: z.string(),
    summary: z.string(),
    captions: z.string(),
    body: z.string()
  })
})
export type IndexedDraft = z.infer<typeof IndexedDraftSchema>

export function indexedDraft(draft: Draft, file: { mtimeMs: number; size: number }): IndexedDraft {
  const m = draft.metadata
  const people: DraftPeople = {
    editor: m.editor,
    authors: m.authors,
    photographers: m.photographers,
    proofreader: m.proofreader,
    reviewer: m.reviewer,
    signers: [...new Set(draft.signOffs.map((signOff) => signOff.name))]
  }
  return {
    id: draft.id,
    mtimeMs: file.mtimeMs,
    size: file.size,
    status: draft.status,
    column: draft.column,
    department: m.sourceDepartment,
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
    publishAt: m.publishAt,
    people: { ...people, authors: [...people.authors], photographers: [...people.photographers], signers: [...people.signers] },
    text: {
      title: draft.title,
      subtitle: m.subtitle,
      summary: m.summary,
      captions: captionsOf(draft.body).join('\n'),
      body: articlePlainText(draft.body)
    }
  }
}

/** The names shown for the people field, and their pinyin initials (张晓明 → zxm) for typing. */
export function peopleLine(entry: IndexedDraft): { names: string; initials: string[] } {
  const names = everyone(entry.people)
  return { names: names.join('、'), initials: names.map((name) => pinyinInitials(name)) }
}

/** Every caption of a picture or gallery in the body, wherever Lexical nested it. */
function captionsOf(body: unknown): string[] {
  const out: string[] = []
  const walk = (node: unknown, depth: number) => {
    if (depth > 64 || node === null || typeof node !== 'object') return
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1)
      return
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'caption' && typeof value === 'string' && value.trim() !== '') out.push(value.trim())
      else if (typeof value === 'object') walk(value, depth + 1)
    }
  }
  walk(body, 0)
  return out
}
