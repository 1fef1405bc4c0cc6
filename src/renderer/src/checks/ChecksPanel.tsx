import { memo, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import type { Finding, Severity } from '@shared/checks/types'
import { useChecks, type ChecksApi } from './ChecksContext'
import type { CheckController, CheckSnapshot } from './checkController'
import { applyFix, locateFinding } from './findingActions'
import { findingMessage } from './findingText'
import { panelViewOf, rowFinding, rowKeyOf, sameShown, type PanelEntry, type PanelView } from './panelView'
import './styles.css'

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info']
/** Entries shown per severity until asked for all: a long list costs every check a long re-render. */
const SHOWN_PER_SEVERITY = 30

/** 检查: the open draft's findings by severity, each with 定位, a one-click fix where one is certain, and 忽略. */
// Memo: the editor around it re-renders on every keystroke; the panel changes only when what it shows does.
export const ChecksPanel = memo(function ChecksPanel() {
  const { t } = useTranslation()
  const ids = useId()
  const checks = useChecks()
  const view = usePanelView(checks?.controller ?? null)
  const [open, setOpen] = useState(true)
  const [problem, setProblem] = useState<string | null>(null)
  const [showAll, setShowAll] = useState(false)
  const latest = useRef(checks)
  useEffect(() => {
    latest.current = checks
  })
  // Stable across answers, so rows whose finding only moved need not re-render; each acts on the latest check.
  const actions = useMemo<RowActions>(() => {
    const act = (key: string, action: (finding: Finding, snapshot: CheckSnapshot, checks: ChecksApi) => void) => {
      const api = latest.current
      const current = api?.controller.getSnapshot()
      const finding = current ? rowFinding(current, key) : null
      if (finding && current && api) action(finding, current, api)
    }
    return {
      locate: (key) => act(key, (finding, current, api) => setProblem(locateFinding(api.editorRef.current, current, finding) ? null : t('checks.panel.locateFailed'))),
      fix: (key) =>
        act(key, (finding, current, api) => {
          const done = applyFix(api.editorRef.current, current, finding, api.fixField)
          setProblem(done ? null : t('checks.panel.fixFailed'))
          void api.controller.run()
        }),
      ignore: (key, reason) => act(key, (finding, _current, api) => api.controller.ignore(finding, reason)),
      unignore: (key) => act(key, (finding, _current, api) => api.controller.unignore(finding))
    }
  }, [t])
  if (!checks || !view) return null
  const entries = view.entries
  const count = (severity: Severity) => entries.filter((entry) => entry.finding.severity === severity && !entry.ignored).length
  const summary =
    view.status === 'idle' || (view.status === 'checking' && !view.checked)
      ? t('checks.panel.checking')
      : view.status === 'failed'
        ? t('checks.panel.failed')
        : t('checks.panel.summary', { errors: count('error'), warnings: count('warning'), infos: count('info') })

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
          {view.status === 'checking' && view.checked && <span className="checks-busy">{t('checks.panel.rechecking')}</span>}
        </span>
      </div>
      {problem && (
        <p role="alert" className="field-error checks-problem">
          {problem}
        </p>
      )}
      {open && (
        <div id={`${ids}-list`} className="checks-list">
          {entries.length === 0 && view.status === 'ready' && <p className="checks-empty">{t('checks.panel.none', { rules: view.rulesRun })}</p>}
          {SEVERITIES.map((severity) => {
            const group = entries.filter((entry) => entry.finding.severity === severity)
            if (group.length === 0) return null
            return (
              <div key={severity} className="checks-group">
                <h3 className={`checks-group-title checks-${severity}`}>{t(`checks.severity.${severity}`, { count: group.length })}</h3>
                <ul className="checks-items">
                  {(showAll ? group : group.slice(0, SHOWN_PER_SEVERITY)).map((entry, index) => {
                    const rowKey = rowKeyOf(entry, index)
                    return <FindingItem key={rowKey} rowKey={rowKey} entry={entry} actions={actions} />
                  })}
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
})

/** The panel's view of the checks; null outside an editor. */
function usePanelView(controller: CheckController | null): PanelView | null {
  return useSyncExternalStore(controller?.subscribe ?? noSubscribe, controller ? () => panelViewOf(controller) : noView)
}

const noSubscribe = () => () => undefined
const noView = () => null

/** What a row's buttons do, by the row's key: stable across checks, so an unchanged row need not re-render. */
type RowActions = {
  locate(key: string): void
  fix(key: string): void
  ignore(key: string, reason: string): void
  unignore(key: string): void
}

type ItemProps = {
  rowKey: string
  entry: PanelEntry
  actions: RowActions
}

const sameRow = (a: ItemProps, b: ItemProps) => a.rowKey === b.rowKey && a.actions === b.actions && sameShown(a.entry, b.entry)

const FindingItem = memo(function FindingItem({ rowKey, entry, actions }: ItemProps) {
  const onLocate = () => actions.locate(rowKey)
  const onFix = () => actions.fix(rowKey)
  const onIgnore = (reason: string) => actions.ignore(rowKey, reason)
  const onUnignore = () => actions.unignore(rowKey)
  const { t } = useTranslation()
  const ids = useId()
  const [asking, setAsking] = useState(false)
  const [reason, setReason] = useState('')
  const [missing, setMissing] = useState(false)
  const { finding, ignored, field, fixable } = entry
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
}, sameRow)
