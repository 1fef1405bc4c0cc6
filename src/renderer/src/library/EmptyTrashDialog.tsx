import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Modal } from '../components/Modal'

export function EmptyTrashDialog({ count, onConfirm, onClose }: { count: number; onConfirm(): void; onClose(): void }) {
  const { t } = useTranslation()
  const ids = useId()
  return (
    <Modal role="alertdialog" labelledBy={`${ids}-heading`} describedBy={`${ids}-message`} onClose={onClose}>
      <div className="modal-body">
        <h2 id={`${ids}-heading`} className="modal-title">
          {t('emptyTrash.title')}
        </h2>
        <p id={`${ids}-message`}>{t('emptyTrash.message', { count })}</p>
        <div className="modal-actions">
          {/* The safe choice gets the focus: a stray Enter must not delete anything. */}
          <button type="button" className="button" autoFocus onClick={onClose}>
            {t('emptyTrash.cancel')}
          </button>
          <button type="button" className="button button-danger" onClick={onConfirm}>
            {t('emptyTrash.confirm')}
          </button>
        </div>
      </div>
    </Modal>
  )
}
