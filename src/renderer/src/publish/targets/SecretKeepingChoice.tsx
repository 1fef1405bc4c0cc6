import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import './secretKeeping.css'

import type { SecretKeepingChoiceValue } from './targetDraft'

/**
 * Shown when this computer cannot protect a stored password properly (Linux without a keyring, or no
 * encryption at all): the person chooses to keep it for this run only, or, with a keyring missing, to store it
 * with weak protection after ticking the confirmation. Nothing is stored weakly by default.
 */
export function SecretKeepingChoice(props: { protection: 'weak' | 'none'; value: SecretKeepingChoiceValue; onChange(value: SecretKeepingChoiceValue): void }) {
  const { t } = useTranslation()
  const name = useId()
  const { value, onChange } = props
  return (
    <fieldset className="publish-targets-keeping">
      <legend>{t(props.protection === 'weak' ? 'trust.keeping.weakTitle' : 'trust.keeping.noneTitle')}</legend>
      <label>
        <input type="radio" name={name} checked={value.keeping === 'session'} onChange={() => onChange({ keeping: 'session', confirmed: false })} />
        {t('trust.keeping.session')}
      </label>
      {props.protection === 'weak' && (
        <>
          <label>
            <input type="radio" name={name} checked={value.keeping === 'weak'} onChange={() => onChange({ keeping: 'weak', confirmed: false })} />
            {t('trust.keeping.weak')}
          </label>
          {value.keeping === 'weak' && (
            <label>
              <input type="checkbox" checked={value.confirmed} onChange={(event) => onChange({ keeping: 'weak', confirmed: event.target.checked })} />
              {t('trust.keeping.weakConfirm')}
            </label>
          )}
        </>
      )}
    </fieldset>
  )
}
