import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PIN_MAX } from '@shared/model/signing'
import type { Waiver, WorkflowAction } from '@shared/model/workflow'
import { SignOffChecks, useSignOffChecks } from '../checks/SignOffChecks'
import { Modal } from '../components/Modal'
import { newsroom } from '../newsroom'
import { SignerFields } from './SignerFields'
import './chain.css'

type Props = {
  action: WorkflowAction
  /** The chain step's name for sign (and the step a return leaves from); the first step's for submit. */
  stepName: string
  /** The signer to offer: the step's person in 稿件信息, else the last signer of this step here, else 我的姓名. */
  defaultName: string
  /** Publishing now would be recorded as without approval (the office turned the gate off). */
  withoutApproval: boolean
  /** Resolves to an error to show in the dialog, or null when the step is done. */
  onConfirm(name: string, text: string, pin: string | undefined, waivers: Waiver[]): Promise<string | null>
  onClose(): void
  /** Where focus goes once the step is taken and its button is gone (the next step). */
  focusAfter?: () => HTMLElement | null
}

/**
 * Who signs, with an optional comment, or the reason for a return (required). A signer with a signing key
 * on this desk types their PIN here; Enter in the PIN field signs.
 */
export function SignOffDialog({ action, stepName, defaultName, withoutApproval, onConfirm, onClose, focusAfter }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const [name, setName] = useState(defaultName)
  const [text, setText] = useState('')
  const [pin, setPin] = useState('')
  const [hasKey, setHasKey] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const needsReason = action === 'return'
  const signs = action === 'sign'
  const warn = action === 'publish' && withoutApproval
  // 发布前检查 binds to 提交 and every sign-off: the current result is shown and open errors block the step.
  const checked = action === 'submit' || signs
  const checks = useSignOffChecks()

  // Whether the name typed has a key on this desk decides whether a PIN is asked.
  useEffect(() => {
    if (!signs) return
    let live = true
    const timer = setTimeout(() => {
      newsroom()
        .signing.deskKey({ name: name.trim() })
        .then(
          (answer) => live && setHasKey(answer.key !== null),
          () => live && setHasKey(false)
        )
    }, 150)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [name, signs])

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
    const outcome = checked ? await checks.settle(name.trim()) : { blocking: 0, waivers: [] }
    if (outcome.blocking > 0) {
      setBusy(false)
      setProblem(t('checks.signoff.blocking', { count: outcome.blocking }))
      return
    }
    const failure = await onConfirm(name.trim(), text.trim(), signs && hasKey ? pin : undefined, outcome.waivers)
    setBusy(false)
    if (failure !== null) {
      setProblem(failure)
      setPin('')
    }
  }

  const title = signs ? t('chain.signTitle', { step: stepName }) : action === 'submit' ? t('chain.submit', { step: stepName }) : t(`workflow.dialogTitles.${action}`)
  const intro = signs ? t('chain.signIntro', { step: stepName }) : t(`workflow.dialogIntro.${action}`)
  const confirmLabel = busy
    ? t('workflow.working')
    : warn
      ? t('workflow.publishWithoutApproval')
      : signs
        ? t('chain.sign', { step: stepName })
        : action === 'submit'
          ? title
          : t(`workflow.actions.${action}`)

  return (
    <Modal labelledBy={`${ids}-title`} describedBy={`${ids}-intro`} role={warn ? 'alertdialog' : 'dialog'} onClose={onClose} focusAfter={focusAfter}>
      <form
        className="modal-body"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          if (!busy) void submit()
        }}
      >
        <h2 id={`${ids}-title`} className="modal-title">
          {title}
        </h2>
        <p id={`${ids}-intro`}>{intro}</p>
        {warn && <p className="banner banner-warning workflow-publish-warning">{t('workflow.publishWarning')}</p>}
        <SignerFields defaultName={defaultName} name={name} onName={setName} text={text} onText={setText} textKind={needsReason ? 'reason' : 'comment'} />
        {signs && name.trim() !== '' && (
          <div className="field">
            {hasKey ? (
              <>
                <label className="field-label" htmlFor={`${ids}-pin`}>
                  {t('chain.pin')}
                </label>
                <input
                  id={`${ids}-pin`}
                  type="password"
                  inputMode="numeric"
                  autoComplete="off"
                  value={pin}
                  maxLength={PIN_MAX}
                  aria-describedby={`${ids}-pin-hint`}
                  onChange={(event) => setPin(event.target.value)}
                />
                <span id={`${ids}-pin-hint`} className="field-hint">
                  {t('chain.pinHint', { name: name.trim() })}
                </span>
              </>
            ) : (
              <span className="field-hint">{t('chain.typedHint', { name: name.trim() })}</span>
            )}
          </div>
        )}
        {checked && <SignOffChecks state={checks} signer={name.trim()} />}
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
            {confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  )
}
