// Relative imports, not @shared: this module is unit-tested under Vitest, which has no @shared alias.
import type { TFunction } from 'i18next'
import { DRAFT_STATUSES, type DraftStatus } from '../../../shared/model/draft'
import type { AuditEntry } from '../../../shared/model/workflow'
import { fullTime } from './timeText'

const isStatus = (value: unknown): value is DraftStatus => typeof value === 'string' && (DRAFT_STATUSES as readonly string[]).includes(value)
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

export function auditActionText(entry: AuditEntry, t: TFunction): string {
  const step = entry.details['step']
  if (entry.action === 'signoff' && (step === 'proofread' || step === 'review')) return t(`workflow.audit.steps.${step}`)
  return t(`workflow.audit.actions.${entry.action}`)
}

/** The entry's facts in words; unknown detail keys are left out rather than shown raw. */
export function auditDetailsText(entry: AuditEntry, t: TFunction): string {
  const { details } = entry
  const parts: string[] = []
  if (entry.count !== undefined && entry.count > 1 && entry.until) parts.push(t('workflow.audit.saves', { count: entry.count, until: fullTime(entry.until) }))
  if (isStatus(details['from']) && isStatus(details['to']) && details['from'] !== details['to']) {
    parts.push(t('workflow.audit.status', { from: t(`status.${details['from']}`), to: t(`status.${details['to']}`) }))
  }
  if (details['withoutApproval'] === true) parts.push(t('workflow.audit.withoutApproval'))
  const comment = text(details['comment'])
  if (comment) parts.push(t(entry.action === 'return' ? 'workflow.audit.reason' : 'workflow.audit.comment', { text: comment }))
  const invalidated = details['signOffIds']
  if (Array.isArray(invalidated) && invalidated.length > 0) parts.push(t('workflow.audit.invalidated', { count: invalidated.length }))
  if (details['format'] === 'approval-pdf') parts.push(t('workflow.audit.approvalPdf'))
  const format = details['format']
  if (format === 'html' || format === 'html-single' || format === 'docx') parts.push(t(`outputs.auditFormat.${format}`))
  const target = text(details['target'])
  if (target && entry.action === 'publish') parts.push(t('outputs.auditTarget', { target }))
  const file = text(details['file'])
  if (file) parts.push(t('workflow.audit.file', { file }))
  const title = text(details['title'])
  if (title && entry.action === 'rename') parts.push(t('workflow.audit.titleIs', { title }))
  if (typeof details['revision'] === 'number') parts.push(t('workflow.audit.revision', { revision: details['revision'] }))
  return parts.join(t('workflow.audit.separator'))
}
