import { AppError } from '../../../shared/errors'
import { formatCreditLine } from '../../../shared/article/creditLine'
import { findingKeyOf, runChecks } from '../../../shared/checks/engine'
import { checkInputOf } from '../../../shared/checks/input'
import type { CheckSettings } from '../../../shared/checks/settings'
import type { CheckResult, Finding } from '../../../shared/checks/types'
import type { OfficeDirectory } from '../../../shared/model/directory'
import type { Draft } from '../../../shared/model/draft'
import type { SignOff, SignOffChecks, Waiver } from '../../../shared/model/signOff'
import type { Settings } from '../../../shared/settings'

/**
 * Main's own 发布前检查 before 提交 and every sign-off. The page's panel is for the writer; what a signer is bound
 * to is what main finds on the draft it stores, so a page that claims "no errors" (or skips its checks) cannot
 * get an error past the gate. Pure: the caller gathers the photos' sizes.
 */

export type CheckGateSettings = Pick<Settings, 'creditTemplate' | 'creditScript'> & { checks: CheckSettings }

export interface CheckGateInput {
  draft: Draft
  directory: OfficeDirectory | null
  settings: CheckGateSettings
  photoSizes: ReadonlyMap<string, { width: number; height: number }>
  /** The signer's own waivers, as the page sent them. */
  waivers: readonly Waiver[]
  /** The signer's name: their waivers are recorded as theirs, whatever the page wrote in `by`. */
  signer: string
}

export interface CheckGateOutcome {
  result: CheckResult
  /** The waivers to store in the record: the signer's own, recorded under their name. */
  waivers: Waiver[]
  checks: SignOffChecks
  unwaived: Finding[]
}

/** The photos' asset ids in a body, so the caller can look up their sizes before checking. */
export function photoAssetIds(draft: Pick<Draft, 'body'>): string[] {
  const ids = new Set<string>()
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return
    const n = node as { type?: unknown; assetId?: unknown; images?: unknown; children?: unknown }
    if (n.type === 'image' && typeof n.assetId === 'string') ids.add(n.assetId)
    if (n.type === 'gallery' && Array.isArray(n.images)) for (const image of n.images) walk({ ...image, type: 'image' })
    if (Array.isArray(n.children)) for (const child of n.children) walk(child)
  }
  walk(draft.body?.root)
  return [...ids]
}

function creditLineOf(draft: Draft, settings: CheckGateSettings): string {
  try {
    return formatCreditLine(draft.metadata, { template: settings.creditTemplate, script: settings.creditScript })
  } catch {
    return formatCreditLine(draft.metadata)
  }
}

/** A waiver names its finding by key; a record from before keys by rule and the excerpt quoted in its text. */
export function waiverCovers(waiver: Waiver, finding: Finding, key: string): boolean {
  if (waiver.ruleId !== finding.ruleId) return false
  if (waiver.key !== undefined) return waiver.key === key
  return finding.excerpt === '' || waiver.finding.includes(finding.excerpt)
}

/** The waivers of the round's sign-offs still valid: what an earlier signer let through need not be waived again. */
export function roundWaivers(signOffs: readonly SignOff[]): Waiver[] {
  const lastSubmit = signOffs.findLastIndex((s) => s.action === 'submit')
  if (lastSubmit === -1) return []
  return signOffs.slice(lastSubmit).filter((s) => s.invalidatedAt === null && s.action !== 'return').flatMap((s) => s.waivers)
}

export function runCheckGate(input: CheckGateInput): CheckGateOutcome {
  const { draft, settings } = input
  const checkInput = checkInputOf(draft, {
    directory: input.directory,
    checks: settings.checks,
    creditLine: creditLineOf(draft, settings),
    creditScript: settings.creditScript,
    photoSize: (assetId) => input.photoSizes.get(assetId) ?? null
  })
  const result = runChecks(checkInput)
  const keyed = result.findings.map((finding) => ({ finding, key: findingKeyOf(finding, checkInput.segments) }))
  const earlier = roundWaivers(draft.signOffs)
  const own = input.waivers.filter((w) => w.reason.trim() !== '')
  const unwaived = keyed
    .filter(({ finding, key }) => finding.severity === 'error' && !own.some((w) => waiverCovers(w, finding, key)) && !earlier.some((w) => waiverCovers(w, finding, key)))
    .map(({ finding }) => finding)
  // Every waiver the signer gave is their statement and is kept, even one whose finding main did not see.
  const waivers = own.map((w) => ({ ...w, by: input.signer }))
  const errors = result.findings.filter((f) => f.severity === 'error').length
  const warnings = result.findings.filter((f) => f.severity === 'warning').length
  return { result, waivers, checks: { rulesRun: result.rulesRun, errors, warnings }, unwaived }
}

/** Refuses with `checks-failed` while an error-level finding has no waiver with a reason. */
export function assertChecksPass(outcome: CheckGateOutcome, stepName: string): void {
  if (outcome.unwaived.length === 0) return
  const list = outcome.unwaived
    .slice(0, 5)
    .map((f) => `${f.ruleId}${f.excerpt ? ` “${f.excerpt.slice(0, 40)}”` : ''}`)
    .join('; ')
  const more = outcome.unwaived.length > 5 ? ` and ${outcome.unwaived.length - 5} more` : ''
  throw new AppError(
    'checks-failed',
    `${stepName}: 发布前检查 found ${outcome.unwaived.length} error(s) nobody waived: ${list}${more}. Fix them in the 检查 panel, or waive each with a reason`
  )
}
