import { z } from 'zod'
import { OWN_DOMAINS_MAX, VARIANT_MAX, VARIANTS_MAX, WORD_MAX, WORD_NOTE_MAX, WORD_RULES_MAX } from './checkDefaults'

/** The office's own check settings (设置 → 检查); a desk without them starts from the starter lists (checkDefaults.ts). */

export * from './checkDefaults'

export const CheckWordRuleSchema = z.object({
  word: z.string().trim().min(1).max(WORD_MAX),
  kind: z.enum(['forbidden', 'caution']),
  replacement: z.string().trim().max(WORD_MAX).optional(),
  note: z.string().trim().max(WORD_NOTE_MAX).optional()
})

/** `edu.cn`-style host names: a link to the domain or any subdomain of it counts as the school's own. */
export const OwnDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'not a domain name')

export const CheckSettingsSchema = z.object({
  /** 禁用词 (errors) and 慎用词 (warnings), each with a suggested replacement and why. */
  words: z.array(CheckWordRuleSchema).max(WORD_RULES_MAX),
  /** The school's domains; links elsewhere are findings unless waived. Empty: links are not checked. */
  ownDomains: z.array(OwnDomainSchema).max(OWN_DOMAINS_MAX),
  /** 异体字 (or variant spellings) the office does not use → the form it prefers. */
  variants: z
    .record(z.string().min(1).max(VARIANT_MAX), z.string().min(1).max(VARIANT_MAX))
    .refine((all) => Object.keys(all).length <= VARIANTS_MAX, 'too many variants'),
  /** 标题 limit of the site, in characters; null for none. */
  titleMax: z.number().int().min(5).max(200).nullable(),
  /** 摘要 required before 提交校对. */
  summaryRequired: z.boolean(),
  /** Narrowest photo, in pixels, the site shows without blur; null for none. */
  minPhotoWidth: z.number().int().min(1).max(20_000).nullable(),
  /** The office also posts the article to its 微信公众号: 标题 and 摘要 must fit that channel's limits too. */
  wechat: z.boolean().optional()
})
export type CheckSettings = z.infer<typeof CheckSettingsSchema>
