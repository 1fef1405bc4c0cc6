// Relative, not @shared: these helpers are unit-tested under Vitest, which has no @shared alias.
import { LEADER_RANK_MAX, type PersonTitle } from '../../../../shared/model/directory'

/** A 职务 row as typed: the date may be left empty (held since before anyone recorded it). */
export type TitleRow = { title: string; from: string }

export const titleRowsOf = (titles: readonly PersonTitle[]): TitleRow[] => titles.map((entry) => ({ title: entry.title, from: entry.from ?? '' }))

/** The rows worth saving (a row without a title is one being written), or null when a date is not a date. */
export function titlesOfRows(rows: readonly TitleRow[]): PersonTitle[] | null {
  const kept = rows.filter((row) => row.title.trim() !== '')
  if (kept.some((row) => row.from !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(row.from))) return null
  return kept.map((row) => ({ title: row.title.trim(), from: row.from === '' ? null : row.from }))
}

/** 排序 as typed: empty for people who are not ranked leaders; undefined when it is not 1–999. */
export function rankOfText(text: string): number | null | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const rank = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN
  return rank >= 1 && rank <= LEADER_RANK_MAX ? rank : undefined
}
