import { z } from 'zod'
import { APP_ERROR_CODES, type AppErrorCode, type AppErrorPayload } from './errors'

// Apart from errors.ts, which the preload and the page's first script import: zod's schemas cost time at each start.
export const AppErrorCodeSchema: z.ZodType<AppErrorCode> = z.enum(APP_ERROR_CODES)
export const AppErrorPayloadSchema = z.object({ code: AppErrorCodeSchema, message: z.string() }) satisfies z.ZodType<AppErrorPayload>
