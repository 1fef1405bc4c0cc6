import { useEffect, useState } from 'react'
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

  useEffect(() => {
    let live = true
    newsroom()
      .publish.outbox({})
      .then(
        (answer) => live && setJobs(answer.jobs),
        () => undefined
      )
    const offChanged = newsroom().on('publish:outboxChanged', (answer) => setJobs(answer.jobs))
    const offOpen = onOpenOutbox(() => setOpen(true))
    return () => {
      live = false
      offChanged()
      offOpen()
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
