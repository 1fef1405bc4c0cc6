import * as z from 'zod/mini'
import { APP_ERROR_CODES } from '../errors'

/**
 * How every answer crosses the process border: Electron keeps only `message` of a thrown error. In zod's mini
 * build: the preload and the page's first script check every answer with it, and classic zod's whole library
 * (800 KB unbundled) costs tens of milliseconds at each start before the page's first script runs.
 */
export const EnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.enum(APP_ERROR_CODES), message: z.string() }) })
])
export type Envelope = z.infer<typeof EnvelopeSchema>
