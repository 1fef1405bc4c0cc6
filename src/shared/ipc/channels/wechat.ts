import { z } from 'zod'
import { DraftIdSchema } from '../../model/draft'
import type { ChannelMap, EventMap } from './common'

const LimitUseSchema = z.object({ used: z.number().int().nonnegative(), limit: z.number().int().positive(), level: z.enum(['ok', 'near', 'over']) })

export const WechatCopyResultSchema = z.object({
  /** Photos written into the folder, numbered in reading order. */
  photos: z.number().int().nonnegative(),
  /** Photos that could not go out: 1-based numbers as in 【图n】. */
  problems: z.array(z.object({ number: z.number().int().positive(), caption: z.string(), reason: z.enum(['missing', 'unreadable', 'too-large']) })),
  /** The folder main chose and opened; shown to the person, never sent back as a path to act on. */
  folder: z.string(),
  size: z.object({ characters: LimitUseSchema, bytes: LimitUseSchema, level: z.enum(['ok', 'near', 'over']) })
})
export type WechatCopyResult = z.infer<typeof WechatCopyResultSchema>

export const wechatChannels = {
  'wechat:copy': {
    // Main saves pending edits, renders the saved article itself, writes the clipboard and the photo folder:
    // the page names the draft and nothing else.
    request: z.object({ draftId: DraftIdSchema }),
    response: WechatCopyResultSchema
  }
} as const satisfies ChannelMap

export const wechatEvents = {} as const satisfies EventMap
