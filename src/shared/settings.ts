import { z } from 'zod'
import { ChainSchema } from './model/chain'
import { CheckSettingsSchema } from './checks/settings'
import { CHINESE_SCRIPTS, CREDIT_TEMPLATE_MAX, validateCreditTemplate } from './article/creditTemplate'
import { WechatTemplateSchema } from './model/wechat'
import {
  AUTOSAVE_DELAY_MAX_MS,
  AUTOSAVE_DELAY_MIN_MS,
  HISTORY_INTERVAL_MAX_MINUTES,
  HISTORY_INTERVAL_MIN_MINUTES,
  REQUIRABLE_METADATA_FIELDS,
  UI_LANGUAGES,
  USER_NAME_MAX
} from './settingsDefaults'

/** The settings' schemas; their limits and defaults are in settingsDefaults.ts, re-exported here. */
export * from './settingsDefaults'

export const UiLanguageSchema = z.enum(UI_LANGUAGES)
export const RequirableMetadataFieldSchema = z.enum(REQUIRABLE_METADATA_FIELDS)

/** How picked photos are compressed for the site (see CompressionProfile in model/image.ts). */
export const PhotoCompressionSchema = z.object({
  longEdge: z.number().int().min(320).max(8192),
  quality: z.number().int().min(30).max(100),
  format: z.enum(['jpeg', 'webp']),
  /** Keep the camera's capture date in the published file; GPS and everything else is always dropped. */
  keepCaptureDate: z.boolean()
})
export type PhotoCompression = z.infer<typeof PhotoCompressionSchema>

export const SettingsSchema = z.object({
  language: UiLanguageSchema,
  /** Quiet time after the last keystroke before the draft is written. */
  autosaveDelayMs: z.number().int().min(AUTOSAVE_DELAY_MIN_MS).max(AUTOSAVE_DELAY_MAX_MS),
  /** Folder that holds drafts/, trash/ and quarantine/; empty means the app's default user-data folder. */
  dataDir: z.string(),
  /** Who uses this computer: the name saves, exports and sign-offs are logged under. */
  userName: z.string().trim().max(USER_NAME_MAX),
  /** 先审后发: publishing needs a valid proofread + review chain. Off: publishing is logged as without approval. */
  requireApproval: z.boolean(),
  /** The office's chain of steps between 提交 and 发布 (presets in model/chain.ts; default 校对 → 审核). */
  chain: ChainSchema,
  /** Only signed sign-offs (a signing key and PIN) count for the gate on this desk; typed names are refused. */
  requireSignatures: z.boolean(),
  /** The last signer per chain step on this desk, offered first in the sign-off dialog. */
  lastSigners: z.record(z.string().max(40), z.string().max(USER_NAME_MAX)).refine((all) => Object.keys(all).length <= 50, 'too many steps'),
  /** A history version is kept when a save comes this long after the previous one. */
  historyIntervalMinutes: z.number().int().min(HISTORY_INTERVAL_MIN_MINUTES).max(HISTORY_INTERVAL_MAX_MINUTES),
  /** Shown as 必填 in the metadata panel; a missing one is pointed out, never a reason to refuse a save. */
  requiredMetadata: z.array(RequirableMetadataFieldSchema).transform((fields) => REQUIRABLE_METADATA_FIELDS.filter((f) => fields.includes(f))),
  /** The credit line's template (src/shared/article/creditLine.ts); a broken one falls back to the default. */
  creditTemplate: z
    .string()
    .max(CREDIT_TEMPLATE_MAX)
    .refine((template) => validateCreditTemplate(template).ok, 'invalid credit line template'),
  /** Simplified as typed, or Traditional (Taiwan / Hong Kong) for the credit line in preview and export. */
  creditScript: z.enum(CHINESE_SCRIPTS),
  /** Long edge, quality and format of photos compressed for the site. */
  photoCompression: PhotoCompressionSchema,
  /** The office's 公众号 look (title bar, colours, end block), versioned; a sign-off covers it once changed. */
  wechatTemplate: WechatTemplateSchema,
  /** 发布前检查: the office's word list, own domains, 异体字 preferences and limits (src/shared/checks/settings.ts). */
  checks: CheckSettingsSchema
})
export type Settings = z.infer<typeof SettingsSchema>

export const SettingsPatchSchema = SettingsSchema.partial()
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>
