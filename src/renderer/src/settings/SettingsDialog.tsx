import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  AUTOSAVE_DELAY_MAX_MS,
  AUTOSAVE_DELAY_MIN_MS,
  UI_LANGUAGES,
  type Settings,
  type SettingsPatch,
  type UiLanguage
} from '@shared/settings'
import { Modal } from '../components/Modal'

type Props = {
  settings: Settings
  /** The folder in use right now, from app.info (settings.dataDir is empty when it is the default). */
  currentDataDir: string
  onSave(patch: SettingsPatch): void
  onClose(): void
}

export function SettingsDialog({ settings, currentDataDir, onSave, onClose }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const [language, setLanguage] = useState<UiLanguage>(settings.language)
  const [delay, setDelay] = useState(String(settings.autosaveDelayMs))
  const shownDataDir = settings.dataDir || currentDataDir
  const [dataDir, setDataDir] = useState(shownDataDir)
  const delayMs = Number(delay)
  const delayValid = /^\d+$/.test(delay.trim()) && delayMs >= AUTOSAVE_DELAY_MIN_MS && delayMs <= AUTOSAVE_DELAY_MAX_MS
  const bounds = { min: AUTOSAVE_DELAY_MIN_MS, max: AUTOSAVE_DELAY_MAX_MS }

  return (
    <Modal labelledBy={`${ids}-heading`} onClose={onClose}>
      <form
        className="modal-body"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          if (!delayValid) return
          const patch: SettingsPatch = {}
          if (language !== settings.language) patch.language = language
          if (delayMs !== settings.autosaveDelayMs) patch.autosaveDelayMs = delayMs
          // An emptied field means the default folder; an untouched one changes nothing.
          if (dataDir.trim() !== shownDataDir) patch.dataDir = dataDir.trim()
          onSave(patch)
        }}
      >
        <h2 id={`${ids}-heading`} className="modal-title">
          {t('settings.title')}
        </h2>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-language`}>
            {t('settings.language')}
          </label>
          <select id={`${ids}-language`} value={language} onChange={(event) => setLanguage(event.target.value as UiLanguage)}>
            {UI_LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {t(`settings.languages.${code}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-delay`}>
            {t('settings.autosaveDelay')}
          </label>
          <input
            id={`${ids}-delay`}
            type="number"
            inputMode="numeric"
            min={AUTOSAVE_DELAY_MIN_MS}
            max={AUTOSAVE_DELAY_MAX_MS}
            step={100}
            value={delay}
            aria-invalid={!delayValid}
            aria-describedby={`${ids}-delay-hint`}
            onChange={(event) => setDelay(event.target.value)}
          />
          <span id={`${ids}-delay-hint`} className={delayValid ? 'field-hint' : 'field-error'}>
            {delayValid ? t('settings.autosaveDelayHint', bounds) : t('settings.autosaveDelayInvalid', bounds)}
          </span>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-datadir`}>
            {t('settings.dataDir')}
          </label>
          <input
            id={`${ids}-datadir`}
            type="text"
            value={dataDir}
            spellCheck={false}
            placeholder={currentDataDir}
            aria-describedby={`${ids}-datadir-hint`}
            onChange={(event) => setDataDir(event.target.value)}
          />
          <span id={`${ids}-datadir-hint`} className="field-hint">
            {t('settings.dataDirHint', { path: currentDataDir })}
          </span>
        </div>
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('settings.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={!delayValid}>
            {t('settings.save')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
