import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto'
import { canonicalJson, type SignOff } from '../../../shared/model/workflow'

/**
 * What a signing key signs: the versioned canonical form of a sign-off. Every form ever used stays here,
 * keyed by its number, so a record signed under an older schema still verifies after the record grows new
 * fields. A new form gets a new number; an existing one never changes.
 *
 * The content hash stands for the article; the waivers are signed beside it, not inside it, so a later
 * signer's waiver does not change what the earlier signer signed.
 */
export const CURRENT_FORM = 2

const FORMS: Record<number, (signOff: SignOff) => string> = {
  1: (s) =>
    canonicalJson({
      type: 'campus-newsroom-signoff',
      form: 1,
      action: s.action,
      stepId: s.stepId,
      stepName: s.stepName,
      contentHash: s.contentHash,
      at: s.at,
      signer: s.name,
      comment: s.comment,
      waivers: s.waivers.map((w) => ({ ruleId: w.ruleId, finding: w.finding, reason: w.reason, by: w.by }))
    }),
  // 2: what was checked is signed too (the rules that ran and the counts), and each waiver's finding key.
  2: (s) =>
    canonicalJson({
      type: 'campus-newsroom-signoff',
      form: 2,
      action: s.action,
      stepId: s.stepId,
      stepName: s.stepName,
      contentHash: s.contentHash,
      at: s.at,
      signer: s.name,
      comment: s.comment,
      waivers: s.waivers.map((w) => ({ ruleId: w.ruleId, finding: w.finding, reason: w.reason, by: w.by, key: w.key ?? null })),
      checks: s.checks === null ? null : { rulesRun: s.checks.rulesRun, errors: s.checks.errors, warnings: s.checks.warnings }
    })
}

/** The bytes signed for a sign-off in form `form`; null for a form this app does not know (a newer app's). */
export function signedBytes(signOff: SignOff, form: number = CURRENT_FORM): Buffer | null {
  const build = FORMS[form]
  return build ? Buffer.from(build(signOff), 'utf8') : null
}

/** Raw 32-byte Ed25519 public key (base64) as a KeyObject; null when it is not one. */
export function publicKeyFromRaw(rawBase64: string): KeyObject | null {
  try {
    const raw = Buffer.from(rawBase64, 'base64')
    if (raw.length !== 32) return null
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' })
  } catch {
    return null
  }
}

export function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' })
  return Buffer.from(jwk.x ?? '', 'base64url').toString('base64')
}

/**
 * What two people compare aloud or side by side, as SSH and Signal have them do: the first 16 bytes of
 * the key's SHA-256 in eight groups of four hex digits.
 */
export function keyFingerprint(rawBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(rawBase64, 'base64')).digest('hex').slice(0, 32)
  return hex.match(/.{4}/g)?.join(' ') ?? hex
}

/** True when the record's signature checks with the key it names (who that key belongs to is the trust store's question). */
export function signatureChecks(signOff: SignOff): boolean {
  const signature = signOff.signature
  if (!signature) return false
  const key = publicKeyFromRaw(signature.publicKey)
  const bytes = signedBytes(signOff, signature.form)
  if (!key || !bytes) return false
  try {
    return verify(null, bytes, key, Buffer.from(signature.value, 'base64'))
  } catch {
    return false
  }
}
