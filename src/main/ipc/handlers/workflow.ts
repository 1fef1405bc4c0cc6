import type { workflowChannels } from '../../../shared/ipc/channels/workflow'
import type { HandlerContext, HandlerTable } from '../dispatch'
import type { StepRequest, StepResult } from '../../services/workflow/workflowService'
import type { HandlerDeps } from './deps'

export function createWorkflowHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof workflowChannels> {
  const { workflow } = deps
  const step = async (draftId: string, request: StepRequest, context: HandlerContext): Promise<StepResult> => {
    const result = await workflow().step(draftId, request)
    context.emit('workflow:changed', { draftId, status: result.draft.status, revision: result.draft.revision, cause: 'step' })
    return result
  }
  return {
    'workflow:get': ({ draftId }) => workflow().state(draftId),
    'workflow:submit': ({ draftId, ...rest }, context) => step(draftId, { action: 'submit', ...rest }, context),
    'workflow:sign': ({ draftId, ...rest }, context) => step(draftId, { action: 'sign', ...rest }, context),
    'workflow:return': ({ draftId, reason, ...rest }, context) => step(draftId, { action: 'return', comment: reason, ...rest }, context),
    'workflow:publish': ({ draftId, ...rest }, context) => step(draftId, { action: 'publish', ...rest }, context),
    'workflow:changesSinceApproval': ({ draftId }) => workflow().changesSinceApproval(draftId),
    'audit:list': ({ draftId }) => workflow().auditList(draftId),
    'history:list': ({ draftId }) => workflow().historyList(draftId),
    'history:get': ({ draftId, versionId }) => workflow().historyGet(draftId, versionId),
    'history:diff': ({ draftId, from, to }) => workflow().historyDiff(draftId, from, to),
    'history:restore': async ({ draftId, versionId }, context) => {
      const result = await workflow().restoreVersion(draftId, versionId)
      context.emit('workflow:changed', { draftId, status: result.draft.status, revision: result.draft.revision, cause: 'restore' })
      return result
    },
    'history:snapshot': ({ draftId }) => workflow().snapshot(draftId)
  }
}
