import { AppError } from '../../../shared/errors'
import type { Draft, DraftStatus } from '../../../shared/model/draft'
import { NAME_MAX } from '../../../shared/model/metadata'
import {
  COMMENT_MAX,
  WRITING_STATUSES,
  type ContentHash,
  type SignOff,
  type SignOffRole,
  type WorkflowAction,
  type WorkflowState
} from '../../../shared/model/workflow'

/**
 * The 三审三校 rules, pure: which step is allowed from which status, what a content change does to the
 * sign-offs, which status the remaining valid sign-offs support.
 *
 * Submit and return records only move the draft; proofread, review and publish vouch for a content, so
 * only those are invalidated by an edit.
 */
const VOUCHING: ReadonlySet<WorkflowAction> = new Set(['proofread', 'review', 'publish'])

const STEP: Record<Exclude<WorkflowAction, 'publish' | 'return'>, { from: readonly DraftStatus[]; to: DraftStatus; role: SignOffRole }> = {
  submit: { from: WRITING_STATUSES, to: 'proofreading', role: 'editor' },
  proofread: { from: ['proofreading'], to: 'review', role: 'proofreader' },
  review: { from: ['review'], to: 'approved', role: 'reviewer' }
}

export const isValid = (signOff: SignOff): boolean => signOff.invalidatedAt === null

/**
 * The status the sign-offs support, replayed from the first: a submit opens a round (待校对), a valid
 * proofread moves it to 待审核, a valid review to 已审核, a valid publish to 已发布; a return ends the round
 * (退回). An invalidated sign-off moves nothing, so an edit after review replays to 待校对.
 */
export function supportedStatus(signOffs: readonly SignOff[]): DraftStatus {
  let status: DraftStatus = 'draft'
  for (const signOff of signOffs) {
    switch (signOff.action) {
      case 'submit':
        status = 'proofreading'
        break
      case 'return':
        status = 'returned'
        break
      case 'proofread':
        if (isValid(signOff) && status === 'proofreading') status = 'review'
        break
      case 'review':
        if (isValid(signOff) && status === 'review') status = 'approved'
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
export function afterEdit(draft: Draft, hash: ContentHash, at: string): { draft: Draft; invalidated: SignOff[]; from: DraftStatus } {
  const { signOffs, invalidated } = invalidateChanged(draft.signOffs, hash, at, draft.revision)
  const status = WRITING_STATUSES.includes(draft.status) ? draft.status : supportedStatus(signOffs)
  if (invalidated.length === 0 && status === draft.status) return { draft, invalidated, from: draft.status }
  return { draft: { ...draft, signOffs, status }, invalidated, from: draft.status }
}

/** The current round's valid proofread and review on this content: the chain publishing needs. */
export function currentChain(signOffs: readonly SignOff[], hash: ContentHash): { proofread: SignOff | null; review: SignOff | null } {
  let proofread: SignOff | null = null
  let review: SignOff | null = null
  for (const signOff of signOffs) {
    if (signOff.action === 'submit' || signOff.action === 'return') {
      proofread = null
      review = null
    } else if (signOff.action === 'proofread' && isValid(signOff) && signOff.contentHash === hash) {
      proofread = signOff
      review = null
    } else if (signOff.action === 'review' && proofread && isValid(signOff) && signOff.contentHash === hash) {
      review = signOff
    }
  }
  return { proofread, review: proofread ? review : null }
}

export function allowedActions(status: DraftStatus, chainValid: boolean, requireApproval: boolean): WorkflowAction[] {
  const actions: WorkflowAction[] = []
  if (WRITING_STATUSES.includes(status)) actions.push('submit')
  if (status === 'proofreading') actions.push('proofread', 'return')
  if (status === 'review') actions.push('review', 'return')
  if (status !== 'published' && (!requireApproval || (status === 'approved' && chainValid))) actions.push('publish')
  return actions
}

export function workflowState(draft: Draft, hash: ContentHash, requireApproval: boolean): WorkflowState {
  const chain = currentChain(draft.signOffs, hash)
  const chainValid = chain.proofread !== null && chain.review !== null
  const actions = allowedActions(draft.status, chainValid, requireApproval)
  return {
    draftId: draft.id,
    status: draft.status,
    revision: draft.revision,
    contentHash: hash,
    signOffs: draft.signOffs.map((signOff) => ({ ...signOff, valid: isValid(signOff) })),
    proofread: chain.proofread,
    review: chain.review,
    requireApproval,
    allowedActions: actions,
    publishWithoutApproval: actions.includes('publish') && !(draft.status === 'approved' && chainValid)
  }
}

export type StepRequest = {
  action: WorkflowAction
  name: string
  /** The comment; for a return, the reason. */
  comment: string
  /** The revision the person was looking at; a different current revision means someone changed the draft. */
  expectedRevision?: number | undefined
  requireApproval: boolean
}

export type PlannedStep = {
  status: DraftStatus
  role: SignOffRole
  withoutApproval: boolean
  name: string
  comment: string
}

const STATUS_WORDS: Record<DraftStatus, string> = {
  draft: 'a draft (草稿)',
  proofreading: 'waiting for proofreading (待校对)',
  review: 'waiting for review (待审核)',
  approved: 'approved (已审核)',
  published: 'published (已发布)',
  returned: 'returned (退回)'
}

/** Checks a step against the draft and says what it leads to; refuses with an AppError a person can act on. */
export function planStep(draft: Draft, hash: ContentHash, request: StepRequest): PlannedStep {
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
  const status = draft.status
  const refuse = (why: string) => new AppError('workflow-conflict', `${request.action}: the draft is ${STATUS_WORDS[status]}; ${why}`)

  switch (request.action) {
    case 'submit':
    case 'proofread':
    case 'review': {
      const step = STEP[request.action]
      if (!step.from.includes(status)) throw refuse(`only a draft ${step.from.map((s) => STATUS_WORDS[s]).join(' or ')} can be ${request.action === 'submit' ? 'submitted' : request.action === 'proofread' ? 'proofread' : 'reviewed'}`)
      if (request.action === 'review' && !currentChain(draft.signOffs, hash).proofread) {
        throw refuse('it has no valid proofreading sign-off on its current content')
      }
      return { status: step.to, role: step.role, withoutApproval: false, name, comment }
    }
    case 'return': {
      if (status !== 'proofreading' && status !== 'review') throw refuse('only a draft in proofreading or review can be returned')
      if (comment === '') throw new AppError('reason-required', 'return: a reason is required')
      return { status: 'returned', role: status === 'proofreading' ? 'proofreader' : 'reviewer', withoutApproval: false, name, comment }
    }
    case 'publish': {
      if (status === 'published') throw refuse('it is already published')
      const chain = currentChain(draft.signOffs, hash)
      const approved = status === 'approved' && chain.proofread !== null && chain.review !== null
      if (!approved && request.requireApproval) {
        throw new AppError(
          'approval-required',
          `publish: the draft is ${STATUS_WORDS[status]} and has no valid proofreading and review sign-offs on its current content`
        )
      }
      return { status: 'published', role: 'editor', withoutApproval: !approved, name, comment }
    }
  }
}
