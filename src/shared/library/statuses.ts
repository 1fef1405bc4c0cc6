import type { Chain } from '../model/chain'
import { maySign, statusesOf } from '../model/chainPresets'
import { awaitedStep, WRITING_STATUSES, type DraftStatus } from '../model/statusNames'
import type { OfficeDirectory } from '../model/directory'

/** The statuses the library filters by: the office's own chain, in the order work goes. */
export function libraryStatuses(chain: Chain): readonly string[] {
  return statusesOf(chain)
}

/**
 * What 等我处理 needs to know of the person using the app: their name and, for each step of the office's
 * chain, whether they may sign it and which credit field (校对/审核) names the step's person in a draft.
 * Worked out in main from the settings and the directory, so the search worker needs neither.
 */
export type LibraryMe = {
  userName: string
  steps: readonly { id: string; mine: boolean; creditField: 'proofreader' | 'reviewer' | null }[]
}

export function libraryMe(userName: string, chain: Chain, directory: Pick<OfficeDirectory, 'people'> | null): LibraryMe {
  return { userName, steps: chain.steps.map((step) => ({ id: step.id, mine: maySign(step, userName, directory), creditField: step.creditField })) }
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
 * 等我处理 (docs/workflow.md): whether the draft's next step is one `me` may sign. Submit and publish belong
 * to the 编辑 (or a writer, for submit); a chain step to whoever the chain lets sign it, and where the step
 * fills a credit field (校对/审核) that the draft already names, to that person only.
 */
export function awaitsPerson(status: string, people: DraftPeople, me: LibraryMe): boolean {
  const name = me.userName.trim()
  if (name === '') return false
  const is = (who: string) => who.trim() === '' || who.trim() === name
  if ((WRITING_STATUSES as readonly string[]).includes(status)) return people.editor.trim() === name || people.authors.some((who) => who.trim() === name) || (people.editor.trim() === '' && people.authors.length === 0)
  if (status === 'approved') return is(people.editor)
  const stepId = awaitedStep(status as DraftStatus)
  if (stepId === null) return false
  const step = me.steps.find((s) => s.id === stepId) ?? me.steps[0]
  if (step === undefined || !step.mine) return false
  return step.creditField === null ? true : is(people[step.creditField])
}
