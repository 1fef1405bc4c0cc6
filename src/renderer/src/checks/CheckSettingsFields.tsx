import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CheckSettingsSchema, WORD_MAX, WORD_NOTE_MAX, WORD_RULES_MAX, type CheckSettings } from '@shared/checks/settings'
import { STARTER_VARIANTS, STARTER_WORD_RULES } from '@shared/checks/starterWords'
import type { CheckWordRule } from '@shared/checks/types'
import { domainsText, parseDomains, parseOptionalLimit, parseVariants, variantsText } from './checkSettingsForm'
import './styles.css'

type Props = {
  initial: CheckSettings
  /** The settings as edited, or null while something typed cannot be saved (保存 waits). */
  onChange(value: CheckSettings | null): void
}

/** Rows shown at once: a long list is searched, not scrolled through. */
const ROWS_SHOWN = 60

/** 设置 → 检查: the office's word list, its own domains, 异体字 preferences and the site's limits. */
export function CheckSettingsFields({ initial, onChange }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const [words, setWords] = useState<CheckWordRule[]>(initial.words)
  const [filter, setFilter] = useState('')
  const [domains, setDomains] = useState(domainsText(initial.ownDomains))
  const [variants, setVariants] = useState(variantsText(initial.variants))
  const [titleMax, setTitleMax] = useState(initial.titleMax === null ? '' : String(initial.titleMax))
  const [minPhotoWidth, setMinPhotoWidth] = useState(initial.minPhotoWidth === null ? '' : String(initial.minPhotoWidth))
  const [summaryRequired, setSummaryRequired] = useState(initial.summaryRequired)

  const parsedDomains = parseDomains(domains)
  const parsedVariants = parseVariants(variants)
  const parsedTitleMax = parseOptionalLimit(titleMax, 5, 200)
  const parsedPhotoWidth = parseOptionalLimit(minPhotoWidth, 1, 20_000)
  const emptyWords = words.filter((rule) => rule.word.trim() === '').length

  function report(patch: Partial<{ words: CheckWordRule[]; domains: string; variants: string; titleMax: string; minPhotoWidth: string; summaryRequired: boolean }>) {
    const next = { words, domains, variants, titleMax, minPhotoWidth, summaryRequired, ...patch }
    const candidate = {
      // A row left empty is a row being written, not a rule: it is not saved.
      words: next.words.filter((rule) => rule.word.trim() !== '').map(cleanRule),
      ownDomains: parseDomains(next.domains),
      variants: parseVariants(next.variants),
      titleMax: parseOptionalLimit(next.titleMax, 5, 200),
      minPhotoWidth: parseOptionalLimit(next.minPhotoWidth, 1, 20_000),
      summaryRequired: next.summaryRequired
    }
    const ok = candidate.ownDomains.bad.length === 0 && candidate.variants.bad.length === 0 && candidate.titleMax !== undefined && candidate.minPhotoWidth !== undefined
    const parsed = ok
      ? CheckSettingsSchema.safeParse({ ...candidate, ownDomains: candidate.ownDomains.value, variants: candidate.variants.value })
      : null
    onChange(parsed?.success ? parsed.data : null)
  }

  const setRule = (index: number, patch: Partial<CheckWordRule>) => {
    const next = words.map((rule, i) => (i === index ? { ...rule, ...patch } : rule))
    setWords(next)
    report({ words: next })
  }
  const shown = words
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => filter === '' || [rule.word, rule.replacement ?? '', rule.note ?? ''].some((text) => text.includes(filter)))
  const badLines = (bad: number[]) => t('checks.settings.badLines', { lines: bad.join('、') })

  return (
    <div className="check-settings">
      <fieldset className="check-settings-words">
        <legend>{t('checks.settings.words')}</legend>
        <p className="field-hint">{t('checks.settings.wordsHint')}</p>
        <div className="check-settings-tools">
          <input
            type="search"
            className="checks-ignore-input"
            aria-label={t('checks.settings.filter')}
            placeholder={t('checks.settings.filter')}
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
          <button
            type="button"
            className="button button-small"
            disabled={words.length >= WORD_RULES_MAX}
            onClick={() => {
              const next = [{ word: '', kind: 'caution' as const }, ...words]
              setWords(next)
              setFilter('')
              report({ words: next })
            }}
          >
            {t('checks.settings.addWord')}
          </button>
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => {
              // The starter rules come back; the office's own words stay.
              const have = new Set(words.map((rule) => rule.word))
              const next = [...words, ...STARTER_WORD_RULES.filter((rule) => !have.has(rule.word)).map((rule) => ({ ...rule }))]
              setWords(next)
              report({ words: next })
            }}
          >
            {t('checks.settings.restoreStarter')}
          </button>
        </div>
        <p className="field-hint" role="status">
          {t('checks.settings.wordCount', { count: words.length - emptyWords, shown: Math.min(shown.length, ROWS_SHOWN) })}
        </p>
        <table className="check-settings-table">
          <thead>
            <tr>
              <th scope="col">{t('checks.settings.word')}</th>
              <th scope="col">{t('checks.settings.kind')}</th>
              <th scope="col">{t('checks.settings.replacement')}</th>
              <th scope="col">{t('checks.settings.note')}</th>
              <th scope="col">{t('checks.settings.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, ROWS_SHOWN).map(({ rule, index }) => (
              <tr key={index}>
                <td>
                  <input
                    type="text"
                    value={rule.word}
                    maxLength={WORD_MAX}
                    aria-label={t('checks.settings.wordOf', { row: index + 1 })}
                    aria-invalid={rule.word.trim() === ''}
                    onChange={(event) => setRule(index, { word: event.target.value })}
                  />
                </td>
                <td>
                  <select
                    value={rule.kind}
                    aria-label={t('checks.settings.kindOf', { word: rule.word || index + 1 })}
                    onChange={(event) => setRule(index, { kind: event.target.value === 'forbidden' ? 'forbidden' : 'caution' })}
                  >
                    <option value="forbidden">{t('checks.settings.forbidden')}</option>
                    <option value="caution">{t('checks.settings.caution')}</option>
                  </select>
                </td>
                <td>
                  <input
                    type="text"
                    value={rule.replacement ?? ''}
                    maxLength={WORD_MAX}
                    aria-label={t('checks.settings.replacementOf', { word: rule.word || index + 1 })}
                    onChange={(event) => setRule(index, { replacement: event.target.value })}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    value={rule.note ?? ''}
                    maxLength={WORD_NOTE_MAX}
                    aria-label={t('checks.settings.noteOf', { word: rule.word || index + 1 })}
                    onChange={(event) => setRule(index, { note: event.target.value })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    aria-label={t('checks.settings.removeWord', { word: rule.word || index + 1 })}
                    onClick={() => {
                      const next = words.filter((_, i) => i !== index)
                      setWords(next)
                      report({ words: next })
                    }}
                  >
                    {t('checks.settings.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>

      <div className="field">
        <label className="field-label" htmlFor={`${ids}-domains`}>
          {t('checks.settings.domains')}
        </label>
        <textarea
          id={`${ids}-domains`}
          rows={3}
          value={domains}
          spellCheck={false}
          placeholder="example.edu.cn"
          aria-invalid={parsedDomains.bad.length > 0}
          aria-describedby={`${ids}-domains-hint`}
          onChange={(event) => {
            setDomains(event.target.value)
            report({ domains: event.target.value })
          }}
        />
        <span id={`${ids}-domains-hint`} className={parsedDomains.bad.length > 0 ? 'field-error' : 'field-hint'}>
          {parsedDomains.bad.length > 0 ? badLines(parsedDomains.bad) : t('checks.settings.domainsHint')}
        </span>
      </div>

      <div className="field">
        <label className="field-label" htmlFor={`${ids}-variants`}>
          {t('checks.settings.variants')}
        </label>
        <textarea
          id={`${ids}-variants`}
          rows={4}
          value={variants}
          spellCheck={false}
          aria-invalid={parsedVariants.bad.length > 0}
          aria-describedby={`${ids}-variants-hint`}
          onChange={(event) => {
            setVariants(event.target.value)
            report({ variants: event.target.value })
          }}
        />
        <span id={`${ids}-variants-hint`} className={parsedVariants.bad.length > 0 ? 'field-error' : 'field-hint'}>
          {parsedVariants.bad.length > 0 ? badLines(parsedVariants.bad) : t('checks.settings.variantsHint')}
        </span>
        <div>
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => {
              const next = variantsText({ ...STARTER_VARIANTS, ...parsedVariants.value })
              setVariants(next)
              report({ variants: next })
            }}
          >
            {t('checks.settings.restoreVariants')}
          </button>
        </div>
      </div>

      <div className="field">
        <label className="field-label" htmlFor={`${ids}-title-max`}>
          {t('checks.settings.titleMax')}
        </label>
        <input
          id={`${ids}-title-max`}
          type="text"
          inputMode="numeric"
          value={titleMax}
          aria-invalid={parsedTitleMax === undefined}
          aria-describedby={`${ids}-title-max-hint`}
          onChange={(event) => {
            setTitleMax(event.target.value)
            report({ titleMax: event.target.value })
          }}
        />
        <span id={`${ids}-title-max-hint`} className={parsedTitleMax === undefined ? 'field-error' : 'field-hint'}>
          {t('checks.settings.titleMaxHint')}
        </span>
      </div>

      <div className="field">
        <label className="field-label" htmlFor={`${ids}-photo-width`}>
          {t('checks.settings.minPhotoWidth')}
        </label>
        <input
          id={`${ids}-photo-width`}
          type="text"
          inputMode="numeric"
          value={minPhotoWidth}
          aria-invalid={parsedPhotoWidth === undefined}
          aria-describedby={`${ids}-photo-width-hint`}
          onChange={(event) => {
            setMinPhotoWidth(event.target.value)
            report({ minPhotoWidth: event.target.value })
          }}
        />
        <span id={`${ids}-photo-width-hint`} className={parsedPhotoWidth === undefined ? 'field-error' : 'field-hint'}>
          {t('checks.settings.minPhotoWidthHint')}
        </span>
      </div>

      <label className="check-settings-checkbox">
        <input
          type="checkbox"
          checked={summaryRequired}
          onChange={(event) => {
            setSummaryRequired(event.target.checked)
            report({ summaryRequired: event.target.checked })
          }}
        />
        {t('checks.settings.summaryRequired')}
      </label>
    </div>
  )
}

function cleanRule(rule: CheckWordRule): CheckWordRule {
  const replacement = rule.replacement?.trim()
  const note = rule.note?.trim()
  return { word: rule.word.trim(), kind: rule.kind, ...(replacement ? { replacement } : {}), ...(note ? { note } : {}) }
}
