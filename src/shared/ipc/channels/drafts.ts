import { z } from 'zod'
import { DraftContentSchema, DraftIdSchema, DraftSchema, DraftStatusSchema, DraftSummarySchema, QuarantinedDraftSchema } from '../../model/draft'
import { AppErrorPayloadSchema } from '../../errorSchemas'
import { ArticleMetadataSchema } from '../../model/metadata'
import { NoRequest, Ok, type ChannelMap, type EventMap } from './common'

export const draftChannels = {
  'drafts:list': {
    request: z.object({
      scope: z.enum(['active', 'trash']),
      /**
       * Only the newest this many active drafts as last listed, without checking each file: the first screen at
       * start, small enough to cross at once; list again (without it) for the checked, whole list.
       */
      storedFirst: z.number().int().min(1).max(1000).optional()
    }),
    response: z.object({ drafts: z.array(DraftSummarySchema), quarantined: z.array(QuarantinedDraftSchema) })
  },
  'drafts:create': {
    request: z.object({
      title: z.string().optional(),
      column: z.string().optional(),
      /** The person's usual details a new draft starts with. */
      metadata: ArticleMetadataSchema.pick({ sourceDepartment: true, editor: true }).partial().optional()
    }),
    response: DraftSchema
  },
  'drafts:open': {
    request: z.object({ id: DraftIdSchema }),
    response: DraftSchema
  },
  'drafts:save': {
    request: z.object({ id: DraftIdSchema, content: DraftContentSchema }),
    response: z.object({
      id: DraftIdSchema,
      revision: z.number().int(),
      updatedAt: z.string(),
      /** The status after the save: lower than before when the edit invalidated sign-offs (see docs/workflow.md). */
      status: DraftStatusSchema.optional(),
      statusChanged: z.boolean().optional()
    })
  },
  'drafts:rename': {
    request: z.object({ id: DraftIdSchema, title: DraftContentSchema.shape.title }),
    response: DraftSummarySchema
  },
  'drafts:duplicate': {
    request: z.object({ id: DraftIdSchema }),
    response: DraftSummarySchema
  },
  'drafts:trash': {
    request: z.object({ id: DraftIdSchema }),
    response: Ok
  },
  /** A new draft the person left without typing anything: removed unless it holds something after all. */
  'drafts:discardUntouched': {
    request: z.object({ id: DraftIdSchema }),
    response: z.object({ discarded: z.boolean() })
  },
  'drafts:restore': {
    request: z.object({ id: DraftIdSchema }),
    response: Ok
  },
  'drafts:emptyTrash': {
    request: NoRequest,
    response: z.object({ removed: z.number().int().nonnegative() })
  },
  'drafts:acknowledgeQuarantine': {
    request: z.object({ ids: z.array(z.string()) }),
    response: Ok
  }
} as const satisfies ChannelMap

export const draftEvents = {
  'drafts:saveState': z.object({
    id: DraftIdSchema,
    state: z.enum(['saving', 'saved', 'failed']),
    revision: z.number().int().optional(),
    error: AppErrorPayloadSchema.optional()
  })
} as const satisfies EventMap
