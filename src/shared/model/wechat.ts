import { z } from 'zod'
import { AssetIdSchema } from '../article/schema'
import { charCount, WECHAT_LIMITS } from '../article/wechatLimits'
import { DEFAULT_WECHAT_TEMPLATE, WECHAT_END_TEXT_MAX, type WechatTemplate } from '../article/wechatTemplate'

const fraction = z.number().min(0).max(1)

/**
 * A crop of the cover photo as the platform takes it (pic_crop_235_1, pic_crop_1_1): corners as fractions of
 * the photo, (0,0) top left to (1,1) bottom right.
 */
export const CoverCropSchema = z
  .object({ x1: fraction, y1: fraction, x2: fraction, y2: fraction })
  .refine((c) => c.x1 < c.x2 && c.y1 < c.y2, 'a crop needs its top left corner above and left of its bottom right one')
export type CoverCrop = z.infer<typeof CoverCropSchema>

export const WechatCoverSchema = z.object({
  /** One of the article's own stored photos. */
  assetId: AssetIdSchema,
  crop235: CoverCropSchema,
  crop11: CoverCropSchema
})
export type WechatCover = z.infer<typeof WechatCoverSchema>

/** What the 公众号 version adds to an article; reviewers approve it with the rest (contentHash). */
export const WechatArticleSchema = z.object({
  /** 公众号 摘要; '' lets the platform take the first 54 characters of the body. */
  digest: z
    .string()
    .trim()
    .refine((digest) => charCount(digest) <= WECHAT_LIMITS.digestChars, `a 公众号 digest holds at most ${String(WECHAT_LIMITS.digestChars)} characters`),
  cover: WechatCoverSchema.nullable()
})
export type WechatArticle = z.infer<typeof WechatArticleSchema>

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb')

/** The office's 公众号 look as settings keep it (src/shared/article/wechatTemplate.ts). */
export const WechatTemplateSchema: z.ZodType<WechatTemplate> = z.object({
  version: z.number().int().min(1),
  accent: colour,
  text: colour,
  muted: colour,
  titleBar: z.boolean(),
  endText: z.string().trim().max(WECHAT_END_TEXT_MAX)
})

export { DEFAULT_WECHAT_TEMPLATE }
