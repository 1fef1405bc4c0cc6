import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { dateValueToText, textToDateValue } from './dateText'
import { SystemPicker, openPicker } from './SystemPicker'

type Props = {
  /** `YYYY-MM-DD`, or '' for none. */
  value: string
  /** Called with each real date typed or picked ('' once emptied); nothing while the text is not a date. */
  onChange(value: string): void
}

/**
 * A date field that reads 2025年3月1日 on every computer. A bare <input type="date"> shows the operating system's
 * format (mm/dd/yyyy on an English Windows); here the text is typed or shown in the office's format, and the
 * button opens the system's calendar. Put it in a <label>: the label names the text field.
 */
export function DateField({ value, onChange }: Props) {
  const { t } = useTranslation()
  const picker = useRef<HTMLInputElement>(null)
  const [text, setText] = useState(() => dateValueToText(value))
  // The value changed from outside (cleared, picked, another draft): show it, unless the text already means it.
  const [shown, setShown] = useState(value)
  if (shown !== value) {
    setShown(value)
    if (textToDateValue(text) !== value) setText(dateValueToText(value))
  }
  const typed = textToDateValue(text)

  function type(next: string) {
    setText(next)
    const parsed = textToDateValue(next)
    if (parsed !== null && parsed !== value) {
      setShown(parsed)
      onChange(parsed)
    }
  }

  return (
    <span className="date-field">
      <input
        type="text"
        className="date-field-text"
        value={text}
        inputMode="numeric"
        spellCheck={false}
        placeholder={t('app.dateField.placeholder')}
        aria-invalid={typed === null}
        title={typed === null ? t('app.dateField.invalid') : undefined}
        onChange={(event) => type(event.target.value)}
        // Shown back in the one format once left: 2025-3-1 reads 2025年3月1日.
        onBlur={() => typed !== null && setText(dateValueToText(typed))}
      />
      <button type="button" className="date-field-button" aria-label={t('app.dateField.pick')} title={t('app.dateField.pick')} onClick={() => openPicker(picker.current)}>
        {/* Drawn, not an emoji: Windows 7-era and Linux desktops may have no emoji font. */}
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
          <rect x="1.5" y="2.5" width="11" height="10" rx="1.5" fill="none" stroke="currentColor" />
          <path d="M1.5 5.5h11M4.5 1v3M9.5 1v3" stroke="currentColor" />
        </svg>
      </button>
      <SystemPicker
        ref={picker}
        type="date"
        value={value}
        onPick={(picked) => {
          setText(dateValueToText(picked))
          setShown(picked)
          onChange(picked)
        }}
      />
    </span>
  )
}
