import { AppError } from '../../../shared/errors'
import { maySign, nextStepFor, stepById, type Chain, type ChainStep } from '../../../shared/model/chain'
import type { Draft, DraftStatus } from '../../../shared/model/draft'
import { awaitedStep, awaiting } from '../../../shared/model/draftStatus'
import type { OfficeDirectory } from '../../../shared/model/directory'
import { NAME_MAX } from '../../../shared/model/metadata'
import {
  COMMENT_MAX,
  PUBLISH_STEP,
  SUBMIT_STEP,
  WRITING_STATUSES,
  type ChainProgress,
  type ContentHash,
  type SignOff,
  type SignOffView,
  type Verification,
  type WorkflowAction,
  type WorkflowState
} from '../../../shared/model/workflow'

/**
 * The workflow's rules over the office's chain, pure: which step is allowed from which status, what a
 * content change does to the sign-offs, which status the remaining sign-offs support, what the gate needs.
 *
 * Submit and return records only move the draft; step and publish sign-offs vouch for a content, so only
 * those are invalidated by an edit.
 */
const VOUCHING: ReadonlySet<WorkflowAction> = new Set(['sign', 'publish'])

export const isValid = (signOff: SignOff): boolean => signOff.invalidatedAt === null

/** How this desk judges sign-offs: the chain in force, the gate's settings, and each record's verification. */
export type Policy = {
  chain: Chain
  requireApproval: boolean
  /** Only signed sign-offs count (settings.requireSignatures). */
  requireSignatures: boolean
  verdict(signOff: SignOff): Verification
}

/**
 * A step sign-off moves the chain and counts for the gate only when it is valid and proven enough: one
 * imported from a package must verify against a trusted key (a forged record is just text), and with
 * signatures required a typed name is not enough either.
 */
export function counts(signOff: SignOff, policy: Pick<Policy, 'requireSignatures' | 'verdict'>): boolean {
  if (!isValid(signOff)) return false
  const verdict = policy.verdict(signOff)
  if (verdict === 'unverified') return false
  return !(policy.requireSignatures && verdict !== 'verified')
}

/** The steps signed (and counting) in the current round, by step id; null outside a round. */
function roundOf(signOffs: readonly SignOff[], policy: Pick<Policy, 'requireSignatures' | 'verdict'>, hash?: ContentHash): Map<string, SignOff> | null {
  let round: Map<string, SignOff> | null = null
  for (const signOff of signOffs) {
    if (signOff.action === 'submit') round = new Map()
    else if (signOff.action === 'return') round = null
    else if (signOff.action === 'sign' && round && counts(signOff, policy) && (hash === undefined || signOff.contentHash === hash)) {
      round.set(signOff.stepId, signOff)
    }
  }
  return round
}

/** The first step of the chain the round has no counting sign-off for; null when every step is signed. */
function firstOpenStep(chain: Chain, round: ReadonlyMap<string, SignOff>): ChainStep | null {
  return chain.steps.find((step) => !round.has(step.id)) ?? null
}

/**
 * The status the sign-offs support, replayed from the first: a submit opens a round (waiting for the first
 * step), each counting step sign-off moves it to the next open step and past the last to 已签 approved, a
 * valid publish to 已发布; a return ends the round (退回). An invalidated or unproven sign-off moves nothing.
 */
export function supportedStatus(signOffs: readonly SignOff[], policy: Omit<Policy, 'requireApproval'>): DraftStatus {
  let status: DraftStatus = 'draft'
  let round: Map<string, SignOff> | null = null
  const open = () => {
    const step = firstOpenStep(policy.chain, round ?? new Map())
    status = step ? awaiting(step.id) : 'approved'
  }
  for (const signOff of signOffs) {
    switch (signOff.action) {
      case 'submit':
        round = new Map()
        open()
        break
      case 'return':
        round = null
        status = 'returned'
        break
      case 'sign':
        if (round && status !== 'published' && counts(signOff, policy)) {
          round.set(signOff.stepId, signOff)
          open()
        }
        break
      case 'publish':
        if (isValid(signOff)) status = 'published'
        break
    }
  }
  return status
}

/** Marks every still-valid vouching sign-off made on another content as invalid (once, for good). */
export function invalidateChanged(
  signOffs: readonly SignOff[],
  hash: ContentHash,
  at: string,
  revision: number
): { signOffs: SignOff[]; invalidated: SignOff[] } {
  const invalidated: SignOff[] = []
  const next = signOffs.map((signOff) => {
    if (!VOUCHING.has(signOff.action) || !isValid(signOff) || signOff.contentHash === hash) return signOff
    const marked = { ...signOff, invalidatedAt: at, invalidatedRevision: revision }
    invalidated.push(marked)
    return marked
  })
  return { signOffs: next, invalidated }
}

/**
 * A draft after an edit whose content hashes to `hash`: sign-offs made on other content are invalid and
 * the status drops to what the remaining chain supports. A writing status (草稿/退回) is left alone; so is
 * any status the sign-offs still support. A status no sign-off ever supported (a hand-edited or very old
 * file saying 已审核) falls back too, since an edit is the moment the approval would have been lost anyway.
 */
export function afterEdit(
  draft: Draft,
  hash: ContentHash,
  at: string,
  policy: Omit<Policy, 'requireApproval'>
): { draft: Draft; invalidated: SignOff[]; from: DraftStatus } {
  const { signOffs, invalidated } = invalidateChanged(draft.signOffs, hash, at, draft.revision)
  const status = WRITING_STATUSES.includes(draft.status) ? draft.status : supportedStatus(signOffs, policy)
  if (invalidated.length === 0 && status === draft.status) return { draft, invalidated, from: draft.status }
  return { draft: { ...draft, signOffs, status }, invalidated, from: draft.status }
}

/** The status a draft that came from elsewhere (a package) really has on this desk. */
export function statusOnArrival(draft: Draft, policy: Omit<Policy, 'requireApproval'>): DraftStatus {
  return supportedStatus(draft.signOffs, policy)
}

/** The current round, step by step: the counting sign-off on this content, else the latest valid one shown as not counting. */
export function chainProgress(signOffs: readonly SignOff[], hash: ContentHash, policy: Omit<Policy, 'requireApproval'>): ChainProgress[] {
  const counting = roundOf(signOffs, policy, hash) ?? new Map<string, SignOff>()
  const anyValid = roundOf(signOffs, { requireSignatures: false, verdict: () => 'typed' }, hash) ?? new Map<string, SignOff>()
  return policy.chain.steps.map((step) => {
    const record = counting.get(step.id) ?? anyValid.get(step.id) ?? null
    return { step, signOff: record ? viewOf(record, policy) : null, counts: counting.has(step.id) }
  })
}

/** The gate (先审后发): every step the chain marks as gating has a counting sign-off on the current content. */
export function gateOpen(progress: readonly ChainProgress[]): boolean {
  return progress.every((entry) => !entry.step.gate || entry.counts)
}

export function allowedActions(status: DraftStatus, gate: boolean, requireApproval: boolean): WorkflowAction[] {
  const actions: WorkflowAction[] = []
  if (WRITING_STATUSES.includes(status)) actions.push('submit')
  if (awaitedStep(status) !== null) actions.push('sign', 'return')
  if (status !== 'published' && (!requireApproval || (gate && !WRITING_STATUSES.includes(status)))) actions.push('publish')
  return actions
}

export function viewOf(signOff: SignOff, policy: Pick<Policy, 'verdict'>, fingerprint: (publicKey: string) => string = shortKey): SignOffView {
  return {
    ...signOff,
    valid: isValid(signOff),
    verification: policy.verdict(signOff),
    fingerprint: signOff.signature ? fingerprint(signOff.signature.publicKey) : null
  }
}

/** Filled in by the service with the real fingerprint function; rules stay free of crypto. */
const shortKey = (publicKey: string) => publicKey

export function workflowState(draft: Draft, hash: ContentHash, policy: Policy, fingerprint?: (publicKey: string) => string): WorkflowState {
  const progress = chainProgress(draft.signOffs, hash, policy).map((entry) =>
    entry.signOff && fingerprint && entry.signOff.signature ? { ...entry, signOff: { ...entry.signOff, fingerprint: fingerprint(entry.signOff.signature.publicKey) } } : entry
  )
  const gate = gateOpen(progress)
  const actions = allowedActions(draft.status, gate, policy.requireApproval)
  return {
    draftId: draft.id,
    status: draft.status,
    revision: draft.revision,
    contentHash: hash,
    signOffs: draft.signOffs.map((signOff) => viewOf(signOff, policy, fingerprint)),
    chain: policy.chain,
    progress,
    nextStep: nextStepFor(draft, policy.chain),
    requireApproval: policy.requireApproval,
    requireSignatures: policy.requireSignatures,
    allowedActions: actions,
    publishWithoutApproval: actions.includes('publish') && !gate
  }
}

export type StepRequest = {
  action: WorkflowAction
  /** For sign: the step the person means to sign (the one the draft waits for). */
  stepId?: string | undefined
  name: string
  /** The comment; for a return, the reason. */
  comment: string
  /** The revision the person was looking at; a different current revision means someone changed the draft. */
  expectedRevision?: number | undefined
}

export type PlannedStep = {
  status: DraftStatus
  stepId: string
  stepName: string
  creditField: ChainStep['creditField']
  withoutApproval: boolean
  name: string
  comment: string
}

function statusWords(status: DraftStatus, chain: Chain): string {
  const step = awaitedStep(status)
  if (step !== null) return `waiting for ${stepById(chain, step)?.name ?? step}`
  return { draft: 'a draft (草稿)', approved: 'approved (已签)', published: 'published (已发布)', returned: 'returned (退回)' }[status as 'draft']
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

/** The step's optional separation-of-duties checks; null when the signer passes them all. */
export function separationProblem(step: ChainStep, name: string, draft: Draft, policy: Omit<Policy, 'requireApproval'>): string | null {
  for (const rule of step.separation) {
    if (rule === 'not-author' && draft.metadata.authors.some((author) => sameName(author, name))) {
      return `${step.name}: ${name} wrote this article (供稿) and may not sign this step`
    }
    if (rule === 'not-editor') {
      const submitter = draft.signOffs.findLast((s) => s.action === 'submit')?.name ?? ''
      if (sameName(draft.metadata.editor, name) || sameName(submitter, name)) return `${step.name}: ${name} edited or submitted this article and may not sign this step`
    }
    if (rule === 'not-earlier-signer') {
      const round = roundOf(draft.signOffs, policy) ?? new Map<string, SignOff>()
      const earlier = [...round.values()].find((signOff) => signOff.stepId !== step.id && sameName(signOff.name, name))
      if (earlier) return `${step.name}: ${name} already signed ${earlier.stepName} in this round; another person signs this step`
    }
  }
  return null
}

/** Checks a step against the draft and says what it leads to; refuses with an AppError a person can act on. */
export function planStep(draft: Draft, hash: ContentHash, request: StepRequest, policy: Policy, directory: OfficeDirectory | null): PlannedStep {
  const name = request.name.trim()
  const comment = request.comment.trim()
  if (name === '') throw new AppError('signer-required', `${request.action}: the name of the person signing is required`)
  if (name.length > NAME_MAX) throw new AppError('invalid-request', `${request.action}: the name is longer than ${NAME_MAX} characters`)
  if (comment.length > COMMENT_MAX) throw new AppError('invalid-request', `${request.action}: the comment is longer than ${COMMENT_MAX} characters`)
  if (request.expectedRevision !== undefined && request.expectedRevision !== draft.revision) {
    throw new AppError(
      'workflow-conflict',
      `${request.action}: the draft changed meanwhile (revision ${draft.revision}, you saw ${request.expectedRevision}); look at it again before signing`
    )
  }
  const { chain } = policy
  const status = draft.status
  const refuse = (why: string) => new AppError('workflow-conflict', `${request.action}: the draft is ${statusWords(status, chain)}; ${why}`)
  const base = { name, comment, withoutApproval: false, creditField: null }

  switch (request.action) {
    case 'submit': {
      if (!WRITING_STATUSES.includes(status)) throw refuse('only a draft or a returned draft can be submitted')
      const first = chain.steps[0]
      return { ...base, status: first ? awaiting(first.id) : 'approved', stepId: SUBMIT_STEP, stepName: '提交' }
    }
    case 'sign': {
      const step = nextStepFor(draft, chain)
      if (!step) throw refuse('it waits for no step to be signed')
      if (request.stepId !== undefined && request.stepId !== step.id) throw refuse(`it waits for ${step.name}, not ${stepById(chain, request.stepId)?.name ?? request.stepId}`)
      if (!maySign(step, name, directory)) {
        throw new AppError('signer-not-allowed', `${step.name}: ${name} is not among the people or roles the office lets sign this step`)
      }
      const problem = separationProblem(step, name, draft, policy)
      if (problem) throw new AppError('separation-required', problem)
      const round = roundOf(draft.signOffs, policy, hash) ?? new Map<string, SignOff>()
      round.set(step.id, { stepId: step.id } as SignOff)
      const next = firstOpenStep(chain, round)
      return { ...base, status: next ? awaiting(next.id) : 'approved', stepId: step.id, stepName: step.name, creditField: step.creditField }
    }
    case 'return': {
      const step = nextStepFor(draft, chain)
      if (!step) throw refuse('only a draft waiting for a step can be returned')
      if (comment === '') throw new AppError('reason-required', 'return: a reason is required')
      return { ...base, status: 'returned', stepId: step.id, stepName: step.name }
    }
    case 'publish': {
      if (status === 'published') throw refuse('it is already published')
      const gate = gateOpen(chainProgress(draft.signOffs, hash, policy)) && !WRITING_STATUSES.includes(status)
      if (!gate && policy.requireApproval) {
        const missing = chainProgress(draft.signOffs, hash, policy)
          .filter((entry) => entry.step.gate && !entry.counts)
          .map((entry) => entry.step.name)
        throw new AppError(
          'approval-required',
          `publish: the draft is ${statusWords(status, chain)} and has no valid${policy.requireSignatures ? ', signed' : ''} sign-off of ${missing.join(', ') || 'its chain'} on its current content`
        )
      }
      return { ...base, status: 'published', withoutApproval: !gate, stepId: PUBLISH_STEP, stepName: '发布' }
    }
  }
}
