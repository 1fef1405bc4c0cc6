import { useId, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { articleOf } from '@shared/article/articleOf'
import { CHINESE_SCRIPTS, CREDIT_TEMPLATE_MAX, DEFAULT_CREDIT_TEMPLATE, formatCreditLine, validateCreditTemplate, type ChineseScript } from '@shared/article/creditLine'
import { emptyMetadata } from '@shared/model/metadata'
import { REQUIRABLE_METADATA_FIELDS, type RequirableMetadataField, type Settings } from '@shared/settings'
import { CREDIT_INSERTS, insertIntoTemplate, type CreditInsert } from './templateInsert'

export type ArticleSettingsValue = Pick<Settings, 'requiredMetadata' | 'creditTemplate' | 'creditScript'>

export function articleSettingsValid(value: ArticleSettingsValue): boolean {
  return validateCreditTemplate(value.creditTemplate).ok
}

type Props = {
  value: ArticleSettingsValue
  onChange(value: ArticleSettingsValue): void
}

/** The settings tab for 必填项 and the credit line: template with a live example, Simplified or Traditional. */
export function CreditSettings({ value, onChange }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const validation = validateCreditTemplate(value.creditTemplate)
  const templateInput = useRef<HTMLTextAreaElement>(null)

  function insert(snippet: string) {
    const input = templateInput.current
    const at = input ? { start: input.selectionStart, end: input.selectionEnd } : { start: value.creditTemplate.length, end: value.creditTemplate.length }
    const next = insertIntoTemplate(value.creditTemplate, at.start, at.end, snippet)
    onChange({ ...value, creditTemplate: next.template.slice(0, CREDIT_TEMPLATE_MAX) })
    // After React has put the new text in, the caret goes after what was inserted.
    requestAnimationFrame(() => {
      input?.focus()
      input?.setSelectionRange(next.caret, next.caret)
    })
  }
  let example = ''
  if (validation.ok) {
    const author = t('credit.sample.author')
    const sample = {
      ...emptyMetadata(),
      sourceDepartment: t('credit.sample.department'),
      authors: [author],
      photographers: [author],
      proofreader: t('credit.sample.proofreader'),
      reviewer: t('credit.sample.reviewer'),
      editor: t('credit.sample.editor')
    }
    const article = articleOf({ title: '', column: '', body: null, metadata: sample }, value)
    example = formatCreditLine(article.metadata, article.creditLine)
  }

  function toggleRequired(field: RequirableMetadataField, on: boolean) {
    const next = on ? [...value.requiredMetadata, field] : value.requiredMetadata.filter((f) => f !== field)
    onChange({ ...value, requiredMetadata: REQUIRABLE_METADATA_FIELDS.filter((f) => next.includes(f)) })
  }

  return (
    <div className="credit-settings">
      <fieldset className="settings-fieldset">
        <legend className="field-label">{t('credit.requiredTitle')}</legend>
        <div className="settings-checkbox-grid">
          {REQUIRABLE_METADATA_FIELDS.map((field) => (
            <label key={field} className="settings-checkbox">
              <input type="checkbox" checked={value.requiredMetadata.includes(field)} onChange={(event) => toggleRequired(field, event.target.checked)} />
              {t(`metadata.fields.${field}`)}
            </label>
          ))}
        </div>
        <span className="field-hint">{t('credit.requiredHint')}</span>
      </fieldset>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-template`}>
          {t('credit.template')}
        </label>
        <div className="credit-inserts" role="group" aria-label={t('comfort.credit.fieldsLabel')}>
          {(Object.keys(CREDIT_INSERTS) as CreditInsert[]).map((field) => (
            <button key={field} type="button" className="button button-small" onClick={() => insert(CREDIT_INSERTS[field])}>
              + {t(`comfort.credit.fields.${field}`)}
            </button>
          ))}
          <button type="button" className="button button-small button-quiet" title={t('comfort.credit.optionalPartHint')} onClick={() => insert('[]')}>
            {t('comfort.credit.optionalPart')}
          </button>
        </div>
        <textarea
          ref={templateInput}
          id={`${ids}-template`}
          className="credit-template-input"
          rows={3}
          spellCheck={false}
          maxLength={CREDIT_TEMPLATE_MAX}
          value={value.creditTemplate}
          aria-invalid={!validation.ok}
          aria-describedby={`${ids}-template-hint`}
          onChange={(event) => onChange({ ...value, creditTemplate: event.target.value })}
        />
        <span id={`${ids}-template-hint`} className={validation.ok ? 'field-hint' : 'field-error'} role={validation.ok ? undefined : 'alert'}>
          {validation.ok
            ? t('comfort.credit.templateHint')
            : t(`credit.issues.${validation.issue.code}`, { detail: validation.issue.code === 'unknown-placeholder' ? `{${validation.issue.detail}}` : validation.issue.detail }) +
              t('credit.issueAt', { position: validation.issue.index + 1 })}
        </span>
        <div className="credit-template-actions">
          <button
            type="button"
            className="button button-small"
            disabled={value.creditTemplate === DEFAULT_CREDIT_TEMPLATE}
            onClick={() => onChange({ ...value, creditTemplate: DEFAULT_CREDIT_TEMPLATE })}
          >
            {t('credit.resetTemplate')}
          </button>
        </div>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-script`}>
          {t('credit.script')}
        </label>
        <select
          id={`${ids}-script`}
          value={value.creditScript}
          aria-describedby={`${ids}-script-hint`}
          onChange={(event) => onChange({ ...value, creditScript: event.target.value as ChineseScript })}
        >
          {CHINESE_SCRIPTS.map((script) => (
            <option key={script} value={script}>
              {t(`credit.scripts.${script}`)}
            </option>
          ))}
        </select>
        <span id={`${ids}-script-hint`} className="field-hint">
          {t('credit.scriptHint')}
        </span>
      </div>
      <div className="field">
        <span className="field-label">{t('credit.example')}</span>
        <output className="credit-example" data-testid="credit-example">
          {validation.ok ? example || t('credit.exampleEmpty') : ''}
        </output>
      </div>
    </div>
  )
}
