import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { NAME_MAX } from '@shared/model/metadata'
import { COMMENT_MAX } from '@shared/model/workflow'

type Props = {
  /** settings.userName; empty when nobody on this computer has set a name (then the name field takes focus). */
  defaultName: string
  name: string
  onName(name: string): void
  text: string
  onText(text: string): void
  /** A return's reason, which is required; otherwise an optional comment. */
  textKind?: 'comment' | 'reason'
  rows?: number
}

/** Who signs a step, and the comment (or a return's reason) that goes with the signature. */
export function SignerFields({ defaultName, name, onName, text, onText, textKind = 'comment', rows = 3 }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  return (
    <>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-name`}>
          {t('workflow.signer')}
        </label>
        <input
          id={`${ids}-name`}
          type="text"
          value={name}
          maxLength={NAME_MAX}
          autoFocus={defaultName === ''}
          aria-describedby={defaultName === '' ? `${ids}-name-hint` : undefined}
          onChange={(event) => onName(event.target.value)}
        />
        {defaultName === '' && (
          <span id={`${ids}-name-hint`} className="field-hint">
            {t('workflow.signerHint')}
          </span>
        )}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-text`}>
          {textKind === 'reason' ? t('workflow.reason') : t('workflow.comment')}
        </label>
        <textarea
          id={`${ids}-text`}
          className="workflow-text"
          rows={rows}
          value={text}
          maxLength={COMMENT_MAX}
          required={textKind === 'reason'}
          autoFocus={defaultName !== ''}
          onChange={(event) => onText(event.target.value)}
        />
      </div>
    </>
  )
}
