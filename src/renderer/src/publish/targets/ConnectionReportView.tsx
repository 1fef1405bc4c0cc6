import { useTranslation } from 'react-i18next'
import type { ConnectionReport, PublishTarget } from '@shared/model/publish'
import { publishErrorText } from '../publishText'

/** 测试连接's answer in words: one line per check, the site's columns, and what to do when it failed. */
export function ConnectionReportView({ kind, report }: { kind: PublishTarget['kind']; report: ConnectionReport }) {
  const { t } = useTranslation()
  const mark = (passed: boolean) => t(passed ? 'publishTargets.report.yes' : 'publishTargets.report.no')
  const checks: { key: string; text: string; passed: boolean }[] =
    kind === 'local'
      ? [{ key: 'writable', text: `${t('publishTargets.report.folderWritable')} ${mark(report.reachable)}`, passed: report.reachable }]
      : [
          { key: 'reachable', text: `${t('publishTargets.report.reachable')} ${mark(report.reachable)}`, passed: report.reachable },
          { key: 'authenticated', text: `${t('publishTargets.report.authenticated')} ${mark(report.authenticated)}`, passed: report.authenticated }
        ]
  if (kind !== 'local' && report.authenticated) {
    checks.push({
      key: 'canPublish',
      text: report.canPublish ? `${t('publishTargets.report.canPublish')} ${mark(true)}` : t('publishTargets.report.pendingOnly'),
      passed: report.canPublish
    })
  }
  const columns = report.columns.map((column) => t('publishTargets.report.columnItem', { name: column.name, id: column.id })).join(t('publishTargets.report.separator'))
  return (
    <div className="publish-targets-report">
      <ul className="publish-targets-checks">
        {checks.map((check) => (
          <li key={check.key} className={check.passed ? 'publish-targets-check-passed' : 'publish-targets-check-failed'}>
            {check.text}
          </li>
        ))}
      </ul>
      {kind !== 'local' && report.authenticated && (
        <p>{report.columns.length === 0 ? t('publishTargets.report.noColumns') : t(kind === 'wordpress' ? 'publishTargets.report.categories' : 'publishTargets.report.columns', { list: columns })}</p>
      )}
      {/* A local target's detail is its folder, already in the list. */}
      {kind !== 'local' && report.detail !== '' && <p className="field-hint">{t('publishTargets.report.detail', { detail: report.detail })}</p>}
      {report.error && (
        <p className="field-error" role="alert" title={report.error.message}>
          {publishErrorText(t, report.error)}
        </p>
      )}
    </div>
  )
}
