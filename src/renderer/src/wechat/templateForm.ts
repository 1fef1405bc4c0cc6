// Relative imports, not @shared: this module is unit-tested under Vitest, which has no @shared alias.
import { normalizeWechatTemplate, type WechatTemplate } from '../../../shared/article/wechatTemplate'

export type WechatTemplateDraft = Omit<WechatTemplate, 'version'>

const LOOK_FIELDS = ['accent', 'text', 'muted', 'titleBar', 'endText'] as const

/**
 * The template to save for what the form holds: the saved one with the next version when the look changed,
 * null when it did not (so re-saving the same look never voids approvals).
 */
export function nextWechatTemplate(saved: WechatTemplate, edited: WechatTemplateDraft): WechatTemplate | null {
  const next = normalizeWechatTemplate({ ...edited, version: saved.version })
  const before = normalizeWechatTemplate(saved)
  if (LOOK_FIELDS.every((field) => next[field] === before[field])) return null
  return { ...next, version: saved.version + 1 }
}
