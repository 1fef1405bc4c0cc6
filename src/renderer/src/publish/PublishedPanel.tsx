import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LivePageReport, PublishRecord } from '@shared/model/publish'
import { Modal } from '../components/Modal'
import { errorCodeOf, errorDetailOf } from '../drafts/errorText'
import { newsroom } from '../newsroom'
import { shortTime } from '../workflow/timeText'
import { LivePageReportView } from './LivePageReportView'
import { PublishedAddress } from './PublishedAddress'

type Props = {
  draftId: string
  /** Changes whenever something may have been published (a publish, a workflow step): the panel reloads. */
  refreshKey: string
  /** 再次发布 is offered only for a draft that is 已发布 (the signed content is what goes out again). */
  canResend: boolean
  onResend(targetId: string): void
}

type Row = { record: PublishRecord & { remoteUrl: string }; name: string }

/** Where this draft is on the web: per site the address, 打开网页, 检查网页 and 再次发布. */
export function PublishedPanel({ draftId, refreshKey, canResend, onResend }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const [rows, setRows] = useState<Row[]>([])
  const [checking, setChecking] = useState<string | null>(null)
  const [report, setReport] = useState<{ name: string; targetId: string; report: LivePageReport } | null>(null)
  const [problem, setProblem] = useState<{ text: string; detail: string } | null>(null)

  useEffect(() => {
    let live = true
    Promise.all([newsroom().publish.records({ draftId }), newsroom().publish.targets({})]).then(
      ([records, targets]) => {
        if (!live) return
        const names = new Map(targets.targets.map((target) => [target.id, target.name] as const))
        setRows(
          Object.values(records.targets)
            .filter((record): record is Row['record'] => record.remoteUrl !== null)
            .map((record) => ({ record, name: names.get(record.targetId) ?? record.targetId }))
        )
      },
      () => undefined
    )
    return () => {
      live = false
    }
  }, [draftId, refreshKey])

  const fail = (error: unknown) => setProblem({ text: t('publish.panel.failed', { reason: t(`errors.${errorCodeOf(error)}`) }), detail: errorDetailOf(error) })

  async function check(row: Row) {
    setChecking(row.record.targetId)
    setProblem(null)
    try {
      setReport({ name: row.name, targetId: row.record.targetId, report: await newsroom().publish.verify({ draftId, targetId: row.record.targetId }) })
    } catch (error) {
      fail(error)
    } finally {
      setChecking(null)
    }
  }

  if (rows.length === 0) return null
  return (
    <section className="published-panel" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="published-panel-title">
        {t('publish.panel.title')}
      </h3>
      <ul className="published-list">
        {rows.map((row) => (
          <li key={row.record.targetId} className="published-item" aria-label={row.name}>
            <span className="published-target">{row.name}</span>
            {row.record.lastPublishedAt && <span className="published-time">{shortTime(row.record.lastPublishedAt)}</span>}
            <PublishedAddress
              url={row.record.remoteUrl}
              siteName={row.name}
              onOpen={() => void newsroom().publish.openLive({ draftId, targetId: row.record.targetId }).catch(fail)}
            />
            <button
              type="button"
              className="button button-small"
              onClick={() => void newsroom().publish.openLive({ draftId, targetId: row.record.targetId }).catch(fail)}
            >
              {t('publish.openLive')}
            </button>
            <button type="button" className="button button-small" disabled={checking !== null} aria-busy={checking === row.record.targetId} onClick={() => void check(row)}>
              {checking === row.record.targetId ? t('publish.panel.checking') : t('publish.panel.check')}
            </button>
            {canResend && (
              <button type="button" className="button button-small button-quiet" onClick={() => onResend(row.record.targetId)}>
                {t('publish.again')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {problem && (
        <p role="alert" className="field-error" title={problem.detail}>
          {problem.text}
        </p>
      )}
      {report && (
        <Modal labelledBy={`${ids}-report`} onClose={() => setReport(null)}>
          <div className="modal-body">
            <h2 id={`${ids}-report`} className="modal-title">
              {t('publish.report.title', { target: report.name })}
            </h2>
            <p className="publish-url">
              <code>{report.report.url}</code>
            </p>
            <LivePageReportView report={report.report} draftId={draftId} targetId={report.targetId} />
            <div className="modal-actions">
              <button type="button" className="button button-primary" onClick={() => setReport(null)}>
                {t('workflow.close')}
              </button>
            </div>
          </div>
        </Modal>
      )}
    </section>
  )
}
