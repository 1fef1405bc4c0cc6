import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LivePageFinding, LivePageReport } from '@shared/model/publish'
import { newsroom } from '../newsroom'

/** Kinds of the second version keep their texts in the handPublish section. */
const V2_KINDS = new Set<LivePageFinding['kind']>(['missing-image', 'new-outside-link', 'new-outside-script', 'blocked'])

type V2Kind = 'missing-image' | 'new-outside-link' | 'new-outside-script' | 'blocked'
const findingKey = (kind: LivePageFinding['kind']) =>
  V2_KINDS.has(kind) ? (`handPublish.report.findings.${kind as V2Kind}` as const) : (`publish.report.findings.${kind as Exclude<LivePageFinding['kind'], V2Kind>}` as const)

/**
 * The live-page check: quiet when the page shows what we sent, loud (role=alert) when the site added a link,
 * a script or a frame, or dropped a paragraph, a caption or a photo — someone or something changed the article
 * there. A page a WAF answered for is not an alarm: the person is told the check was blocked. The template's
 * own outside links and scripts are shown once, at the first check, for the person to accept.
 */
export function LivePageReportView({ report, draftId, targetId }: { report: LivePageReport; draftId?: string; targetId?: string }) {
  const { t } = useTranslation()
  const [accepted, setAccepted] = useState<'no' | 'yes' | 'failed'>('no')
  const family = report.family === null ? null : <p className="publish-report-family">{t('handPublish.report.family', { family: t(`handPublish.report.families.${report.family}`) })}</p>
  const baseline = report.baselineToAccept
  const baselineView =
    baseline === null || draftId === undefined || targetId === undefined ? null : (
      <section className="live-baseline" aria-label={t('handPublish.report.baselineTitle', { count: baseline.links.length + baseline.scripts.length })}>
        <p className="banner-title">{t('handPublish.report.baselineTitle', { count: baseline.links.length + baseline.scripts.length })}</p>
        <p>{t('handPublish.report.baselineHint')}</p>
        <ul className="live-baseline-list">
          {[...baseline.links, ...baseline.scripts].map((item) => (
            <li key={item}>
              <code>{item}</code>
            </li>
          ))}
        </ul>
        {accepted === 'yes' ? (
          <p role="status">{t('handPublish.report.baselineAccepted')}</p>
        ) : (
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              void newsroom()
                .publish.acceptBaseline({ draftId, targetId })
                .then((answer) => setAccepted(answer.accepted ? 'yes' : 'failed'))
                .catch(() => setAccepted('failed'))
            }
          >
            {t('handPublish.report.baselineAccept')}
          </button>
        )}
        {accepted === 'failed' && <p role="alert">{t('handPublish.report.baselineFailed')}</p>}
      </section>
    )

  if (report.verdict === 'blocked') {
    return (
      <div role="status" className="banner banner-warning publish-report">
        <p className="banner-title">{t('handPublish.report.blocked')}</p>
        <p>{t('handPublish.report.blockedHint', { by: report.findings[0]?.detail ?? '' })}</p>
      </div>
    )
  }
  if (report.ok) {
    return (
      <>
        <p className="publish-report publish-report-ok">{t('publish.report.ok')}</p>
        {family}
        {baselineView}
      </>
    )
  }
  return (
    <>
      <div role="alert" className="banner banner-error publish-report">
        <p className="banner-title">{t('publish.report.problems', { count: report.findings.length })}</p>
        <ul className="banner-list publish-findings">
          {report.findings.map((finding, index) => (
            <li key={`${finding.kind}-${String(index)}`}>
              {t(findingKey(finding.kind))}
              {finding.detail && <span className="publish-finding-detail">{finding.detail}</span>}
            </li>
          ))}
        </ul>
      </div>
      {family}
      {baselineView}
    </>
  )
}
