import type { CheckSettings } from './settings'
import { STARTER_VARIANTS, STARTER_WORD_RULES } from './starterWords'

/**
 * The check settings' limits and the defaults a desk without its own starts from (the starter lists), without the
 * schemas (settings.ts in this folder has those and re-exports all of this).
 */

export const WORD_RULES_MAX = 2000
export const WORD_MAX = 30
export const WORD_NOTE_MAX = 300
export const OWN_DOMAINS_MAX = 50
export const VARIANTS_MAX = 500
export const VARIANT_MAX = 8

export const DEFAULT_CHECK_SETTINGS: CheckSettings = {
  words: STARTER_WORD_RULES.map((rule) => ({ ...rule })),
  ownDomains: [],
  variants: { ...STARTER_VARIANTS },
  titleMax: 40,
  summaryRequired: false,
  minPhotoWidth: 800
}
