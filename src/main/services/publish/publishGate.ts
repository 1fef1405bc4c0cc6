import { AppError } from '../../../shared/errors'
import type { OutboxJob, PublishErrorInfo, PublishSignOff } from '../../../shared/model/publish'
import type { WorkflowState } from '../../../shared/model/workflow'

/**
 * 先审后发 for publishing to a site: a first publish carries the publish sign-off and needs what the workflow's
 * publish step needs (a name, the revision the signer saw, publish among the allowed actions). Without a
 * sign-off only a draft already 已发布 may go out again — the very content that was signed (an edit drops the
 * status). Refuses with the AppError the workflow step would give.
 */
export function checkPublishGate(state: WorkflowState, signOff: PublishSignOff | undefined): void {
  if (signOff === undefined) {
    if (state.status !== 'published') {
      throw new AppError('approval-required', `publish: the draft is ${state.status}; only a published draft can be sent again without a publish sign-off`)
    }
    return
  }
  if (signOff.name.trim() === '') throw new AppError('signer-required', 'publish: the name of the person signing is required')
  if (signOff.revision !== state.revision) {
    throw new AppError('workflow-conflict', `publish: the draft changed meanwhile (revision ${state.revision}, you saw ${signOff.revision}); look at it again before signing`)
  }
  if (state.allowedActions.includes('publish')) return
  if (state.status === 'published') throw new AppError('workflow-conflict', 'publish: the draft is already published; send it again without a new sign-off')
  throw new AppError('approval-required', `publish: the draft is ${state.status} and lacks the chain's sign-offs the approval gate needs on its current content`)
}

/** A queued job approved on other content than the draft has now is not sent: that text was never signed. */
export function staleApproval(job: Pick<OutboxJob, 'contentHash'>, currentHash: string): PublishErrorInfo | null {
  if (job.contentHash === null || job.contentHash === currentHash) return null
  return {
    kind: 'content-changed',
    message: 'the draft was edited after this publish was signed; sign it off and publish it again',
    httpStatus: null,
    step: 'prepare',
    canSubmitPending: false,
    retryable: false,
    conflict: null
  }
}
