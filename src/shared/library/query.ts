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

/** Values the filters offer, from every indexed draft. */
export const LibraryChoicesSchema = z.object({ columns: z.array(z.string()), departments: z.array(z.string()), people: z.array(z.string()) })
export type LibraryChoices = z.infer<typeof LibraryChoicesSchema>

export const LibraryResultSchema = z.object({
  /** False while the index is still being built: the hits are then empty and the list shows without search. */
  ready: z.boolean(),
  /** Every matching draft id, in the requested order; none for the plain view, which the page shows from drafts:list. */
  ids: z.array(DraftIdSchema),
  /** Snippets for the first matches (the ones a person sees first). */
  hits: z.array(LibraryHitSchema),
  /**
   * The filters' values, or null when they are the ones the page said it has (`knownChoices`): a library of years
   * names tens of thousands of people, which would otherwise cross to the page with every keystroke.
   */
  choices: LibraryChoicesSchema.nullable(),
  /** Which values these are: a hash of their content, the same for the same values in any index or worker. */
  choicesRevision: z.number().int().nonnegative(),
  /** userName is empty: 等我处理 cannot know who "me" is. */
  noUserName: z.boolean()
})
export type LibraryResult = z.infer<typeof LibraryResultSchema>
