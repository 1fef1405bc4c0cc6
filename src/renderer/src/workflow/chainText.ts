// Relative imports, not @shared: this module is unit-tested under Vitest, which has no @shared alias.
import type { TFunction } from 'i18next'
import type { Chain, ChainStep } from '../../../shared/model/chain'
import { stepById } from '../../../shared/model/chainPresets'
import { awaitedStep, type DraftStatus } from '../../../shared/model/statusNames'

/** Statuses the fixed-chain app wrote into audit logs before schema 2: read as the standard chain's steps. */
const LEGACY_STATUS: Record<string, DraftStatus> = { proofreading: 'awaiting:proofread', review: 'awaiting:review' }

export function asStatus(value: unknown): DraftStatus | null {
  if (typeof value !== 'string') return null
  const legacy = LEGACY_STATUS[value]
  if (legacy) return legacy
  if (value === 'draft' || value === 'returned' || value === 'approved' || value === 'published') return value
  return /^awaiting:[a-z][a-z0-9-]{0,31}$/.test(value) ? (value as DraftStatus) : null
}

/** A status in the office's own words: 待初审, 已终审 … (the chain names the steps; the rest is translated). */
export function statusText(status: DraftStatus, chain: Chain, t: TFunction): string {
  const waiting = awaitedStep(status)
  if (waiting !== null) return t('chain.awaiting', { step: stepById(chain, waiting)?.name ?? waiting })
  if (status === 'approved') return t('chain.approved', { step: chain.steps.at(-1)?.name ?? '' })
  return t(`status.${status as 'draft' | 'returned' | 'published'}`)
}

/** The CSS class of a status chip: every waiting status looks alike. */
export const statusClass = (status: DraftStatus): string => (awaitedStep(status) !== null ? 'status-awaiting' : `status-${status}`)

/**
 * The signer the sign-off dialog offers for a step: the step's person in 稿件信息 (校对 → the named
 * proofreader), else whoever last signed this step on this desk, else 我的姓名.
 */
export function offeredSigner(
  step: Pick<ChainStep, 'id' | 'creditField'> | null,
  metadata: Partial<Record<NonNullable<ChainStep['creditField']>, string>> | null,
  lastSigners: Readonly<Record<string, string>>,
  userName: string
): string {
  const named = step?.creditField ? metadata?.[step.creditField]?.trim() : ''
  if (named) return named
  return (step ? lastSigners[step.id] : undefined) ?? userName
}
