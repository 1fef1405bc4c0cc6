import { z } from 'zod'
import { COLUMN_MAX } from '../model/limits'
import { DEPARTMENT_MAX, NAME_MAX } from '../model/metadata'
import { DraftIdSchema } from '../model/draft'

/** What the library can be sorted by; the date range applies to the same date (title sorts by last edited). */
export const LIBRARY_SORTS = ['updated', 'created', 'publishAt', 'title'] as const
export const LibrarySortSchema = z.enum(LIBRARY_SORTS)
export type LibrarySort = z.infer<typeof LibrarySortSchema>

export const QUERY_MAX = 100
const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'not a day (yyyy-mm-dd)')

/** The library's search box, filters and sort: what the renderer asks for and keeps between sessions. */
export const LibraryViewSchema = z.object({
  text: z.string().max(QUERY_MAX).default(''),
  /** A status id from libraryStatuses(); '' = any. */
  status: z.string().max(40).default(''),
  column: z.string().max(COLUMN_MAX).default(''),
  department: z.string().max(DEPARTMENT_MAX).default(''),
  /** A name in any role (编辑, 供稿, 摄影, 校对, 审核, or a signer). */
  person: z.string().max(NAME_MAX).default(''),
  from: DaySchema.nullable().default(null),
  to: DaySchema.nullable().default(null),
  /** 等我处理: drafts whose next step the person using the app (settings userName) may sign. */
  mine: z.boolean().default(false),
  sort: LibrarySortSchema.default('updated'),
  descending: z.boolean().default(true)
})
export type LibraryView = z.output<typeof LibraryViewSchema>
export type LibraryViewInput = z.input<typeof LibraryViewSchema>

export function defaultLibraryView(): LibraryView {
  return LibraryViewSchema.parse({})
}

/** The fields a hit can be found in, in the order they are shown. */
export const SEARCH_FIELDS = ['title', 'subtitle', 'people', 'column', 'department', 'summary', 'captions', 'body'] as const
export const SearchFieldSchema = z.enum(SEARCH_FIELDS)
export type SearchField = z.infer<typeof SearchFieldSchema>

/** A piece of a snippet: `hit` pieces are what matched the query (shown highlighted). */
export const SnippetPartSchema = z.object({ text: z.string(), hit: z.boolean() })
export type SnippetPart = z.infer<typeof SnippetPartSchema>

export const LibraryHitSchema = z.object({
  id: DraftIdSchema,
  /** Where the query was found, first the field that matched best; empty without a query. */
  matches: z.array(z.object({ field: SearchFieldSchema, parts: z.array(SnippetPartSchema) }))
})
export type LibraryHit = z.infer<typeof LibraryHitSchema>

export const LibraryResultSchema = z.object({
  /** False while the index is still being built: the hits are then empty and the list shows without search. */
  ready: z.boolean(),
  /** Every matching draft id, in the requested order. */
  ids: z.array(DraftIdSchema),
  /** Snippets for the first matches (the ones a person sees first). */
  hits: z.array(LibraryHitSchema),
  /** Values the filters offer, from every indexed draft. */
  choices: z.object({ columns: z.array(z.string()), departments: z.array(z.string()), people: z.array(z.string()) }),
  /** userName is empty: 等我处理 cannot know who "me" is. */
  noUserName: z.boolean()
})
export type LibraryResult = z.infer<typeof LibraryResultSchema>
