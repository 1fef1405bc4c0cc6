import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { NAME_MAX } from '@shared/model/metadata'
import { PIN_MAX, PIN_MIN, type DeskKey, type KeysOverview, type KeyTrust } from '@shared/model/signing'
import { errorCodeOf } from '../../drafts/errorText'
import { newsroom } from '../../newsroom'
import '../../workflow/chain.css'

/**
 * 签名密钥: make a key for a person on this desk (PIN twice), and confirm the directory's keys after comparing
 * fingerprints. A key that changed for a known name is a loud warning with its own, deliberate confirmation.
 */
export function SigningKeys({ userName }: { userName: string }) {
  const { t } = useTranslation()
  const ids = useId()
  const [overview, setOverview] = useState<KeysOverview | null>(null)
  const [name, setName] = useState(userName)
  const [pin, setPin] = useState('')
  const [pinAgain, setPinAgain] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)

  const failed = (error: unknown) => setMessage({ kind: 'error', text: t('chain.keys.failed', { reason: t(`errors.${errorCodeOf(error)}`) }) })

  useEffect(() => {
    let live = true
    newsroom()
      .signing.overview({})
      .then((next) => live && setOverview(next), failed)
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loaded once when the tab opens
  }, [])

  async function create() {
    if (pin.length < PIN_MIN) return setMessage({ kind: 'error', text: t('chain.keys.pinShort') })
    if (pin !== pinAgain) return setMessage({ kind: 'error', text: t('chain.keys.pinMismatch') })
    setBusy(true)
    try {
      const key: DeskKey = await newsroom().signing.createKey({ name: name.trim(), pin })
      setMessage({ kind: 'ok', text: t('chain.keys.created', { name: key.name, fingerprint: key.fingerprint }) })
      setPin('')
      setPinAgain('')
      setOverview(await newsroom().signing.overview({}))
    } catch (error) {
      failed(error)
    } finally {
      setBusy(false)
    }
  }

  async function confirm(person: KeyTrust) {
    try {
      setOverview(await newsroom().signing.confirmKey({ name: person.name, publicKey: person.publicKey }))
    } catch (error) {
      failed(error)
    }
  }

  const enterCreates = (event: React.KeyboardEvent) => {
    // The keys live inside the settings form: Enter here makes the key instead of saving the settings.
    if (event.key === 'Enter') {
      event.preventDefault()
      if (!busy) void create()
    }
  }

  return (
    <section aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('chain.keys.title')}</h3>
      <p className="field-hint">{t('chain.keys.intro')}</p>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-name`}>
          {t('chain.keys.name')}
        </label>
        <input id={`${ids}-name`} type="text" value={name} maxLength={NAME_MAX} onChange={(event) => setName(event.target.value)} onKeyDown={enterCreates} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-pin`}>
          {t('chain.keys.pin')}
        </label>
        <input id={`${ids}-pin`} type="password" autoComplete="new-password" value={pin} maxLength={PIN_MAX} onChange={(event) => setPin(event.target.value)} onKeyDown={enterCreates} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-pin2`}>
          {t('chain.keys.pinAgain')}
        </label>
        <input id={`${ids}-pin2`} type="password" autoComplete="new-password" value={pinAgain} maxLength={PIN_MAX} onChange={(event) => setPinAgain(event.target.value)} onKeyDown={enterCreates} />
      </div>
      <button type="button" className="button" disabled={busy || name.trim() === ''} aria-busy={busy} onClick={() => void create()}>
        {busy ? t('chain.keys.creating') : t('chain.keys.create')}
      </button>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'field-error' : 'field-hint'}>
          {message.text}
        </p>
      )}
      <h4>{t('chain.keys.desk')}</h4>
      {overview && overview.deskKeys.length === 0 && <p className="field-hint">{t('chain.keys.none')}</p>}
      <ul className="key-list" aria-label={t('chain.keys.desk')}>
        {overview?.deskKeys.map((key) => (
          <li key={key.name}>
            {key.name} <span className="key-fingerprint">{key.fingerprint}</span>
          </li>
        ))}
      </ul>
      <h4>{t('chain.keys.people')}</h4>
      {overview && overview.people.length === 0 && <p className="field-hint">{t('chain.keys.noPeople')}</p>}
      <ul className="key-list" aria-label={t('chain.keys.people')}>
        {overview?.people.map((person) => (
          <li key={person.name} className={person.state === 'changed' ? 'key-changed' : undefined}>
            {person.name} <span className="key-fingerprint">{person.fingerprint}</span> <strong>{t(`chain.keys.state.${person.state}`)}</strong>
            {person.state === 'changed' && (
              <p role="alert" className="field-error">
                {t('chain.keys.changedWarning', { name: person.name, old: person.trustedFingerprint ?? '' })}
              </p>
            )}
            {person.state !== 'trusted' && (
              <>
                {' '}
                <button type="button" className={`button button-small ${person.state === 'changed' ? 'button-danger' : ''}`} title={t('chain.keys.confirmHint')} onClick={() => void confirm(person)}>
                  {person.state === 'changed' ? t('chain.keys.confirmChanged') : t('chain.keys.confirm')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
