import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { UiLanguage } from '@shared/settings'
import zhCN from './zh-CN.json'

declare module 'i18next' {
  interface CustomTypeOptions {
    // Keys are checked against the Chinese catalogue, the one every string is written in first.
    resources: { translation: typeof zhCN }
  }
}

/**
 * The Chinese catalogue is in the first scripts; the English one (as large) loads when a person chooses English,
 * so the usual start does not parse it.
 */
const LATER_CATALOGUES: Record<Exclude<UiLanguage, 'zh-CN'>, () => Promise<{ default: Record<string, unknown> }>> = {
  en: () => import('./en.json')
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  // React escapes text already; escaping here would show &lt; in titles.
  interpolation: { escapeValue: false },
  initAsync: false
})

let wanted: UiLanguage = 'zh-CN'

export async function applyLanguage(language: UiLanguage): Promise<void> {
  wanted = language
  if (language !== 'zh-CN' && !i18n.hasResourceBundle(language, 'translation')) {
    const catalogue = await LATER_CATALOGUES[language]()
    i18n.addResourceBundle(language, 'translation', catalogue.default)
    // Chosen again meanwhile: the later choice applies (it may not have waited for a catalogue).
    if (wanted !== language) return
  }
  document.documentElement.lang = language
  if (i18n.language !== language) await i18n.changeLanguage(language)
  document.title = i18n.t('app.name')
}

export default i18n
