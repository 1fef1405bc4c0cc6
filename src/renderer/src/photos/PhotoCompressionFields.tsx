import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PhotoCompression } from '@shared/settings'

const LONG_EDGE = { min: 320, max: 8192 }
const QUALITY = { min: 30, max: 100 }

const whole = (text: string, range: { min: number; max: number }) => {
  const value = Number(text.trim())
  return /^\d+$/.test(text.trim()) && value >= range.min && value <= range.max ? value : null
}

/** The settings dialog's 图片 section as editable state: what to save, and whether it may be saved. */
export function usePhotoCompressionForm(saved: PhotoCompression) {
  const [longEdge, setLongEdge] = useState(String(saved.longEdge))
  const [quality, setQuality] = useState(String(saved.quality))
  const [format, setFormat] = useState(saved.format)
  const [keepCaptureDate, setKeepCaptureDate] = useState(saved.keepCaptureDate)
  const edge = whole(longEdge, LONG_EDGE)
  const q = whole(quality, QUALITY)
  const value: PhotoCompression | null = edge !== null && q !== null ? { longEdge: edge, quality: q, format, keepCaptureDate } : null
  const changed =
    value !== null &&
    (value.longEdge !== saved.longEdge || value.quality !== saved.quality || value.format !== saved.format || value.keepCaptureDate !== saved.keepCaptureDate)
  return {
    valid: value !== null,
    /** The profile to save when it differs from the saved one, else null. */
    patch: changed ? value : null,
    fields: { longEdge, setLongEdge, quality, setQuality, format, setFormat, keepCaptureDate, setKeepCaptureDate, edgeValid: edge !== null, qualityValid: q !== null }
  }
}

export function PhotoCompressionFields({ form }: { form: ReturnType<typeof usePhotoCompressionForm> }) {
  const { t } = useTranslation()
  const ids = useId()
  const f = form.fields
  return (
    <fieldset className="settings-photos">
      <legend className="field-label">{t('photos.settings.heading')}</legend>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-edge`}>
          {t('photos.settings.longEdge')}
        </label>
        <input
          id={`${ids}-edge`}
          type="number"
          inputMode="numeric"
          min={LONG_EDGE.min}
          max={LONG_EDGE.max}
          step={10}
          value={f.longEdge}
          aria-invalid={!f.edgeValid}
          aria-describedby={`${ids}-edge-hint`}
          onChange={(e) => f.setLongEdge(e.target.value)}
        />
        <span id={`${ids}-edge-hint`} className={f.edgeValid ? 'field-hint' : 'field-error'}>
          {f.edgeValid ? t('photos.settings.longEdgeHint', LONG_EDGE) : t('photos.settings.invalid')}
        </span>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-format`}>
          {t('photos.settings.format')}
        </label>
        <select id={`${ids}-format`} value={f.format} onChange={(e) => f.setFormat(e.target.value === 'webp' ? 'webp' : 'jpeg')}>
          <option value="jpeg">{t('photos.settings.formats.jpeg')}</option>
          <option value="webp">{t('photos.settings.formats.webp')}</option>
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-quality`}>
          {t('photos.settings.quality')}
        </label>
        <input
          id={`${ids}-quality`}
          type="number"
          inputMode="numeric"
          min={QUALITY.min}
          max={QUALITY.max}
          value={f.quality}
          aria-invalid={!f.qualityValid}
          aria-describedby={`${ids}-quality-hint`}
          onChange={(e) => f.setQuality(e.target.value)}
        />
        <span id={`${ids}-quality-hint`} className={f.qualityValid ? 'field-hint' : 'field-error'}>
          {f.qualityValid ? t('photos.settings.qualityHint', QUALITY) : t('photos.settings.invalid')}
        </span>
      </div>
      <label className="field-check">
        <input type="checkbox" checked={f.keepCaptureDate} onChange={(e) => f.setKeepCaptureDate(e.target.checked)} />
        <span>{t('photos.settings.keepCaptureDate')}</span>
      </label>
    </fieldset>
  )
}
