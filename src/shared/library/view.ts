import * as z from 'zod/mini'
import { COLUMN_MAX, DEPARTMENT_MAX, NAME_MAX } from '../model/limits'

/**
 * The library's search box, filters and sort, kept between sessions. Written with zod's mini build, apart from
 * query.ts (the search's answer, re-exporting this): the list's first screen reads the kept view with this one
 * schema and builds none of the others.
 */

/** What the library can be sorted by; the date range applies to the same date (title sorts by last edited). */
export const LIBRARY_SORTS = ['updated', 'created', 'publishAt', 'title'] as const
export const LibrarySortSchema = z.enum(LIBRARY_SORTS)
export type LibrarySort = z.infer<typeof LibrarySortSchema>

export const QUERY_MAX = 100
const DaySchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'not a day (yyyy-mm-dd)'))
const text = (max: number) => z._default(z.string().check(z.maxLength(max)), '')

/** The library's search box, filters and sort: what the renderer asks for and keeps between sessions. */
export const LibraryViewSchema = z.object({
  text: text(QUERY_MAX),
  /** A status id from libraryStatuses(); '' = any. */
  status: text(40),
  column: text(COLUMN_MAX),
  department: text(DEPARTMENT_MAX),
  /** A name in any role (编辑, 供稿, 摄影, 校对, 审核, or a signer). */
  person: text(NAME_MAX),
  from: z._default(z.nullable(DaySchema), null),
  to: z._default(z.nullable(DaySchema), null),
  /** 等我处理: drafts whose next step the person using the app (settings userName) may sign. */
  mine: z._default(z.boolean(), false),
  sort: z._default(LibrarySortSchema, 'updated'),
  descending: z._default(z.boolean(), true)
})
export type LibraryView = z.output<typeof LibraryViewSchema>
export type LibraryViewInput = z.input<typeof LibraryViewSchema>

export function defaultLibraryView(): LibraryView {
  return LibraryViewSchema.parse({})
}

const PLAIN = defaultLibraryView()

/** True when the list is the plain one (newest edit first, nothing filtered): main's list answers it directly. */
export function isPlainView(view: LibraryView): boolean {
  return view.text.trim() === '' && view.status === PLAIN.status && view.column === '' && view.department === '' && view.person === '' && view.from === null && view.to === null && !view.mine && view.sort === PLAIN.sort && view.descending === PLAIN.descending
}
