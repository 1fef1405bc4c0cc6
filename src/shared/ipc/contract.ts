import { z } from 'zod'
import {
  DraftContentSchema,
  DraftIdSchema,
  DraftSchema,
  DraftSummarySchema,
  QuarantinedDraftSchema
} from '../model/draft'
import { SettingsPatchSchema, SettingsSchema } from '../settings'
import { AppErrorPayloadSchema } from '../errors'

const NoRequest = z.object({}).strict()
const Ok = z.object({ ok: z.literal(true) })

/**
 * The one request/response contract between renderer and main. Main registers every channel from this
 * map, the preload exposes exactly these methods, and the E2E harness dispatches through the same table.
 */
export const invokeContract = {
  'app:info': {
    request: NoRequest,
    response: z.object({ version: z.string(), dataDir: z.string(), platform: z.string() })
  },
  'app:flushed': {
    // The renderer's answer to `app:flushRequest`: its pending edits are on disk (or failed, with why).
    request: z.object({ requestId: z.string(), ok: z.boolean() }),
    response: Ok
  },
  'app:openExternal': {
    request: z.object({ url: z.url({ protocol: /^https?$/ }) }),
    response: Ok
  },
  'app:showInFolder': {
    request: z.object({ path: z.string().min(1) }),
    response: Ok
  },
  'drafts:list': {
    request: z.object({ scope: z.enum(['active', 'trash']) }),
    response: z.object({ drafts: z.array(DraftSummarySchema), quarantined: z.array(QuarantinedDraftSchema) })
  },
  'drafts:create': {
    request: z.object({ title: z.string().optional(), column: z.string().optional() }),
    response: DraftSchema
  },
  'drafts:open': {
    request: z.object({ id: DraftIdSchema }),
    response: DraftSchema
  },
  'drafts:save': {
    request: z.object({ id: DraftIdSchema, content: DraftContentSchema }),
    response: z.object({ id: DraftIdSchema, revision: z.number().int(), updatedAt: z.string() })
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
  },
  'settings:get': {
    request: NoRequest,
    response: SettingsSchema
  },
  'settings:set': {
    request: SettingsPatchSchema,
    response: SettingsSchema
  }
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>

/** Push events from main to the renderer, validated before they are sent. */
export const eventContract = {
  /** Main is about to close the window: save whatever is pending, then answer with `app:flushed`. */
  'app:flushRequest': z.object({ requestId: z.string() }),
  'drafts:saveState': z.object({
    id: DraftIdSchema,
    state: z.enum(['saving', 'saved', 'failed']),
    revision: z.number().int().optional(),
    error: AppErrorPayloadSchema.optional()
  }),
  'settings:changed': SettingsSchema,
  /** A native menu item was chosen; the renderer does what its button would do. */
  'app:menuCommand': z.object({ command: z.enum(['new-draft', 'open-settings']) })
} as const satisfies Record<string, z.ZodType>

export type InvokeChannel = keyof typeof invokeContract
export type EventChannel = keyof typeof eventContract
export type RequestOf<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['request']>
export type ParsedRequestOf<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['request']>
export type ResponseOf<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['response']>
export type EventPayloadOf<E extends EventChannel> = z.output<(typeof eventContract)[E]>

export const INVOKE_CHANNELS = Object.keys(invokeContract) as InvokeChannel[]
export const EVENT_CHANNELS = Object.keys(eventContract) as EventChannel[]

/** How every answer crosses the process border: Electron keeps only `message` of a thrown error. */
export const EnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppErrorPayloadSchema })
])
export type Envelope = z.infer<typeof EnvelopeSchema>
