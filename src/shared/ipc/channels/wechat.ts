import { z } from 'zod'
import { DraftIdSchema } from '../../model/draft'
import { WechatArticleSchema } from '../../model/wechat'
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
  },
  /** The 公众号 摘要 and cover crop: saved like an edit, so a sign-off made before no longer counts. */
  'wechat:setArticle': {
    request: z.object({ draftId: DraftIdSchema, wechat: WechatArticleSchema }),
    response: z.object({ revision: z.number().int().nonnegative(), statusChanged: z.boolean(), invalidated: z.array(z.string()) })
  }
} as const satisfies ChannelMap

export const wechatEvents = {} as const satisfies EventMap
