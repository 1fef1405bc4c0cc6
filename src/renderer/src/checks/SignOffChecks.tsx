import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Waiver } from '@shared/model/signOff'
import { useChecks, useCheckSnapshot } from './ChecksContext'
import { openFindings, unwaivedErrors, waiversOf, type CheckSnapshot } from './checkController'
import { findingMessage, findingSummary } from './findingText'
import './styles.css'

export type SignOffCheckState = {
  /** False while the draft is being checked (or could not be): the step waits for a result. */
  ready: boolean
  /** Errors nobody let through with a reason: the step is refused until they are fixed or waived. */
  blocking: number
  /** The waivers this step carries, in the signer's name. */
  waivers(by: string): Waiver[]
  /** Waits for a check of the text as it is now and answers what blocks the step and what it carries. */
  settle(by: string): Promise<{ blocking: number; waivers: Waiver[] }>
}

const SETTLE_MS = 15_000

/**
 * The current result for a sign-off: checks the text as it is now (not as it was at the last pause in typing)
 * and answers what blocks the step and what it would let through.
 */
export function useSignOffChecks(): SignOffCheckState & { snapshot: CheckSnapshot | null; available: boolean } {
  const { t } = useTranslation()
  const checks = useChecks()
  const snapshot = useCheckSnapshot()
  const [fresh, setFresh] = useState(false)
  useEffect(() => {
    if (!checks) return
    let live = true
    void checks.controller.run().then(() => live && setFresh(true))
    return () => {
      live = false
    }
  }, [checks])
  if (!checks || !snapshot) return { snapshot: null, available: false, ready: true, blocking: 0, waivers: () => [], settle: async () => ({ blocking: 0, waivers: [] }) }
  // A check that failed does not hold the step up: main checks the stored draft again and refuses open errors.
  const ready = fresh && (snapshot.status === 'ready' || snapshot.status === 'failed')
  return {
    snapshot,
    available: true,
    ready,
    blocking: ready && snapshot.status === 'ready' ? unwaivedErrors(snapshot).length : 0,
    waivers: (by) => (ready && snapshot.status === 'ready' ? waiversOf(snapshot, by, (finding) => findingSummary(finding, snapshot.segments, t)) : []),
    async settle(by) {
      // Someone who signs before the first check is back waits for it rather than being turned away.
      const deadline = Date.now() + SETTLE_MS
      let current = await checks.controller.run()
      while ((current.status === 'checking' || current.status === 'idle') && Date.now() < deadline) {
        await new Promise((done) => setTimeout(done, 100))
        current = checks.controller.getSnapshot()
        if (current.status === 'idle') current = await checks.controller.run()
      }
      // A check that failed or never came back does not hold the step up: main checks the stored draft again.
      if (current.status !== 'ready') return { blocking: 0, waivers: [] }
      return { blocking: unwaivedErrors(current).length, waivers: waiversOf(current, by, (finding) => findingSummary(finding, current.segments, t)) }
    }
  }
}

/** What ran, what was found, and a reason field for each open error, in 提交 and every sign-off dialog. */
export function SignOffChecks({ state, signer }: { state: ReturnType<typeof useSignOffChecks>; signer: string }) {
  const { t } = useTranslation()
  const ids = useId()
  const checks = useChecks()
  const [reasons, setReasons] = useState<Record<string, string>>({})
  const { snapshot } = state
  if (!state.available || !snapshot || !checks) return null
  if (!state.ready || snapshot.status === 'failed') {
    return (
      <section className="checks-signoff" aria-labelledby={`${ids}-title`} aria-busy={snapshot.status !== 'failed'}>
        <h3 id={`${ids}-title`}>{t('checks.signoff.title')}</h3>
        <p role={snapshot.status === 'failed' ? 'alert' : 'status'}>{snapshot.status === 'failed' ? t('checks.signoff.failed') : t('checks.signoff.checking')}</p>
      </section>
    )
  }
  const entries = openFindings(snapshot)
  const count = (severity: string) => entries.filter((entry) => entry.finding.severity === severity).length
  const open = unwaivedErrors(snapshot)
  const waivers = state.waivers(signer || '—')
  const rules = snapshot.result?.rulesRun ?? []
  return (
    <section className={`checks-signoff${open.length > 0 ? ' checks-signoff-blocking' : ''}`} aria-labelledby={`${ids}-title`} data-testid="signoff-checks">
      <h3 id={`${ids}-title`}>{t('checks.signoff.title')}</h3>
      <p>{t('checks.signoff.ran', { count: rules.length, errors: count('error'), warnings: count('warning'), infos: count('info') })}</p>
      <details>
        <summary className="checks-signoff-rules">{t('checks.signoff.rulesRun', { rules: rules.length })}</summary>
        <p className="checks-signoff-rules">{rules.join('、')}</p>
      </details>
      {open.length === 0 ? (
        <p>{t('checks.signoff.clean')}</p>
      ) : (
        <>
          <p role="alert">{t('checks.signoff.blocking', { count: open.length })}</p>
          {open.map((entry, index) => {
            const id = `${ids}-waive-${index}`
            return (
              <div key={`${entry.id}#${index}`} className="checks-waiver-row">
                <span>{findingSummary(entry.finding, snapshot.segments, t)}</span>
                <label className="field-label" htmlFor={id}>
                  {t('checks.signoff.waiveReason')}
                </label>
                <span className="checks-item-actions">
                  <input
                    id={id}
                    type="text"
                    className="checks-ignore-input"
                    maxLength={500}
                    aria-label={`${t('checks.signoff.waiveReason')}：${findingMessage(entry.finding, t)}`}
                    value={reasons[entry.id] ?? ''}
                    onChange={(event) => setReasons({ ...reasons, [entry.id]: event.target.value })}
                    onKeyDown={(event) => {
                      // Enter here records the reason; it must not sign the whole step by accident.
                      if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
                        event.preventDefault()
                        const reason = (reasons[entry.id] ?? '').trim()
                        if (reason !== '') checks.controller.ignore(entry.finding, reason)
                      }
                    }}
                  />
                  <button
                    type="button"
                    className="button button-small"
                    disabled={(reasons[entry.id] ?? '').trim() === ''}
                    onClick={() => checks.controller.ignore(entry.finding, reasons[entry.id] ?? '')}
                  >
                    {t('checks.signoff.waive')}
                  </button>
                </span>
              </div>
            )
          })}
        </>
      )}
      {waivers.length > 0 && (
        <>
          <p>{t('checks.signoff.waived', { count: waivers.length })}</p>
          <ul className="checks-waivers-list">
            {waivers.map((waiver, index) => (
              <li key={index}>{t('checks.signoff.waiverLine', { finding: waiver.finding, ruleId: waiver.ruleId, reason: waiver.reason })}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
