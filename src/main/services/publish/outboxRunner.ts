import { isAppError, type AppErrorCode } from '../../../shared/errors'
import type { EventChannel, EventPayloadOf } from '../../../shared/ipc/contract'
import type { DraftId } from '../../../shared/model/draft'
import type { OutboxJob, PublishSignOff } from '../../../shared/model/publish'
import type { StepResult, WorkflowService } from '../workflow/workflowService'
import { staleApproval } from './publishGate'
import type { PublishService } from './publishService'

/** What main pushes to every window (webContents.send in Electron, the page in the E2E harness). */
export type Broadcast = <E extends EventChannel>(channel: E, payload: EventPayloadOf<E>) => void

export type SignOffRecording = { workflow: StepResult; signOffError: null } | { workflow: null; signOffError: AppErrorCode }

export type OutboxRunner = {
  /** Sends the queued jobs that are due; main calls it on a timer, tests call it directly. */
  runDue(): Promise<number>
  /** Sends one queued job now, due or not, failed or not (立即重试). */
  retry(jobId: string): Promise<number>
  /** Tells the windows what the outbox holds now (after a job was queued, retried or cancelled). */
  changed(): Promise<void>
  /** Records the publish sign-off once the site has the article. */
  recordSignOff(draftId: DraftId, signOff: PublishSignOff, options?: { atRevision?: boolean }): Promise<SignOffRecording>
}

export type OutboxRunnerOptions = {
  publishing: () => PublishService
  workflow: () => WorkflowService
  broadcast: Broadcast
  onError?: (message: string, error: unknown) => void
}

export function createOutboxRunner(options: OutboxRunnerOptions): OutboxRunner {
  const { publishing, workflow, broadcast } = options
  const report = options.onError ?? ((message, error) => console.error(message, error))
  let running: Promise<number> = Promise.resolve(0)

  const changed = async () => broadcast('publish:outboxChanged', { jobs: await publishing().outbox() })

  async function recordSignOff(draftId: DraftId, signOff: PublishSignOff, recordOptions: { atRevision?: boolean } = {}): Promise<SignOffRecording> {
    try {
      const result = await workflow().step(draftId, {
        action: 'publish',
        name: signOff.name,
        ...(signOff.comment ? { comment: signOff.comment } : {}),
        ...(recordOptions.atRevision === false ? {} : { revision: signOff.revision })
      })
      broadcast('workflow:changed', { draftId, status: result.draft.status, revision: result.draft.revision, cause: 'step' })
      return { workflow: result, signOffError: null }
    } catch (error) {
      report('the article is on the site but its publish sign-off could not be recorded', error)
      return { workflow: null, signOffError: isAppError(error) ? error.code : 'internal' }
    }
  }

  function send(only?: string): Promise<number> {
    // One pass at a time: the timer and a 立即重试 click must not send the same job twice.
    const next = running.catch(() => 0).then(async () => {
      const before = JSON.stringify(await publishing().outbox())
      const published = await publishing().retryDue((progress) => broadcast('publish:progress', progress), {
        ...(only !== undefined ? { only } : {}),
        check: async (job: OutboxJob) => staleApproval(job, (await workflow().state(job.draftId)).contentHash),
        onPublished: async (job) => {
          // The content was checked against the approved hash just before sending, so the draft's current
          // revision is the one signed even when a save without changes moved the number.
          if (job.signOff !== null) await recordSignOff(job.draftId, job.signOff, { atRevision: false })
        }
      })
      if (JSON.stringify(await publishing().outbox()) !== before) await changed()
      return published
    })
    running = next
    return next
  }

  return { runDue: () => send(), retry: (jobId) => send(jobId), changed, recordSignOff }
}
