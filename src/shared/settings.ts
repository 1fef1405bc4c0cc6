import { z } from 'zod'

export const UI_LANGUAGES = ['zh-CN', 'en'] as const
export const UiLanguageSchema = z.enum(UI_LANGUAGES)
export type UiLanguage = z.infer<typeof UiLanguageSchema>

export const AUTOSAVE_DELAY_MIN_MS = 200
export const AUTOSAVE_DELAY_MAX_MS = 10_000

export const SettingsSchema = z.object({
  language: UiLanguageSchema,
  /** Quiet time after the last keystroke before the draft is written. */
  autosaveDelayMs: z.number().int().min(AUTOSAVE_DELAY_MIN_MS).max(AUTOSAVE_DELAY_MAX_MS),
  /** Folder that holds drafts/, trash/ and quarantine/; empty means the app's default user-data folder. */
  dataDir: z.string()
})
export type Settings = z.infer<typeof SettingsSchema>

export const SettingsPatchSchema = SettingsSchema.partial()
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>

export const DEFAULT_SETTINGS: Settings = { language: 'zh-CN', autosaveDelayMs: 800, dataDir: '' }
