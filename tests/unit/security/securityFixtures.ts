import { join } from 'node:path'
import { composeApp, type AppCapabilities, type AppServices } from '../../../src/main/compose'
import type { Envelope } from '../../../src/shared/ipc/contract'
import { steppingClock } from '../../support/draftFixtures'
import { testCapabilities } from '../../support/testApp'

/** What the page hears back; attacks run through the real dispatcher, zod included. */
export type PageCall = (channel: string, payload: unknown) => Promise<Envelope>

/**
 * An app as a compromised page meets it: composeApp with the real dispatcher, the system's dialogs scripted
 * (`dialogAnswers` is what the person picks next), events recorded.
 */
export function attackableApp(root: string, overrides: Partial<AppCapabilities> = {}) {
  const dialog = { answers: [] as string[] }
  const events: { channel: string; payload: unknown }[] = []
  const app: AppServices = composeApp(
    testCapabilities(join(root, 'userData'), {
      clock: steppingClock(),
      dialogs: { openFiles: async () => dialog.answers, saveFile: async () => null },
      ...overrides
    })
  )
  const context = { emit: (channel: string, payload: unknown) => void events.push({ channel, payload }) }
  const call: PageCall = (channel, payload) => app.dispatch(channel, payload, context)
  return { app, dialog, events, call }
}

export function valueOf<T = unknown>(envelope: Envelope): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
  return envelope.value as T
}
