import { DEFAULT_CHAIN } from './model/chainPresets'
import { DEFAULT_CHECK_SETTINGS } from './checks/checkDefaults'
import { DEFAULT_CREDIT_TEMPLATE } from './article/creditTemplate'
import { DEFAULT_WECHAT_TEMPLATE } from './article/wechatTemplate'
import type { PhotoCompression, Settings } from './settings'

/**
 * The settings' limits and defaults without their schemas (settings.ts has those and re-exports all of this): the
 * window's first screen starts from these before the settings are read, and builds no schema for it.
 */

export const UI_LANGUAGES = ['zh-CN', 'en'] as const
export type UiLanguage = (typeof UI_LANGUAGES)[number]

export const AUTOSAVE_DELAY_MIN_MS = 200
export const AUTOSAVE_DELAY_MAX_MS = 10_000
export const USER_NAME_MAX = 60
export const HISTORY_INTERVAL_MIN_MINUTES = 1
export const HISTORY_INTERVAL_MAX_MINUTES = 24 * 60

/** Metadata fields an office may require (title and body are always expected; they are not metadata). */
export const REQUIRABLE_METADATA_FIELDS = [
  'column',
  'subtitle',
  'sourceDepartment',
  'editor',
  'authors',
  'photographers',
  'proofreader',
  'reviewer',
  'publishAt',
  'summary',
  'tags',
  'coverAssetId'
] as const
export type RequirableMetadataField = (typeof REQUIRABLE_METADATA_FIELDS)[number]

export const DEFAULT_PHOTO_COMPRESSION: PhotoCompression = { longEdge: 1920, quality: 82, format: 'jpeg', keepCaptureDate: false }

export const DEFAULT_SETTINGS: Settings = {
  language: 'zh-CN',
  autosaveDelayMs: 800,
  dataDir: '',
  userName: '',
  requireApproval: true,
  chain: DEFAULT_CHAIN,
  requireSignatures: false,
  lastSigners: {},
  historyIntervalMinutes: 10,
  requiredMetadata: ['column', 'sourceDepartment', 'editor', 'authors'],
  creditTemplate: DEFAULT_CREDIT_TEMPLATE,
  creditScript: 'simplified',
  photoCompression: DEFAULT_PHOTO_COMPRESSION,
  wechatTemplate: { ...DEFAULT_WECHAT_TEMPLATE },
  checks: DEFAULT_CHECK_SETTINGS
}
