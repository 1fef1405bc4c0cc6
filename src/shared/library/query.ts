import { z } from 'zod'
import { DraftIdSchema } from '../model/draft'

export { LIBRARY_SORTS, LibrarySortSchema, QUERY_MAX, LibraryViewSchema, defaultLibraryView, type LibrarySort, type LibraryView, type LibraryViewInput } from './view'

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
