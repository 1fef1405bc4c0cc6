import { z } from 'zod'

/** A channel that takes no arguments. */
export const NoRequest = z.object({}).strict()
export const Ok = z.object({ ok: z.literal(true) })

export type ChannelMap = Record<string, { request: z.ZodType; response: z.ZodType }>
export type EventMap = Record<string, z.ZodType>
