import type { DraftSummary, QuarantinedDraft } from '@shared/model/draft'
import type { Settings } from '@shared/settings'
import { newsroom as api } from '../newsroom'
import { START_MARKS } from './startMarks'

/** Drafts asked for first at start: more than a maximized window shows, a small answer over IPC. */
const FIRST_SCREEN = 60

export type DraftListAnswer = { drafts: DraftSummary[]; quarantined: QuarantinedDraft[] }

type EarlyAnswers = { firstScreen: Promise<DraftListAnswer>; settings: Promise<Settings> }

let early: EarlyAnswers | null = null

export function askFirstScreen(): Promise<DraftListAnswer> {
  performance.mark(START_MARKS.listAsked)
  const answer = api().drafts.list({ scope: 'active', storedFirst: FIRST_SCREEN })
  answer.then(
    () => performance.mark(START_MARKS.listAnswered),
    () => undefined
  )
  return answer
}

/**
 * Asks main for the list's first screen and the settings while the rest of the page's code is still being
 * compiled and run (askEarly.ts is imported first): the answers are there when the app mounts.
 */
export function askEarly(): void {
  if (early || typeof window === 'undefined' || !window.newsroom) return
  const firstScreen = askFirstScreen()
  const settings = api().settings.get({})
  // Handled where they are taken; until then a failure must not surface as an unhandled rejection.
  firstScreen.catch(() => undefined)
  settings.catch(() => undefined)
  early = { firstScreen, settings }
}

/** The early answers, once: the start takes them, anything later (another data folder) asks anew. */
export function takeEarly(): EarlyAnswers | null {
  const taken = early
  early = null
  return taken
}
