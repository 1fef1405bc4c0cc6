/**
 * The directory's roles and the metadata fields that suggest from them, as plain names: no schemas here
 * (directory.ts adds those), so the library's first screen reads them without building any.
 */

/** 编辑 / 供稿 / 摄影 / 校对 / 审核. */
export const PERSON_ROLES = ['editor', 'author', 'photographer', 'proofreader', 'reviewer'] as const
export type PersonRole = (typeof PERSON_ROLES)[number]

/**
 * The metadata fields that autocomplete from the directory; the people fields suggest the people who
 * hold the matching role.
 */
export const SUGGEST_FIELDS = ['editor', 'authors', 'photographers', 'proofreader', 'reviewer', 'sourceDepartment', 'column'] as const
export type SuggestField = (typeof SUGGEST_FIELDS)[number]

export const ROLE_OF_FIELD: Readonly<Record<SuggestField, PersonRole | null>> = {
  editor: 'editor',
  authors: 'author',
  photographers: 'photographer',
  proofreader: 'proofreader',
  reviewer: 'reviewer',
  sourceDepartment: null,
  column: null
}
