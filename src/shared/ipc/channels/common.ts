import { z } from 'zod'

/** A channel that takes no arguments. */
export const NoRequest = z.object({}).strict()
export const Ok = z.object({ ok: z.literal(true) })

/**
 * `preloadOnly`: main answers it, but the preload calls it for its own errands (a dropped file's path) and
 * never exposes it on window.newsroom, so a compromised page cannot name what goes through it.
 */
export type ChannelMap = Record<string, { request: z.ZodType; response: z.ZodType; preloadOnly?: true }>
export type EventMap = Record<string, z.ZodType>
