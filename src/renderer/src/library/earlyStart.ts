// Relative, not @shared: unit-tested under Vitest, which has no @shared alias.
import type { DraftSummary, QuarantinedDraft } from '../../../shared/model/draft'
import type { Settings } from '../../../shared/settings'
import { unwrapEnvelope } from '../../../shared/ipc/api'
import { newsroom as api } from '../newsroom'
import { askMarked, settledEnvelopes, takeEarlyEnvelopes, type EarlyEnvelopes } from './earlyAsk'
import type { Envelope } from '../../../shared/ipc/envelope'

export type DraftListAnswer = { drafts: DraftSummary[]; quarantined: QuarantinedDraft[] }

type EarlyAnswers = { firstScreen: Promise<DraftListAnswer>; settings: Promise<Settings> }

export function askFirstScreen(): Promise<DraftListAnswer> {
  return askMarked((request) => api().drafts.list(request))
}

/** Each envelope unwrapped once: the first render and the start then hold the very same objects. */
const unwrapped = new WeakMap<Envelope, unknown>()
function unwrapOnce(envelope: Envelope): unknown {
  if (!unwrapped.has(envelope)) unwrapped.set(envelope, unwrapEnvelope(envelope))
  return unwrapped.get(envelope)
}

/**
 * The early answers when both are in and good by the time the app first renders (the usual case: they come back
 * while the app's code still compiles), so that render draws the list at once instead of an empty one followed by
 * another. Not taken: the start takes them as usual and finds the same objects, so it changes nothing.
 */
export function readyEarly(): { firstScreen: DraftListAnswer; settings: Settings } | null {
  const { firstScreen, settings } = settledEnvelopes()
  if (!firstScreen?.ok || !settings?.ok) return null
  try {
    return { firstScreen: unwrapOnce(firstScreen) as DraftListAnswer, settings: unwrapOnce(settings) as Settings }
  } catch {
    return null
  }
}

/**
 * The answers early.ts asked for before the app's code ran, checked as every answer is (the envelope, a
 * NewsroomError with its code on failure); once: anything later (another data folder) asks anew.
 */
export function takeEarly(): EarlyAnswers | null {
  const taken: EarlyEnvelopes | null = takeEarlyEnvelopes()
  if (!taken) return null
  const firstScreen = taken.firstScreen.then((envelope) => unwrapOnce(envelope) as DraftListAnswer)
  const settings = taken.settings.then((envelope) => unwrapOnce(envelope) as Settings)
  firstScreen.catch(() => undefined)
  settings.catch(() => undefined)
  return { firstScreen, settings }
}
