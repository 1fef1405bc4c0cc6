import { z } from 'zod'
import { NAME_MAX } from '../../model/metadata'
import { DeskKeySchema, KeysOverviewSchema, PIN_MAX, PublicKeySchema } from '../../model/signing'
import type { ChannelMap, EventMap } from './common'

const Name = z.string().trim().min(1).max(NAME_MAX)

export const signingChannels = {
  /** This desk's keys, and every key the directory carries with its trust state (new / trusted / changed). */
  'signing:overview': { request: z.object({}), response: KeysOverviewSchema },
  /**
   * A new signing key for a person, sealed by their PIN on this desk; its public half goes into the
   * directory (the person is added when missing) and is trusted here at once.
   */
  'signing:createKey': { request: z.object({ name: Name, pin: z.string().max(PIN_MAX) }), response: DeskKeySchema },
  /** This desk's key for a name, so the sign-off dialog knows to ask for a PIN; null when there is none. */
  'signing:deskKey': { request: z.object({ name: z.string().max(NAME_MAX) }), response: z.object({ key: DeskKeySchema.nullable() }) },
  /** The person compared the fingerprint and confirms the directory's key for that name (first sight or changed). */
  'signing:confirmKey': { request: z.object({ name: Name, publicKey: PublicKeySchema }), response: KeysOverviewSchema }
} as const satisfies ChannelMap

export const signingEvents = {} as const satisfies EventMap
