import { z } from 'zod'
import { DraftIdSchema } from '../../model/draft'
import {
  ConnectionReportSchema,
  LivePageReportSchema,
  OutboxJobSchema,
  PublishErrorInfoSchema,
  PublishOptionsSchema,
  PublishProgressSchema,
  PublishRecordFileSchema,
  PublishResultSchema,
  PublishTargetIdSchema,
  PublishTargetListSchema,
  PublishTargetSchema
} from '../../model/publish'
import { NoRequest, Ok, type ChannelMap, type EventMap } from './common'

/** Targets as the settings page shows them: whether a password/token is stored, never the secret itself. */
export const PublishTargetsViewSchema = PublishTargetListSchema.extend({ withSecret: z.array(PublishTargetIdSchema) })

/** The page names the job (so it can cancel before the answer comes). */
export const PublishJobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)

export const PublishRunOutcomeSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('published'), result: PublishResultSchema }),
  z.object({ outcome: z.literal('failed'), error: PublishErrorInfoSchema, queued: OutboxJobSchema.nullable() })
])

export const publishChannels = {
  'publish:targets': { request: NoRequest, response: PublishTargetsViewSchema },
  'publish:saveTarget': {
    // The secret travels once, from the form to the encrypted store; it is never sent back.
    request: z.object({ target: PublishTargetSchema, secret: z.string().min(1).max(4096).optional(), makeDefault: z.boolean().optional() }),
    response: PublishTargetsViewSchema
  },
  'publish:removeTarget': { request: z.object({ targetId: PublishTargetIdSchema }), response: PublishTargetsViewSchema },
  'publish:testConnection': { request: z.object({ targetId: PublishTargetIdSchema }), response: ConnectionReportSchema },
  'publish:run': {
    // Progress arrives as publish:progress events; without targetId the default target is used.
    request: z.object({ jobId: PublishJobIdSchema, draftId: DraftIdSchema, targetId: PublishTargetIdSchema.optional(), options: PublishOptionsSchema.optional() }),
    response: PublishRunOutcomeSchema
  },
  'publish:cancel': { request: z.object({ jobId: PublishJobIdSchema }), response: Ok },
  'publish:outbox': { request: NoRequest, response: z.object({ jobs: z.array(OutboxJobSchema) }) },
  'publish:outboxCancel': { request: z.object({ jobId: PublishJobIdSchema }), response: Ok },
  'publish:verify': { request: z.object({ draftId: DraftIdSchema, targetId: PublishTargetIdSchema }), response: LivePageReportSchema },
  'publish:records': { request: z.object({ draftId: DraftIdSchema }), response: PublishRecordFileSchema },
  'publish:openLive': {
    // Only an address this draft was published to: the page cannot open arbitrary URLs with it.
    request: z.object({ draftId: DraftIdSchema, targetId: PublishTargetIdSchema }),
    response: Ok
  }
} as const satisfies ChannelMap

export const publishEvents = {
  'publish:progress': PublishProgressSchema
} as const satisfies EventMap
