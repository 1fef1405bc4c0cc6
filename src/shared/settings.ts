import { z } from 'zod'

export const UI_LANGUAGES = ['zh-CN', 'en'] as const
export const UiLanguageSchema = z.enum(UI_LANGUAGES)
export type UiLanguage = z.infer<typeof UiLanguageSchema>

export const AUTOSAVE_DELAY_MIN_MS = 200
export const AUTOSAVE_DELAY_MAX_MS = 10_000
export const USER_NAME_MAX = 60
export const HISTORY_INTERVAL_MIN_MINUTES = 1
export const HISTORY_INTERVAL_MAX_MINUTES = 24 * 60

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
  /** A history version is kept when a save comes this long after the previous one. */
  historyIntervalMinutes: z.number().int().min(HISTORY_INTERVAL_MIN_MINUTES).max(HISTORY_INTERVAL_MAX_MINUTES)
})
export type Settings = z.infer<typeof SettingsSchema>

export const SettingsPatchSchema = SettingsSchema.partial()
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>

export const DEFAULT_SETTINGS: Settings = {
  language: 'zh-CN',
  autosaveDelayMs: 800,
  dataDir: '',
  userName: '',
  requireApproval: true,
  historyIntervalMinutes: 10
}
