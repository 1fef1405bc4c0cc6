import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { UiLanguage } from '@shared/settings'
import zhCN from './zh-CN.json'
import en from './en.json'

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en }
} as const

declare module 'i18next' {
  interface CustomTypeOptions {
    // Keys are checked against the Chinese catalogue, the one every string is written in first.
    resources: { translation: typeof zhCN }
  }
}

void i18n.use(initReactI18next).init({
  resources,
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  // React escapes text already; escaping here would show &lt; in titles.
  interpolation: { escapeValue: false },
  initAsync: false
})

export async function applyLanguage(language: UiLanguage): Promise<void> {
  document.documentElement.lang = language
  if (i18n.language !== language) await i18n.changeLanguage(language)
  document.title = i18n.t('app.name')
}

export default i18n
