import { z } from 'zod'
import { AppErrorCodeSchema } from '../../errorSchemas'
import { DraftIdSchema, DraftSchema } from '../../model/draft'
import {
  ConnectionReportSchema,
  LivePageReportSchema,
  OutboxJobSchema,
  PublishErrorInfoSchema,
  PublishOptionsSchema,
  PublishProgressSchema,
  PublishRecordFileSchema,
  PublishResultSchema,
  PublishSignOffSchema,
  PublishTargetIdSchema,
  PublishTargetListSchema,
  PublishTargetSchema
} from '../../model/publish'
import { SignOffSchema, WorkflowStateSchema } from '../../model/workflow'
import { NoRequest, Ok, type ChannelMap, type EventMap } from './common'

/** Targets as the settings page shows them: whether a password/token is stored, never the secret itself. */
export const PublishTargetsViewSchema = PublishTargetListSchema.extend({
  withSecret: z.array(PublishTargetIdSchema),
  /** Stored but no longer readable on this computer: the person types it again (请重新输入密码). */
  needsPassword: z.array(PublishTargetIdSchema).default([]),
  /** Kept in memory for this run only. */
  sessionOnly: z.array(PublishTargetIdSchema).default([]),
  /** How well this computer protects a stored password (weak: Linux without a keyring). */
  secretProtection: z.enum(['strong', 'weak', 'none']).default('strong'),
  /** Damaged target lists set aside (full paths); the built-in target is used meanwhile. */
  setAside: z.array(z.string()).default([])
})

/** An opaque id for a folder main's own dialog produced; the page cannot make one from a path. */
export const FolderGrantSchema = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/)

/** The page names the job (so it can cancel before the answer comes). */
export const PublishJobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)

export const PublishRunOutcomeSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('published'),
    result: PublishResultSchema,
    // The publish sign-off recorded after the site took the article: the editor adopts the new status and revision.
    workflow: z.object({ draft: DraftSchema, signOff: SignOffSchema, state: WorkflowStateSchema }).nullable().default(null),
    /** On the site, but the sign-off could not be written (the draft changed meanwhile, the disk is full…). */
    signOffError: AppErrorCodeSchema.nullable().default(null)
  }),
  z.object({ outcome: z.literal('failed'), error: PublishErrorInfoSchema, queued: OutboxJobSchema.nullable() })
])

export const publishChannels = {
  'publish:targets': { request: NoRequest, response: PublishTargetsViewSchema },
  'publish:saveTarget': {
    // The secret travels once, from the form to the encrypted store; it is never sent back, and main alone
    // decides where it is kept (the target carries no reference to it). `secretStorage: 'weak'` only after the
    // person confirmed weak protection; 'session' keeps it for this run.
    // A local target's folder is never taken from here: main uses the folder behind `folderGrant` (minted by
    // publish:chooseFolder) or, without one, the folder this target already had.
    request: z.object({
      target: PublishTargetSchema,
      secret: z.string().min(1).max(4096).optional(),
      secretStorage: z.enum(['system', 'session', 'weak']).optional(),
      makeDefault: z.boolean().optional(),
      folderGrant: FolderGrantSchema.optional()
    }),
    response: PublishTargetsViewSchema
  },
  /**
   * The system's folder dialog for a local site target (a network share is chosen here too). `grant` is the
   * single-use id publish:saveTarget takes; `path` is for showing only. Both null when the person cancels.
   */
  'publish:chooseFolder': { request: NoRequest, response: z.object({ grant: FolderGrantSchema.nullable(), path: z.string().nullable() }) },
  'publish:removeTarget': { request: z.object({ targetId: PublishTargetIdSchema }), response: PublishTargetsViewSchema },
  'publish:testConnection': { request: z.object({ targetId: PublishTargetIdSchema }), response: ConnectionReportSchema },
  'publish:run': {
    // Progress arrives as publish:progress events; without targetId the default target is used. With signOff
    // this is the workflow's publish step (先审后发 applies); without it only a draft already 已发布 goes out again.
    request: z.object({
      jobId: PublishJobIdSchema,
      draftId: DraftIdSchema,
      targetId: PublishTargetIdSchema.optional(),
      options: PublishOptionsSchema.optional(),
      signOff: PublishSignOffSchema.optional()
    }),
    response: PublishRunOutcomeSchema
  },
  'publish:cancel': { request: z.object({ jobId: PublishJobIdSchema }), response: Ok },
  'publish:outbox': { request: NoRequest, response: z.object({ jobs: z.array(OutboxJobSchema) }) },
  'publish:outboxCancel': { request: z.object({ jobId: PublishJobIdSchema }), response: Ok },
  /** 立即重试: sends one queued job now; its outcome arrives as publish:outboxChanged (and workflow:changed). */
  'publish:outboxRetry': { request: z.object({ jobId: PublishJobIdSchema }), response: z.object({ published: z.boolean() }) },
  'publish:verify': { request: z.object({ draftId: DraftIdSchema, targetId: PublishTargetIdSchema }), response: LivePageReportSchema },
  /** 接受: the page's own links and scripts outside the article, as the first check took them, become its template. */
  'publish:acceptBaseline': { request: z.object({ draftId: DraftIdSchema, targetId: PublishTargetIdSchema }), response: z.object({ accepted: z.boolean() }) },
  'publish:records': { request: z.object({ draftId: DraftIdSchema }), response: PublishRecordFileSchema },
  'publish:openLive': {
    // Only an address this draft was published to: the page cannot open arbitrary URLs with it.
    request: z.object({ draftId: DraftIdSchema, targetId: PublishTargetIdSchema }),
    response: Ok
  }
} as const satisfies ChannelMap

export const publishEvents = {
  'publish:progress': PublishProgressSchema,
  /** The outbox after a job was queued, retried or cancelled. */
  'publish:outboxChanged': z.object({ jobs: z.array(OutboxJobSchema) })
} as const satisfies EventMap
