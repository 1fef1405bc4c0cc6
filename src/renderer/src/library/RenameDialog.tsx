import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { TITLE_MAX } from '@shared/model/limits'
import { Modal } from '../components/Modal'

export function RenameDialog({ title, onRename, onClose }: { title: string; onRename(title: string): void; onClose(): void }) {
  const { t } = useTranslation()
  const [value, setValue] = useState(title)
  const ids = useId()
  return (
    <Modal labelledBy={`${ids}-heading`} onClose={onClose}>
      <form
        className="modal-body"
        onSubmit={(event) => {
          event.preventDefault()
          onRename(value.trim())
        }}
      >
        <h2 id={`${ids}-heading`} className="modal-title">
          {t('rename.title')}
        </h2>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-field`}>
            {t('rename.field')}
          </label>
          <input
            id={`${ids}-field`}
            type="text"
            value={value}
            maxLength={TITLE_MAX}
            autoFocus
            onFocus={(event) => event.currentTarget.select()}
            onChange={(event) => setValue(event.target.value)}
          />
        </div>
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('rename.cancel')}
          </button>
          <button type="submit" className="button button-primary">
            {t('rename.confirm')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
