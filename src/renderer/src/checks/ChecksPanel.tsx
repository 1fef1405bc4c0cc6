import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CheckField, Severity } from '@shared/checks/types'
import { useChecks, useCheckSnapshot } from './ChecksContext'
import { openFindings, type OpenFinding } from './checkController'
import { applyFix, canFix, locateFinding } from './findingActions'
import { findingMessage } from './findingText'
import './styles.css'

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info']
/** Entries shown per severity until asked for all: a long list costs every check a long re-render. */
const SHOWN_PER_SEVERITY = 30

/** 检查: the open draft's findings by severity, each with 定位, a one-click fix where one is certain, and 忽略. */
export function ChecksPanel() {
  const { t } = useTranslation()
  const ids = useId()
  const checks = useChecks()
  const snapshot = useCheckSnapshot()
  const [open, setOpen] = useState(true)
  const [problem, setProblem] = useState<string | null>(null)
  const [showAll, setShowAll] = useState(false)
  if (!checks || !snapshot) return null
  const entries = openFindings(snapshot)
  const count = (severity: Severity) => entries.filter((entry) => entry.finding.severity === severity && !entry.ignored).length
  const summary =
    snapshot.status === 'idle' || (snapshot.status === 'checking' && !snapshot.result)
      ? t('checks.panel.checking')
      : snapshot.status === 'failed'
        ? t('checks.panel.failed')
        : t('checks.panel.summary', { errors: count('error'), warnings: count('warning'), infos: count('info') })

  const editor = () => checks.editorRef.current
  return (
    <section className="checks-panel" aria-labelledby={`${ids}-title`}>
      <div className="checks-head">
        <button type="button" className="checks-toggle" aria-expanded={open} aria-controls={`${ids}-list`} onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          <span id={`${ids}-title`} className="checks-title">
            {t('checks.panel.title')}
          </span>
        </button>
        <span className="checks-summary" role="status" aria-live="polite">
          {summary}
          {snapshot.status === 'checking' && snapshot.result && <span className="checks-busy">{t('checks.panel.rechecking')}</span>}
        </span>
      </div>
      {problem && (
        <p role="alert" className="field-error checks-problem">
          {problem}
        </p>
      )}
      {open && (
        <div id={`${ids}-list`} className="checks-list">
          {entries.length === 0 && snapshot.status === 'ready' && <p className="checks-empty">{t('checks.panel.none', { rules: snapshot.result?.rulesRun.length ?? 0 })}</p>}
          {SEVERITIES.map((severity) => {
            const group = entries.filter((entry) => entry.finding.severity === severity)
            if (group.length === 0) return null
            return (
              <div key={severity} className="checks-group">
                <h3 className={`checks-group-title checks-${severity}`}>{t(`checks.severity.${severity}`, { count: group.length })}</h3>
                <ul className="checks-items">
                  {(showAll ? group : group.slice(0, SHOWN_PER_SEVERITY)).map((entry, index) => (
                    <FindingItem
                      key={`${entry.id}#${index}`}
                      entry={entry}
                      field={snapshot.segments[entry.finding.segment]?.field ?? 'body'}
                      fixable={canFix(snapshot, entry.finding)}
                      onLocate={() => {
                        setProblem(locateFinding(editor(), snapshot, entry.finding) ? null : t('checks.panel.locateFailed'))
                      }}
                      onFix={() => {
                        const done = applyFix(editor(), snapshot, entry.finding, checks.fixField)
                        setProblem(done ? null : t('checks.panel.fixFailed'))
                        void checks.controller.run()
                      }}
                      onIgnore={(reason) => checks.controller.ignore(entry.finding, reason)}
                      onUnignore={() => checks.controller.unignore(entry.finding)}
                    />
                  ))}
                </ul>
                {!showAll && group.length > SHOWN_PER_SEVERITY && (
                  <button type="button" className="button button-small button-quiet" onClick={() => setShowAll(true)}>
                    {t('checks.panel.showAll', { count: group.length })}
                  </button>
                )}
              </div>
            )
          })}
        </div>
      )}
    </section>
  )
}

type ItemProps = {
  entry: OpenFinding
  field: CheckField
  fixable: boolean
  onLocate(): void
  onFix(): void
  onIgnore(reason: string): void
  onUnignore(): void
}

function FindingItem({ entry, field, fixable, onLocate, onFix, onIgnore, onUnignore }: ItemProps) {
  const { t } = useTranslation()
  const ids = useId()
  const [asking, setAsking] = useState(false)
  const [reason, setReason] = useState('')
  const [missing, setMissing] = useState(false)
  const { finding, ignored } = entry
  const isError = finding.severity === 'error'
  const message = findingMessage(finding, t)

  const confirm = () => {
    if (isError && reason.trim() === '') {
      setMissing(true)
      return
    }
    onIgnore(reason)
    setAsking(false)
    setReason('')
    setMissing(false)
  }

  return (
    <li className={`checks-item checks-item-${finding.severity}${ignored ? ' checks-item-ignored' : ''}`} data-rule={finding.ruleId}>
      <div className="checks-item-text">
        <span className="checks-field">{t(`checks.fields.${field}`)}</span>
        {finding.excerpt !== '' && <span className="checks-excerpt">{t('checks.quoted', { text: finding.excerpt })}</span>}
        <span className="checks-message">{message}</span>
        {ignored && (
          <span className="checks-ignored-note">
            {ignored.by
              ? t('checks.panel.waivedBy', { by: ignored.by, reason: ignored.reason })
              : ignored.reason
                ? t('checks.panel.ignoredBecause', { reason: ignored.reason })
                : t('checks.panel.ignored')}
          </span>
        )}
      </div>
      <div className="checks-item-actions">
        <button type="button" className="button button-small" onClick={onLocate} aria-label={t('checks.panel.locateLabel', { message })}>
          {t('checks.panel.locate')}
        </button>
        {fixable && finding.fix && !ignored && (
          <button type="button" className="button button-small button-primary" onClick={onFix} aria-label={t('checks.panel.fixLabel', { text: finding.fix.replacement, message })}>
            {finding.fix.replacement === '' ? t('checks.panel.fixDelete') : t('checks.panel.fix', { text: finding.fix.replacement })}
          </button>
        )}
        {ignored?.by ? null : ignored ? (
          <button type="button" className="button button-small button-quiet" onClick={onUnignore}>
            {t('checks.panel.unignore')}
          </button>
        ) : (
          !asking && (
            <button type="button" className="button button-small button-quiet" onClick={() => setAsking(true)} aria-label={t('checks.panel.ignoreLabel', { message })}>
              {t('checks.panel.ignore')}
            </button>
          )
        )}
      </div>
      {asking && (
        <form
          className="checks-ignore"
          noValidate
          onSubmit={(event) => {
            event.preventDefault()
            confirm()
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation()
              setAsking(false)
            }
          }}
        >
          <label htmlFor={`${ids}-reason`} className="checks-ignore-label">
            {isError ? t('checks.panel.reasonRequired') : t('checks.panel.reasonOptional')}
          </label>
          <input
            id={`${ids}-reason`}
            type="text"
            className="checks-ignore-input"
            value={reason}
            maxLength={500}
            autoFocus
            aria-invalid={missing}
            aria-describedby={missing ? `${ids}-missing` : undefined}
            onChange={(event) => {
              setReason(event.target.value)
              setMissing(false)
            }}
          />
          <button type="submit" className="button button-small">
            {t('checks.panel.ignoreConfirm')}
          </button>
          <button type="button" className="button button-small button-quiet" onClick={() => setAsking(false)}>
            {t('checks.panel.cancel')}
          </button>
          {missing && (
            <span id={`${ids}-missing`} role="alert" className="field-error">
              {t('checks.panel.reasonMissing')}
            </span>
          )}
        </form>
      )}
    </li>
  )
}
