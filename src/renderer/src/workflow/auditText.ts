// Relative imports, not @shared: this module is unit-tested under Vitest, which has no @shared alias.
import type { TFunction } from 'i18next'
import type { Chain } from '../../../shared/model/chain'
import type { AuditEntry } from '../../../shared/model/workflow'
import { asStatus, statusText } from './chainText'
import { fullTime } from './timeText'

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

/** A sign-off names its step as it was called when signed (stepName); older logs only have the step id. */
export function auditActionText(entry: AuditEntry, t: TFunction): string {
  const step = entry.details['step']
  const stepName = text(entry.details['stepName'])
  if (entry.action === 'signoff' && stepName) return t('chain.sign', { step: stepName })
  if (entry.action === 'signoff' && (step === 'proofread' || step === 'review')) return t(`workflow.audit.steps.${step}`)
  return t(`workflow.audit.actions.${entry.action}`)
}

/** The entry's facts in words; unknown detail keys are left out rather than shown raw. */
export function auditDetailsText(entry: AuditEntry, t: TFunction, chain: Chain): string {
  const { details } = entry
  const parts: string[] = []
  if (entry.count !== undefined && entry.count > 1 && entry.until) parts.push(t('workflow.audit.saves', { count: entry.count, until: fullTime(entry.until) }))
  const from = asStatus(details['from'])
  const to = asStatus(details['to'])
  if (from && to && from !== to) parts.push(t('workflow.audit.status', { from: statusText(from, chain, t), to: statusText(to, chain, t) }))
  if (details['withoutApproval'] === true) parts.push(t('workflow.audit.withoutApproval'))
  const comment = text(details['comment'])
  if (comment) parts.push(t(entry.action === 'return' ? 'workflow.audit.reason' : 'workflow.audit.comment', { text: comment }))
  const invalidated = details['signOffIds']
  if (Array.isArray(invalidated) && invalidated.length > 0) parts.push(t('workflow.audit.invalidated', { count: invalidated.length }))
  if (details['format'] === 'approval-pdf') parts.push(t('workflow.audit.approvalPdf'))
  const format = details['format']
  if (format === 'html' || format === 'html-single' || format === 'docx') parts.push(t(`outputs.auditFormat.${format}`))
  if (format === 'wechat') parts.push(t('wechat.audit', { photos: typeof details['photos'] === 'number' ? details['photos'] : 0 }))
  const target = text(details['target'])
  if (target && entry.action === 'publish') parts.push(t('outputs.auditTarget', { target }))
  const file = text(details['file'])
  if (file) parts.push(t('workflow.audit.file', { file }))
  const title = text(details['title'])
  if (title && entry.action === 'rename') parts.push(t('workflow.audit.titleIs', { title }))
  if (typeof details['revision'] === 'number') parts.push(t('workflow.audit.revision', { revision: details['revision'] }))
  return parts.join(t('workflow.audit.separator'))
}
