import { z } from 'zod'
import { DraftStatusSchema, StepIdSchema } from './draftStatus'
import { NAME_MAX } from './metadata'

/**
 * A sign-off record of the workflow, kept in the draft itself (Draft.signOffs). The rest of the workflow
 * model (state, audit log, history, diffs) is in workflow.ts, which re-exports this.
 */

const IsoTimeSchema = z.iso.datetime({ offset: true })

export const COMMENT_MAX = 2000

/** SHA-256 of the canonical content (see `canonicalContent`), lowercase hex. */
export const ContentHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'not a content hash')
export type ContentHash = z.infer<typeof ContentHashSchema>

/**
 * What a person does to move a draft along: 提交 submit (草稿/退回 → the chain's first step), sign one step of
 * the office's chain (src/shared/model/chain.ts), 退回 return (from any step, reason required), 发布 publish.
 */
export const WORKFLOW_ACTIONS = ['submit', 'sign', 'return', 'publish'] as const
export const WorkflowActionSchema = z.enum(WORKFLOW_ACTIONS)
export type WorkflowAction = z.infer<typeof WorkflowActionSchema>

/** Step ids of the records that are not chain steps: the chain is opened by submit and closed by publish. */
export const SUBMIT_STEP = 'submit'
export const PUBLISH_STEP = 'publish'

export const WAIVER_REASON_MAX = 500

/**
 * A 发布前检查 finding the signer chose to let through, with why. Signed with the sign-off and kept in its
 * record, never in the content hash: a reviewer's waiver does not void the proofreader's sign-off.
 */
export const WaiverSchema = z.object({
  ruleId: z.string().min(1).max(80),
  finding: z.string().max(500),
  reason: z.string().trim().min(1).max(WAIVER_REASON_MAX),
  by: z.string().trim().min(1).max(NAME_MAX),
  /**
   * Which finding: `ruleId|field|excerpt` (findingKeyOf in src/shared/checks/engine.ts), the handle main matches
   * a waiver to its own run of the checks with. Records from before it match by rule and excerpt.
   */
  key: z.string().max(800).optional()
})
export type Waiver = z.infer<typeof WaiverSchema>

/** What main checked before it took a submit or sign-off: the rules that ran and what they found. */
export const SignOffChecksSchema = z.object({
  rulesRun: z.array(z.string().min(1).max(80)).max(200),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative()
})
export type SignOffChecks = z.infer<typeof SignOffChecksSchema>

/**
 * An Ed25519 signature over the sign-off's canonical form of version `form` (src/main/services/signing/
 * signedForm.ts keeps every form ever used, so an old record stays verifiable after the schema moves on).
 */
export const SignatureSchema = z.object({
  form: z.number().int().positive(),
  algorithm: z.literal('ed25519'),
  /** The raw 32-byte public key, base64. */
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'not an Ed25519 public key'),
  /** 64 bytes, base64. */
  value: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'not an Ed25519 signature')
})
export type Signature = z.infer<typeof SignatureSchema>

/**
 * One transition of the workflow, signed by a named person on a given content. It never changes, except
 * that it is marked invalid the first time a save changes the content it was made on.
 */
export const SignOffSchema = z.object({
  id: z.string().min(1).max(80),
  action: WorkflowActionSchema,
  /** The chain step signed (or returned from); 'submit' / 'publish' for those. */
  stepId: StepIdSchema,
  /** The step's name when it was signed: the record reads the same after the office renames its steps. */
  stepName: z.string().max(32),
  /** The person, as they signed (from settings.userName or the office directory). */
  name: z.string().trim().min(1).max(NAME_MAX),
  at: IsoTimeSchema,
  /** The comment of a sign-off; for a return, the reason (required). */
  comment: z.string().max(COMMENT_MAX).default(''),
  from: DraftStatusSchema,
  to: DraftStatusSchema,
  /** Revision of the draft the person signed. */
  revision: z.number().int().nonnegative(),
  contentHash: ContentHashSchema,
  /** Publish only: the office's approval gate was off and the chain was not valid. */
  withoutApproval: z.boolean().default(false),
  /** Set by the first save that changed the content after this sign-off; a sign-off never becomes valid again. */
  invalidatedAt: IsoTimeSchema.nullable().default(null),
  invalidatedRevision: z.number().int().nonnegative().nullable().default(null),
  /** History snapshot holding the content that was signed (see HistoryVersion). */
  versionId: z.string().max(120).nullable().default(null),
  /** Check findings let through by this signer (signed with the record, outside the content hash). */
  waivers: z.array(WaiverSchema).max(200).default([]),
  /** 发布前检查 as main ran it on the stored draft for this record; null on records from before the checks and on 退回/发布. */
  checks: SignOffChecksSchema.nullable().default(null),
  /** Null for a typed name; a signing key's signature otherwise. */
  signature: SignatureSchema.nullable().default(null),
  /**
   * When the record came in with a package. Set by this desk on import (whatever the package said): such a
   * record counts only when its signature verifies against a key trusted here.
   */
  importedAt: IsoTimeSchema.nullable().default(null)
})
export type SignOff = z.output<typeof SignOffSchema>
export type SignOffInput = z.input<typeof SignOffSchema>

export const SignOffListSchema = z.array(SignOffSchema)

/**
 * What this desk makes of a sign-off: 已验证 verified (a signature that checks against a key trusted here,
 * including the desk's own keys), typed (a name typed on this desk, as before keys), 未验证 unverified (came
 * in a package without a signature that checks, or carries a signature that does not check).
 */
export const VERIFICATIONS = ['verified', 'typed', 'unverified'] as const
export const VerificationSchema = z.enum(VERIFICATIONS)
export type Verification = z.infer<typeof VerificationSchema>
