// Relative, not @shared: this module is unit-tested under Vitest, which has no @shared alias.
import { articleExcerpt } from '../../../shared/model/articleText'
import type { DraftContent, DraftSummary } from '../../../shared/model/draft'

/** Newest edit first, as main sorts the list; ties broken by id so the order is stable. */
export function byLastEdited(a: DraftSummary, b: DraftSummary): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}

/**
 * The list after a successful save, without asking main for the whole list again: the saved draft shows
 * its new title, column and excerpt and moves to the top. A draft no longer in the list stays out.
 */
export function withSavedContent(list: DraftSummary[], id: string, content: DraftContent, updatedAt: string): DraftSummary[] {
  if (!list.some((draft) => draft.id === id)) return list
  return list
    .map((draft) =>
      draft.id === id ? { ...draft, title: content.title, column: content.column, excerpt: articleExcerpt(content.body), updatedAt } : draft
    )
    .sort(byLastEdited)
}

/** The list with one summary replaced (or added), re-sorted. */
export function withSummary(list: DraftSummary[], summary: DraftSummary): DraftSummary[] {
  return [...list.filter((draft) => draft.id !== summary.id), summary].sort(byLastEdited)
}
