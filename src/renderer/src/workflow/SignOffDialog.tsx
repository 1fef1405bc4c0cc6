import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { WorkflowAction } from '@shared/model/workflow'
import { Modal } from '../components/Modal'
import { SignerFields } from './SignerFields'

type Props = {
  action: WorkflowAction
  /** settings.userName; empty when nobody on this computer has set a name. */
  defaultName: string
  /** Publishing now would be recorded as without approval (the office turned the gate off). */
  withoutApproval: boolean
  /** Resolves to an error to show in the dialog, or null when the step is done. */
  onConfirm(name: string, text: string): Promise<string | null>
  onClose(): void
}

/** Who signs, with an optional comment, or the reason for a return (required). */
export function SignOffDialog({ action, defaultName, withoutApproval, onConfirm, onClose }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const [name, setName] = useState(defaultName)
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const needsReason = action === 'return'
  const warn = action === 'publish' && withoutApproval

  async function submit() {
    if (name.trim() === '') {
      setProblem(t('workflow.nameRequired'))
      return
    }
    if (needsReason && text.trim() === '') {
      setProblem(t('workflow.reasonRequired'))
      return
    }
    setBusy(true)
    setProblem(null)
    const failure = await onConfirm(name.trim(), text.trim())
    setBusy(false)
    if (failure !== null) setProblem(failure)
  }

  return (
    <Modal labelledBy={`${ids}-title`} describedBy={`${ids}-intro`} role={warn ? 'alertdialog' : 'dialog'} onClose={onClose}>
      <form
        className="modal-body"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          if (!busy) void submit()
        }}
      >
        <h2 id={`${ids}-title`} className="modal-title">
          {t(`workflow.dialogTitles.${action}`)}
        </h2>
        <p id={`${ids}-intro`}>{t(`workflow.dialogIntro.${action}`)}</p>
        {warn && <p className="banner banner-warning workflow-publish-warning">{t('workflow.publishWarning')}</p>}
        <SignerFields defaultName={defaultName} name={name} onName={setName} text={text} onText={setText} textKind={needsReason ? 'reason' : 'comment'} />
        {problem !== null && (
          <p role="alert" className="field-error">
            {problem}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('workflow.cancel')}
          </button>
          <button type="submit" className={`button ${action === 'return' || warn ? 'button-danger' : 'button-primary'}`} disabled={busy} aria-busy={busy}>
            {busy ? t('workflow.working') : warn ? t('workflow.publishWithoutApproval') : t(`workflow.actions.${action}`)}
          </button>
        </div>
      </form>
    </Modal>
  )
}
