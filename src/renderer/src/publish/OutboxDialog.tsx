import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OutboxJob } from '@shared/model/publish'
import { Modal } from '../components/Modal'
import { useLoaded } from '../components/useLoaded'
import { errorCodeOf } from '../drafts/errorText'
import { newsroom } from '../newsroom'
import { fullTime } from '../workflow/timeText'
import { publishErrorText } from './publishText'

type Props = { jobs: OutboxJob[]; onClose(): void }

/** The publish jobs waiting for their site: when the next try is, what went wrong last, 立即重试 / 取消发布. */
export function OutboxDialog({ jobs, onClose }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const [busy, setBusy] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const names = useLoaded(async () => {
    const [drafts, targets] = await Promise.all([newsroom().drafts.list({ scope: 'active' }), newsroom().publish.targets({})])
    return {
      drafts: new Map(drafts.drafts.map((draft) => [draft.id, draft.title] as const)),
      targets: new Map(targets.targets.map((target) => [target.id, target.name] as const))
    }
  }, 'outbox')
  const ready = names.kind === 'ready' ? names.value : null

  async function act(jobId: string, action: 'retry' | 'cancel') {
    setBusy(jobId)
    setProblem(null)
    try {
      if (action === 'retry') await newsroom().publish.outboxRetry({ jobId })
      else await newsroom().publish.outboxCancel({ jobId })
    } catch (error) {
      setProblem(t('publish.outbox.failed', { reason: t(`errors.${errorCodeOf(error)}`) }))
    } finally {
      setBusy(null)
    }
  }

  return (
    <Modal labelledBy={`${ids}-title`} className="modal-wide" onClose={onClose}>
      <div className="modal-body">
        <h2 id={`${ids}-title`} className="modal-title">
          {t('publish.outbox.title')}
        </h2>
        {jobs.length === 0 ? (
          <p>{t('publish.outbox.empty')}</p>
        ) : (
          <>
            <p>{t('publish.outbox.intro')}</p>
            <ul className="outbox-jobs" aria-label={t('publish.outbox.title')}>
              {jobs.map((job) => {
                const title = ready?.drafts.get(job.draftId)?.trim() || t('library.untitled')
                return (
                  <li key={job.jobId} className={`outbox-job outbox-${job.state}`} aria-label={title}>
                    <p className="outbox-job-title">{title}</p>
                    <p className="outbox-job-meta">
                      {t('publish.outbox.meta', {
                        target: ready?.targets.get(job.targetId) ?? job.targetId,
                        attempts: job.attempts,
                        next: job.state === 'waiting' ? fullTime(job.nextAttemptAt) : t('publish.outbox.notRetried')
                      })}
                    </p>
                    <p className="outbox-job-state">{t(`publish.outbox.states.${job.state}`)}</p>
                    {job.lastError && (
                      <p className="outbox-job-error" title={job.lastError.message}>
                        {publishErrorText(t, job.lastError)}
                      </p>
                    )}
                    <div className="outbox-job-actions">
                      <button type="button" className="button button-small" disabled={busy !== null} onClick={() => void act(job.jobId, 'retry')}>
                        {busy === job.jobId ? t('workflow.working') : t('publish.outbox.retry')}
                      </button>
                      <button type="button" className="button button-small button-danger" disabled={busy !== null} onClick={() => void act(job.jobId, 'cancel')}>
                        {t('publish.outbox.cancel')}
                      </button>
                    </div>
                  </li>
                )
              })}
            </ul>
          </>
        )}
        {problem !== null && (
          <p role="alert" className="field-error">
            {problem}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="button button-primary" onClick={onClose}>
            {t('workflow.close')}
          </button>
        </div>
      </div>
    </Modal>
  )
}
