import { describe, expect, it } from 'vitest'
import zhCN from '../../../src/renderer/src/i18n/zh-CN.json'
import en from '../../../src/renderer/src/i18n/en.json'
import { APP_ERROR_CODES } from '../../../src/shared/errors'
import { FIXED_STATUSES, QUARANTINE_REASONS } from '../../../src/shared/model/draft'
import { UI_LANGUAGES } from '../../../src/shared/settings'
import { PUBLISH_ERROR_KINDS, PUBLISH_STEPS } from '../../../src/shared/model/publish'

type Catalogue = { [key: string]: string | Catalogue }

function keys(catalogue: Catalogue, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`)
  )
}

function lookup(catalogue: Catalogue, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node as Catalogue | undefined)?.[part], catalogue)
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort()
}

describe('UI catalogues', () => {
  const catalogues = { 'zh-CN': zhCN as Catalogue, en: en as Catalogue }

  it('have the same keys in Chinese and English', () => {
    expect(keys(catalogues.en).sort()).toEqual(keys(catalogues['zh-CN']).sort())
  })

  it('use the same placeholders in both languages', () => {
    for (const key of keys(catalogues['zh-CN'])) {
      expect(placeholders(String(lookup(catalogues.en, key))), key).toEqual(placeholders(String(lookup(catalogues['zh-CN'], key))))
    }
  })

  it('have words for every error code, draft status, quarantine reason, language, publish error kind and publish step', () => {
    const required = [
      ...APP_ERROR_CODES.flatMap((code) => [`errors.${code}`, `save.errors.${code}`]),
      ...FIXED_STATUSES.map((status) => `status.${status}`),
      ...QUARANTINE_REASONS.map((reason) => `quarantine.reasons.${reason}`),
      ...UI_LANGUAGES.map((language) => `settings.languages.${language}`),
      ...PUBLISH_ERROR_KINDS.map((kind) => `publishing.errors.${kind}`),
      ...PUBLISH_STEPS.map((step) => `publishing.steps.${step}`)
    ]
    for (const [language, catalogue] of Object.entries(catalogues)) {
      for (const key of required) expect(typeof lookup(catalogue, key), `${language}: ${key}`).toBe('string')
    }
  })

  it('tell the person, for every failed save, that the text is still in the editor', () => {
    for (const code of APP_ERROR_CODES) {
      expect(lookup(catalogues['zh-CN'], `save.errors.${code}`)).toContain('您的文字仍保留在编辑器中')
      expect(lookup(catalogues.en, `save.errors.${code}`)).toContain('your text is still in the editor')
    }
  })
})
