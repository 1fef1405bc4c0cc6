import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { newsroom } from '../newsroom'
import { errorCodeOf } from '../drafts/errorText'
import './about.css'

type Status = { kind: 'idle' } | { kind: 'copied'; text: string } | { kind: 'failed'; reason: string }

/** 设置 → 关于: the version, the log file and 复制诊断信息 for a support request. */
export function AboutSection() {
  const { t } = useTranslation()
  const [version, setVersion] = useState('')
  const [status, setStatus] = useState<Status>({ kind: 'idle' })

  useEffect(() => {
    let live = true
    newsroom()
      .app.info()
      .then((info) => live && setVersion(info.version))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [])

  const failed = (error: unknown) => setStatus({ kind: 'failed', reason: t(`errors.${errorCodeOf(error)}`) })

  return (
    <section className="about-section" aria-labelledby="about-heading">
      <h3 id="about-heading" className="about-title">
        {t('about.appName')}
      </h3>
      <p className="about-version">{t('about.version', { version })}</p>
      <p className="field-hint">{t('about.logHint')}</p>
      <div className="about-actions">
        <button type="button" className="button" onClick={() => newsroom().app.openLog().catch(failed)}>
          {t('about.openLog')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() =>
            newsroom()
              .app.copyDiagnostics()
              .then(({ text }) => setStatus({ kind: 'copied', text }))
              .catch(failed)
          }
        >
          {t('about.copyDiagnostics')}
        </button>
      </div>
      <p role="status" className="about-status">
        {status.kind === 'copied' ? t('about.copied') : status.kind === 'failed' ? t('about.failed', { reason: status.reason }) : ''}
      </p>
      {status.kind === 'copied' && (
        <details className="about-details">
          <summary>{t('about.showCopied')}</summary>
          <pre className="about-text">{status.text}</pre>
        </details>
      )}
    </section>
  )
}
