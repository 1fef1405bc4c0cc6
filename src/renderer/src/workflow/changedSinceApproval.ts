// Relative, not @shared: unit tests (Vitest) load this module and have no @shared alias.
import type { WorkflowState } from '../../../shared/model/workflow'

/**
 * Whether 查看改动 has anything to show: the content now differs from what was signed at the last approval
 * step (the one the changes dialog compares against). Nothing signed yet, or nothing changed since: false.
 */
export function changedSinceApproval(state: Pick<WorkflowState, 'contentHash' | 'signOffs'> | null): boolean {
  const approval = state?.signOffs.findLast((signOff) => signOff.action === 'sign')
  return approval !== undefined && approval.contentHash !== state?.contentHash
}
