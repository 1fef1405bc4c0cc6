import { DRAFT_STATUSES, type DraftStatus } from '../model/draftStatus'
import { WRITING_STATUSES } from '../model/workflow'

/**
 * The statuses the library filters by, in chain order. One function so that the configurable chain (issue
 * "The office's chain, signed") can replace today's fixed list in one place.
 */
export function libraryStatuses(): readonly string[] {
  return DRAFT_STATUSES
}

/** The people a draft names, by role; signers are whoever signed a step of it. */
export type DraftPeople = {
  editor: string
  authors: readonly string[]
  photographers: readonly string[]
  proofreader: string
  reviewer: string
  signers: readonly string[]
}

export function everyone(people: DraftPeople): string[] {
  const all = [people.editor, ...people.authors, ...people.photographers, people.proofreader, people.reviewer, ...people.signers]
  return [...new Set(all.map((name) => name.trim()).filter((name) => name !== ''))]
}

/**
 * 等我处理 with today's rules (docs/workflow.md): the next step of a draft and whether `userName` may sign it.
 * Today a step is signed by its role: submit and publish by the 编辑 (or a writer, for submit), proofread by
 * the 校对, review by the 审核. A role nobody is named for is open to anyone, as the sign-off dialog allows.
 */
export function awaitsPerson(status: string, people: DraftPeople, userName: string): boolean {
  const me = userName.trim()
  if (me === '') return false
  const is = (name: string) => name.trim() === '' || name.trim() === me
  if ((WRITING_STATUSES as readonly string[]).includes(status)) return people.editor.trim() === me || people.authors.some((name) => name.trim() === me) || (people.editor.trim() === '' && people.authors.length === 0)
  switch (status as DraftStatus) {
    case 'proofreading':
      return is(people.proofreader)
    case 'review':
      return is(people.reviewer)
    case 'approved':
      return is(people.editor)
    default:
      return false
  }
}
