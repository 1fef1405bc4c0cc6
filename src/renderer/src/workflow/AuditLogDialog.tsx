import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Modal } from '../components/Modal'
import { useLoaded } from '../components/useLoaded'
import type { Waiver } from '@shared/model/signOff'
import { newsroom } from '../newsroom'
import { auditActionText, auditDetailsText } from './auditText'
import { useChain } from './ChainContext'
import { fullTime } from './timeText'
import { WaiverList, useWaiversBySignOff } from '../checks/WaiverList'

/** 操作记录: who did what to the draft and when, newest first. */
export function AuditLogDialog({ draftId, onClose }: { draftId: string; onClose(): void }) {
  const { t } = useTranslation()
  const chain = useChain()
  const ids = useId()
  const loaded = useLoaded(async () => [...(await newsroom().audit.list({ draftId }))].reverse(), draftId)
  const waivers = useWaiversBySignOff(draftId)

  return (
    <Modal labelledBy={`${ids}-title`} onClose={onClose} className="modal-wide">
      <div className="modal-body">
        <h2 id={`${ids}-title`} className="modal-title">
          {t('workflow.audit.title')}
        </h2>
        <div className="modal-scroll">
          {loaded.kind === 'loading' && <p>{t('workflow.audit.loading')}</p>}
          {loaded.kind === 'failed' && (
            <p role="alert" className="field-error" title={loaded.detail}>
              {t('workflow.audit.failed', { reason: t(`errors.${loaded.code}`) })}
            </p>
          )}
          {loaded.kind === 'ready' && loaded.value.length === 0 && <p>{t('workflow.audit.empty')}</p>}
          {loaded.kind === 'ready' && loaded.value.length > 0 && (
            <table className="audit-table" aria-labelledby={`${ids}-title`}>
              <thead>
                <tr>
                  <th scope="col">{t('workflow.audit.time')}</th>
                  <th scope="col">{t('workflow.audit.who')}</th>
                  <th scope="col">{t('workflow.audit.action')}</th>
                  <th scope="col">{t('workflow.audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {loaded.value.map((entry, index) => (
                  <tr key={`${entry.at}-${index}`} className={`audit-${entry.action}`}>
                    <td className="audit-time">{fullTime(entry.at)}</td>
                    <td>{entry.actor || t('workflow.audit.unknownActor')}</td>
                    <td>{auditActionText(entry, t)}</td>
                    <td>
                      {auditDetailsText(entry, t, chain)}
                      <WaiverList waivers={waiversOf(entry.details['signOffId'], waivers)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div className="modal-actions">
          <button type="button" className="button button-primary" onClick={onClose}>
            {t('workflow.close')}
          </button>
        </div>
      </div>
    </Modal>
  )
}

/** The waivers of the sign-off an audit entry records (the log names it; the draft's record holds them). */
function waiversOf(signOffId: unknown, bySignOff: ReadonlyMap<string, readonly Waiver[]>): readonly Waiver[] {
  return typeof signOffId === 'string' ? (bySignOff.get(signOffId) ?? []) : []
}
