import { useTranslation } from 'react-i18next'
import type { LivePageReport } from '@shared/model/publish'

/**
 * The live-page check: quiet when the page shows what we sent, loud (role=alert) when the site added a link,
 * a script or a frame, or dropped a paragraph or a caption — someone or something changed the article there.
 */
export function LivePageReportView({ report }: { report: LivePageReport }) {
  const { t } = useTranslation()
  if (report.ok) {
    return <p className="publish-report publish-report-ok">{t('publish.report.ok')}</p>
  }
  return (
    <div role="alert" className="banner banner-error publish-report">
      <p className="banner-title">{t('publish.report.problems', { count: report.findings.length })}</p>
      <ul className="banner-list publish-findings">
        {report.findings.map((finding, index) => (
          <li key={`${finding.kind}-${String(index)}`}>
            {t(`publish.report.findings.${finding.kind}`)}
            {finding.detail && <span className="publish-finding-detail">{finding.detail}</span>}
          </li>
        ))}
      </ul>
    </div>
  )
}
