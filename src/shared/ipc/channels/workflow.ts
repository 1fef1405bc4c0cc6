import { z } from 'zod'
import { DraftIdSchema, DraftSchema, DraftStatusSchema } from '../../model/draft'
import { StepIdSchema } from '../../model/draftStatus'
import { PIN_MAX } from '../../model/signing'
import { NAME_MAX } from '../../model/metadata'
import {
  ApprovalDiffSchema,
  AuditEntrySchema,
  COMMENT_MAX,
  ContentDiffSchema,
  HistoryVersionIdSchema,
  HistoryVersionSchema,
  HistoryVersionSummarySchema,
  SignOffSchema,
  WaiverSchema,
  WorkflowStateSchema
} from '../../model/workflow'
import type { ChannelMap, EventMap } from './common'

/**
 * A workflow step. The name is not required here on purpose: an empty one reaches main and comes back
 * as 'signer-required', which the UI can explain. `revision` is the revision the signer was looking at.
 */
const StepRequest = z.object({
  draftId: DraftIdSchema,
  name: z.string().max(NAME_MAX),
  comment: z.string().max(COMMENT_MAX).optional(),
  revision: z.number().int().nonnegative().optional()
})
const SignRequest = StepRequest.extend({
  /** The step the person is signing (the one the draft waits for); another one is refused as a conflict. */
  stepId: StepIdSchema,
  /** The PIN of the signer's key on this desk; required when they have one. Never stored, never logged. */
  pin: z.string().max(PIN_MAX).optional(),
  /** 发布前检查 findings the signer lets through. */
  waivers: z.array(WaiverSchema).max(200).optional()
})
/** 提交 is gated by 发布前检查 like every sign-off: open errors go through only waived, with a reason. */
const SubmitRequest = StepRequest.extend({ waivers: z.array(WaiverSchema).max(200).optional() })
const ReturnRequest = StepRequest.extend({ reason: z.string().max(COMMENT_MAX) }).omit({ comment: true })
const StepResponse = z.object({ draft: DraftSchema, signOff: SignOffSchema, state: WorkflowStateSchema })
const DraftRef = z.object({ draftId: DraftIdSchema })
const VersionSide = z.union([z.literal('current'), HistoryVersionIdSchema])

export const workflowChannels = {
  'workflow:get': { request: DraftRef, response: WorkflowStateSchema },
  /** 草稿/退回 → waiting for the chain's first step. */
  'workflow:submit': { request: SubmitRequest, response: StepResponse },
  /** Signs the step the draft waits for (settings.chain): on to the next step, or 已签 after the last. */
  'workflow:sign': { request: SignRequest, response: StepResponse },
  /** 退回 with a reason, from any step of the chain. */
  'workflow:return': { request: ReturnRequest, response: StepResponse },
  /** 已审核 → 已发布 (from any status when settings.requireApproval is off, recorded as without approval). */
  'workflow:publish': { request: StepRequest, response: StepResponse },
  /** The last approval (review, else proofread) compared with the current content; null when never approved. */
  'workflow:changesSinceApproval': { request: DraftRef, response: ApprovalDiffSchema.nullable() },
  /** The draft's audit log, oldest first, coalesced saves folded into one entry each. */
  'audit:list': { request: DraftRef, response: z.array(AuditEntrySchema) },
  /** Stored versions, newest first. */
  'history:list': { request: DraftRef, response: z.array(HistoryVersionSummarySchema) },
  'history:get': { request: z.object({ draftId: DraftIdSchema, versionId: HistoryVersionIdSchema }), response: HistoryVersionSchema },
  'history:diff': { request: z.object({ draftId: DraftIdSchema, from: VersionSide, to: VersionSide }), response: ContentDiffSchema },
  /** Keeps the current content as a 'before-restore' version, then saves the old content as a new revision. */
  'history:restore': {
    request: z.object({ draftId: DraftIdSchema, versionId: HistoryVersionIdSchema }),
    response: z.object({ draft: DraftSchema, beforeVersionId: HistoryVersionIdSchema, statusChanged: z.boolean() })
  },
  /** Keeps the current content as a 'manual' version. */
  'history:snapshot': { request: DraftRef, response: HistoryVersionSummarySchema }
} as const satisfies ChannelMap

export const workflowEvents = {
  /** The status of a draft changed: a step, or an edit that invalidated sign-offs, or a restore. */
  'workflow:changed': z.object({
    draftId: DraftIdSchema,
    status: DraftStatusSchema,
    revision: z.number().int().nonnegative(),
    cause: z.enum(['step', 'edit', 'restore'])
  })
} as const satisfies EventMap
