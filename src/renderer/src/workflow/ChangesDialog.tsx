import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppErrorCode } from '@shared/errors'
import type { ApprovalDiff } from '@shared/model/workflow'
import { Modal } from '../components/Modal'
import { errorCodeOf, errorDetailOf } from '../drafts/errorText'
import { newsroom } from '../newsroom'
import { DiffView } from './DiffView'
import { shortTime } from './timeText'

type Loaded = { kind: 'loading' } | { kind: 'ready'; approval: ApprovalDiff | null } | { kind: 'failed'; code: AppErrorCode; detail: string }

/** 查看改动: the content signed at the last review (else proofread) compared with the content now. */
export function ChangesDialog({ draftId, onClose }: { draftId: string; onClose(): void }) {
  const { t } = useTranslation()
  const ids = useId()
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' })

  useEffect(() => {
    let live = true
    newsroom()
      .workflow.changesSinceApproval({ draftId })
      .then((approval) => live && setLoaded({ kind: 'ready', approval }))
      .catch((error: unknown) => live && setLoaded({ kind: 'failed', code: errorCodeOf(error), detail: errorDetailOf(error) }))
    return () => {
      live = false
    }
  }, [draftId])

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
          {loaded.kind === 'ready' && loaded.approval === null && <p>{t('workflow.changes.never')}</p>}
          {loaded.kind === 'ready' && loaded.approval !== null && (
            <>
              <p className="diff-since">
                {t('workflow.changes.since', {
                  role: t(`workflow.chain.${loaded.approval.signOff.action === 'review' ? 'review' : 'proofread'}`),
                  name: loaded.approval.signOff.name,
                  time: shortTime(loaded.approval.signOff.at)
                })}{' '}
                {loaded.approval.valid ? t('workflow.changes.valid') : t('workflow.changes.invalid')}
              </p>
              {loaded.approval.diff ? <DiffView diff={loaded.approval.diff} /> : <p>{t('workflow.changes.versionGone')}</p>}
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
