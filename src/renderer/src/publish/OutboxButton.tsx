import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OutboxJob } from '@shared/model/publish'
import { newsroom } from '../newsroom'
import { OutboxDialog } from './OutboxDialog'
import { onOpenOutbox } from './outboxSignal'

/** 待发 (N): shown while publish jobs wait for a site that was away; opens the list. */
export function OutboxButton() {
  const { t } = useTranslation()
  const [jobs, setJobs] = useState<OutboxJob[]>([])
  const [open, setOpen] = useState(false)
  const waiting = useRef<OutboxJob[]>([])

  useEffect(() => {
    let live = true
    const show = (next: OutboxJob[]) => {
      waiting.current = next.filter((job) => job.state === 'waiting')
      setJobs(next)
    }
    newsroom()
      .publish.outbox({})
      .then(
        (answer) => live && show(answer.jobs),
        () => undefined
      )
    const offChanged = newsroom().on('publish:outboxChanged', (answer) => show(answer.jobs))
    const offOpen = onOpenOutbox(() => setOpen(true))
    // The network is back: waiting jobs go now rather than at their next backoff time (up to an hour away).
    // A site still away just counts one more attempt.
    const onOnline = () => {
      for (const job of waiting.current) void newsroom().publish.outboxRetry({ jobId: job.jobId }).catch(() => undefined)
    }
    window.addEventListener('online', onOnline)
    return () => {
      live = false
      offChanged()
      offOpen()
      window.removeEventListener('online', onOnline)
    }
  }, [])

  return (
    <>
      {jobs.length > 0 && (
        <button type="button" className="button button-small outbox-button" onClick={() => setOpen(true)}>
          {t('publish.outbox.button', { count: jobs.length })}
        </button>
      )}
      {open && <OutboxDialog jobs={jobs} onClose={() => setOpen(false)} />}
    </>
  )
}
