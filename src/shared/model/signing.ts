import { z } from 'zod'
import { SignatureSchema } from './signOff'

/** Signing keys on this desk and the keys of the directory, with what this desk makes of each. */

export const PIN_MIN = 4
export const PIN_MAX = 64

export const PublicKeySchema = SignatureSchema.shape.publicKey

/** A person's key made on this desk (its private half sealed by their PIN never leaves it). */
export const DeskKeySchema = z.object({ name: z.string(), publicKey: PublicKeySchema, fingerprint: z.string(), createdAt: z.string() })
export type DeskKey = z.infer<typeof DeskKeySchema>

/**
 * A directory key: 'new' (never confirmed here: signatures with it are 未验证), 'trusted' (its fingerprint was
 * confirmed), 'changed' (another key than the one confirmed for this name: a loud warning until confirmed).
 */
export const KEY_TRUST_STATES = ['new', 'trusted', 'changed'] as const
export const KeyTrustSchema = z.object({
  name: z.string(),
  publicKey: PublicKeySchema,
  fingerprint: z.string(),
  state: z.enum(KEY_TRUST_STATES),
  trustedFingerprint: z.string().nullable()
})
export type KeyTrust = z.infer<typeof KeyTrustSchema>

export const KeysOverviewSchema = z.object({ deskKeys: z.array(DeskKeySchema), people: z.array(KeyTrustSchema) })
export type KeysOverview = z.infer<typeof KeysOverviewSchema>
