import type { Envelope } from '../../src/shared/ipc/contract'

/** The value of a dispatched call, or its error code and message thrown, as the page would see it. */
export function envelopeValue(envelope: Envelope): unknown {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
  return envelope.value
}

/** `ok`, or the error code a refused call answered with. */
export const envelopeCode = (envelope: Envelope): string => (envelope.ok ? 'ok' : envelope.error.code)
