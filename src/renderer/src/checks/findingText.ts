import type { TFunction } from 'i18next'
import type { CheckSegment, Finding } from '../../../shared/checks/types'

/** A finding's message in the UI language; the rule id when the catalogue has no words for it yet. */
export function findingMessage(finding: Finding, t: TFunction): string {
  // The engine names the whole key (checks.rules.<id>); a bare id is read under checks.rules as well.
  const key = finding.messageKey.startsWith('checks.') ? finding.messageKey : `checks.rules.${finding.messageKey}`
  return t(key as 'checks.rules', { ...finding.params, defaultValue: finding.ruleId })
}

/** What a waiver records of a finding: the marked text and the message, so it reads alone in the record. */
export function findingSummary(finding: Finding, segments: readonly CheckSegment[], t: TFunction): string {
  const field = segments[finding.segment]?.field
  const where = field ? t(`checks.fields.${field}`) : ''
  const excerpt = finding.excerpt === '' ? '' : t('checks.quoted', { text: finding.excerpt })
  return [where, excerpt, findingMessage(finding, t)].filter(Boolean).join(t('checks.separator'))
}
