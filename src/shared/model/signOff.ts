import { z } from 'zod'
import { DraftStatusSchema } from './draftStatus'
import { NAME_MAX } from './metadata'

/**
 * A sign-off record of the 三审三校 workflow, kept in the draft itself (Draft.signOffs). The rest of the
 * workflow model (state, audit log, history, diffs) is in workflow.ts, which re-exports this.
 */

const IsoTimeSchema = z.iso.datetime({ offset: true })

export const COMMENT_MAX = 2000

/** SHA-256 of the canonical content (see `canonicalContent`), lowercase hex. */
export const ContentHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'not a content hash')
export type ContentHash = z.infer<typeof ContentHashSchema>

/**
 * What a person does to move a draft along: 提交 submit (草稿/退回 → 待校对), 校对 proofread (待校对 → 待审核),
 * 审核 review (待审核 → 已审核), 退回 return (待校对/待审核 → 退回, reason required), 发布 publish (已审核 → 已发布;
 * from any state when the office has turned the approval gate off).
 */
export const WORKFLOW_ACTIONS = ['submit', 'proofread', 'review', 'return', 'publish'] as const
export const WorkflowActionSchema = z.enum(WORKFLOW_ACTIONS)
export type WorkflowAction = z.infer<typeof WorkflowActionSchema>

/** The hat a person wears when signing: 编辑 editor (submit, publish), 校对 proofreader, 审核 reviewer. */
export const SIGN_OFF_ROLES = ['editor', 'proofreader', 'reviewer'] as const
export const SignOffRoleSchema = z.enum(SIGN_OFF_ROLES)
export type SignOffRole = z.infer<typeof SignOffRoleSchema>

/**
 * One transition of the workflow, signed by a named person on a given content. It never changes, except
 * that it is marked invalid the first time a save changes the content it was made on.
 */
export const SignOffSchema = z.object({
  id: z.string().min(1).max(80),
  action: WorkflowActionSchema,
  role: SignOffRoleSchema,
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
  versionId: z.string().max(120).nullable().default(null)
})
export type SignOff = z.output<typeof SignOffSchema>
export type SignOffInput = z.input<typeof SignOffSchema>

export const SignOffListSchema = z.array(SignOffSchema)
