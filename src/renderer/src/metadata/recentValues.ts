// Relative imports, not @shared: this module is unit-tested under Vitest, which has no @shared alias.
import type { OfficeDirectory } from '../../../shared/model/directory'
import { ROLE_OF_FIELD, type PersonRole, type SuggestField } from '../../../shared/model/roles'
import type { ArticleMetadata } from '../../../shared/model/metadata'

/** How many recent values each field remembers. */
export const RECENT_MAX = 8

/** The values a person typed lately, per field, newest first. */
export type RecentValues = Partial<Record<SuggestField, string[]>>

/** What a new draft starts with: the person's usual 栏目, 供稿单位 and 编辑. */
export type UsualDetails = { column: string; sourceDepartment: string; editor: string }

const FIELDS = Object.keys(ROLE_OF_FIELD) as SuggestField[]

/** `recent` with `values` put first for `field`: each value once, blanks dropped, at most RECENT_MAX. */
export function rememberRecent(recent: RecentValues, field: SuggestField, values: readonly string[]): RecentValues {
  const added = values.map((value) => value.trim()).filter((value) => value !== '')
  if (added.length === 0) return recent
  const list = [...added, ...(recent[field] ?? [])]
  return { ...recent, [field]: [...new Set(list)].slice(0, RECENT_MAX) }
}

/**
 * The suggestions for what is typed: recent values containing it first (what this person uses), then the
 * directory's answer, each once, without the names already chosen.
 */
export function mergeSuggestions(recent: readonly string[], directory: readonly string[], typed: string, exclude: readonly string[], limit: number): string[] {
  const query = typed.trim().toLowerCase()
  const mine = recent.filter((value) => query === '' || value.toLowerCase().includes(query))
  return [...new Set([...mine, ...directory])].filter((value) => !exclude.includes(value)).slice(0, limit)
}

/** The most recent value of each usual field; empty where the person has none yet. */
export function usualDetails(recent: RecentValues): UsualDetails {
  return { column: recent.column?.[0] ?? '', sourceDepartment: recent.sourceDepartment?.[0] ?? '', editor: recent.editor?.[0] ?? '' }
}

/** Reads what `saveRecent` wrote; anything unreadable or out of shape counts as nothing remembered. */
export function parseRecent(text: string | null): RecentValues {
  if (text === null) return {}
  try {
    const raw: unknown = JSON.parse(text)
    if (typeof raw !== 'object' || raw === null) return {}
    const out: RecentValues = {}
    for (const field of FIELDS) {
      const list = (raw as Record<string, unknown>)[field]
      if (Array.isArray(list)) out[field] = list.filter((v): v is string => typeof v === 'string').slice(0, RECENT_MAX)
    }
    return out
  } catch {
    return {}
  }
}

/** What adding the draft's names to 通讯录 does: people with the roles they hold in this draft, departments, columns. */
export type DirectoryAdditions = {
  people: { name: string; roles: PersonRole[] }[]
  departments: string[]
  columns: string[]
}

type NamedSource = Pick<ArticleMetadata, 'sourceDepartment' | 'editor' | 'authors' | 'photographers' | 'proofreader' | 'reviewer'> & { column: string }

/** The names in the draft that 通讯录 does not know yet (a known person keeps the roles they have). */
export function directoryAdditions(source: NamedSource, directory: OfficeDirectory): DirectoryAdditions {
  const known = (list: readonly { name: string }[], name: string) => list.some((entry) => entry.name === name)
  const people = new Map<string, PersonRole[]>()
  const fieldNames = (field: SuggestField): string[] => {
    const value = source[field as keyof NamedSource]
    return (Array.isArray(value) ? value : [value]).map((name) => name.trim()).filter((name) => name !== '')
  }
  for (const field of FIELDS) {
    const role = ROLE_OF_FIELD[field]
    if (role === null) continue
    for (const name of fieldNames(field)) {
      if (known(directory.people, name)) continue
      const roles = people.get(name) ?? []
      if (!roles.includes(role)) roles.push(role)
      people.set(name, roles)
    }
  }
  return {
    people: [...people].map(([name, roles]) => ({ name, roles })),
    departments: fieldNames('sourceDepartment').filter((name) => !known(directory.departments, name)),
    columns: fieldNames('column').filter((name) => !known(directory.columns, name))
  }
}

export function additionsCount(additions: DirectoryAdditions): number {
  return additions.people.length + additions.departments.length + additions.columns.length
}

const RECENT_KEY = 'newsroom.recentValues'

/** This computer's recent values; none when storage is unavailable (remembering them is a convenience). */
export function loadRecent(): RecentValues {
  try {
    return parseRecent(window.localStorage.getItem(RECENT_KEY))
  } catch {
    return {}
  }
}

export function rememberValues(field: SuggestField, values: readonly string[]): void {
  try {
    window.localStorage.setItem(RECENT_KEY, JSON.stringify(rememberRecent(loadRecent(), field, values)))
  } catch {
    // Not remembered this time; the field still takes the value.
  }
}
