import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Modal } from '../components/Modal'
import { useLoaded } from '../components/useLoaded'
import { newsroom } from '../newsroom'
import { DiffView } from './DiffView'
import { shortTime } from './timeText'

/** 查看改动: the content signed at the last review (else proofread) compared with the content now. */
export function ChangesDialog({ draftId, onClose }: { draftId: string; onClose(): void }) {
  const { t } = useTranslation()
  const ids = useId()
  const loaded = useLoaded(() => newsroom().workflow.changesSinceApproval({ draftId }), draftId)

  return (
    <Modal labelledBy={`${ids}-title`} onClose={onClose} className="modal-wide">
      <div className="modal-body">
        <h2 id={`${ids}-title`} className="modal-title">
          {t('workflow.changes.title')}
        </h2>
        <div className="modal-scroll">
          {loaded.kind === 'loading' && <p>{t('workflow.changes.loading')}</p>}
          {loaded.kind === 'failed' && (
            <p role="alert" className="field-error" title={loaded.detail}>
              {t('workflow.changes.failed', { reason: t(`errors.${loaded.code}`) })}
            </p>
          )}
          {loaded.kind === 'ready' && loaded.value === null && <p>{t('workflow.changes.never')}</p>}
          {loaded.kind === 'ready' && loaded.value !== null && (
            <>
              <p className="diff-since">
                {t('workflow.changes.since', {
                  role: loaded.value.signOff.stepName,
                  name: loaded.value.signOff.name,
                  time: shortTime(loaded.value.signOff.at)
                })}{' '}
                {loaded.value.valid ? t('workflow.changes.valid') : t('workflow.changes.invalid')}
              </p>
              {loaded.value.diff ? <DiffView diff={loaded.value.diff} /> : <p>{t('workflow.changes.versionGone')}</p>}
            </>
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
