// Relative, not @shared: unit-tested under Vitest, which has no @shared alias.
import type { NewsroomBridge } from '../../../shared/ipc/api'
import type { Envelope } from '../../../shared/ipc/envelope'
import { START_MARKS } from './startMarks'

/** Drafts asked for first at start: more than a maximized window shows, a small answer over IPC. */
export const FIRST_SCREEN = 60

/**
 * Asks for the list's first screen with `list` (the raw bridge here, the typed API in earlyStart.ts), marking when
 * it was asked and answered in the page's timeline.
 */
export function askMarked<T>(list: (request: { scope: 'active'; storedFirst: number }) => Promise<T>): Promise<T> {
  performance.mark(START_MARKS.listAsked)
  const answer = list({ scope: 'active', storedFirst: FIRST_SCREEN })
  answer.then(
    () => performance.mark(START_MARKS.listAnswered),
    () => undefined
  )
  return answer
}

/** What the start asked main for, as the preload's envelopes: unwrapped (and checked) by earlyStart.ts. */
export type EarlyEnvelopes = { firstScreen: Promise<Envelope>; settings: Promise<Envelope> }

let early: EarlyEnvelopes | null = null
/** The envelopes once they are in, for a first render that already has them (earlyStart.ts, readyEarly). */
const settled: { firstScreen?: Envelope; settings?: Envelope } = {}

/**
 * Asks main for the list's first screen and the settings from the page's first, tiny script (early.ts), straight
 * through the preload's bridge: nothing here imports zod, React or the app, so the questions leave while the app's
 * code still loads and compiles, and the answers are in when it mounts.
 */
export function askEarly(): void {
  // The preload's bridge (window.newsroom), reached through globalThis so this file needs no page globals' types.
  const bridge = (globalThis as { newsroom?: NewsroomBridge }).newsroom
  if (early || !bridge) return
  const firstScreen = askMarked((request) => bridge.drafts.list(request))
  const settings = bridge.settings.get({})
  firstScreen.then((envelope) => (settled.firstScreen = envelope), () => undefined)
  settings.then((envelope) => (settled.settings = envelope), () => undefined)
  // Handled where they are taken; until then a failure must not surface as an unhandled rejection.
  firstScreen.catch(() => undefined)
  settings.catch(() => undefined)
  early = { firstScreen, settings }
}

/**
 * Resolves once both early answers are in (or failed), or at once when nothing was asked; never rejects. main.tsx
 * waits for it, a little, before the app's first render, so that render can draw the list.
 */
export function earlyAnswersIn(): Promise<void> {
  if (!early) return Promise.resolve()
  return Promise.allSettled([early.firstScreen, early.settings]).then(() => undefined)
}

/** The early envelopes that are in by now, without taking them. */
export function settledEnvelopes(): { firstScreen?: Envelope; settings?: Envelope } {
  return early ? settled : {}
}

/** The early envelopes, once: the start takes them, anything later (another data folder) asks anew. */
export function takeEarlyEnvelopes(): EarlyEnvelopes | null {
  const taken = early
  early = null
  return taken
}
