import { useEffect, useEffectEvent, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Draft } from '@shared/model/draft'
import type { ContentDiff, HistoryVersion, HistoryVersionSummary } from '@shared/model/workflow'
import { Modal } from '../components/Modal'
import { errorCodeOf, errorDetailOf } from '../drafts/errorText'
import { newsroom } from '../newsroom'
import { ArticlePreview } from '../preview/ArticlePreview'
import { previewMarkup } from '../preview/previewMarkup'
import { DiffView } from '../workflow/DiffView'
import { fullTime } from '../workflow/timeText'
import { WaiverList, useWaiversBySignOff } from '../checks/WaiverList'

type Props = {
  draftId: string
  flush(): Promise<boolean>
  onRestored(draft: Draft): void
  onClose(): void
  /** Where focus goes when the restore remade the bar that opened the dialog. */
  focusAfter?: () => HTMLElement | null
}

type View =
  | { kind: 'list' }
  | { kind: 'version'; summary: HistoryVersionSummary; version: HistoryVersion | null }
  | { kind: 'diff'; summary: HistoryVersionSummary; diff: ContentDiff | null }
  | { kind: 'confirm'; summary: HistoryVersionSummary }

/** 历史版本: the kept versions, each one to read, compare with now, or bring back. */
export function HistoryDialog({ draftId, flush, onRestored, onClose, focusAfter }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const [versions, setVersions] = useState<HistoryVersionSummary[] | null>(null)
  const [view, setView] = useState<View>({ kind: 'list' })
  const [problem, setProblem] = useState<{ text: string; detail: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const waivers = useWaiversBySignOff(draftId)

  const failed = (key: 'history.failed' | 'history.restoreFailed', error: unknown) =>
    setProblem({ text: t(key, { reason: t(`errors.${errorCodeOf(error)}`) }), detail: errorDetailOf(error) })

  const flushFirst = useEffectEvent(() => flush())
  const onLoadFailed = useEffectEvent((error: unknown) => {
    setVersions([])
    failed('history.failed', error)
  })
  useEffect(() => {
    let live = true
    // The newest edits become a version only once they are saved.
    flushFirst()
      .then(() => newsroom().history.list({ draftId }))
      .then(
        (list) => live && setVersions(list),
        (error: unknown) => live && onLoadFailed(error)
      )
    return () => {
      live = false
    }
  }, [draftId])

  async function open(summary: HistoryVersionSummary) {
    setProblem(null)
    setView({ kind: 'version', summary, version: null })
    try {
      const version = await newsroom().history.get({ draftId, versionId: summary.id })
      setView((current) => (current.kind === 'version' && current.summary.id === summary.id ? { ...current, version } : current))
    } catch (error) {
      failed('history.failed', error)
    }
  }

  async function compare(summary: HistoryVersionSummary) {
    setProblem(null)
    setView({ kind: 'diff', summary, diff: null })
    try {
      await flush()
      const diff = await newsroom().history.diff({ draftId, from: summary.id, to: 'current' })
      setView((current) => (current.kind === 'diff' && current.summary.id === summary.id ? { ...current, diff } : current))
    } catch (error) {
      failed('history.failed', error)
    }
  }

  async function restore(summary: HistoryVersionSummary) {
    setBusy(true)
    setProblem(null)
    if (!(await flush())) {
      // Restoring would set aside content that never reached the disk.
      setProblem({ text: t('history.saveFirst'), detail: '' })
      setBusy(false)
      return
    }
    try {
      const result = await newsroom().history.restore({ draftId, versionId: summary.id })
      onRestored(result.draft)
    } catch (error) {
      failed('history.restoreFailed', error)
      setBusy(false)
    }
  }

  const reason = (summary: HistoryVersionSummary) => t(`history.reasons.${summary.reason}`)
  return (
    <Modal labelledBy={`${ids}-title`} onClose={onClose} focusAfter={focusAfter} className="modal-wide">
      <div className="modal-body">
        <h2 id={`${ids}-title`} className="modal-title">
          {view.kind === 'list' || view.kind === 'confirm'
            ? t('history.title')
            : view.kind === 'version'
              ? t('history.versionOf', { time: fullTime(view.summary.at), reason: reason(view.summary) })
              : t('history.diffOf', { time: fullTime(view.summary.at) })}
        </h2>
        {problem && (
          <p role="alert" className="field-error" title={problem.detail}>
            {problem.text}
          </p>
        )}
        <div className="modal-scroll">
          {view.kind === 'list' &&
            (versions === null ? (
              <p>{t('history.loading')}</p>
            ) : versions.length === 0 ? (
              <p>{t('history.empty')}</p>
            ) : (
              <ul className="history-list" aria-label={t('history.listLabel')}>
                {versions.map((summary) => (
                  <li key={summary.id} className="history-item">
                    <div className="history-item-text">
                      <span className="history-time">{fullTime(summary.at)}</span>
                      <span className={`status-chip history-reason history-reason-${summary.reason}`}>{reason(summary)}</span>
                      <span className="history-revision">{t('history.revision', { revision: summary.revision })}</span>
                      <span className="history-title">{summary.title || t('history.untitled')}</span>
                      <span className="history-words">{t('history.words', { count: summary.wordCount })}</span>
                      {summary.actor && <span className="history-actor">{summary.actor}</span>}
                      {summary.signOffId && <WaiverList waivers={waivers.get(summary.signOffId) ?? []} />}
                    </div>
                    <div className="history-item-actions">
                      <button type="button" className="button button-small" onClick={() => void open(summary)}>
                        {t('history.view')}
                      </button>
                      <button type="button" className="button button-small" onClick={() => void compare(summary)}>
                        {t('history.diff')}
                      </button>
                      <button type="button" className="button button-small" onClick={() => setView({ kind: 'confirm', summary })}>
                        {t('history.restore')}
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            ))}
          {view.kind === 'version' && (view.version ? <VersionArticle draftId={draftId} version={view.version} /> : !problem && <p>{t('history.loading')}</p>)}
          {view.kind === 'diff' && (view.diff ? <DiffView diff={view.diff} /> : !problem && <p>{t('history.loading')}</p>)}
          {view.kind === 'confirm' && <p className="history-confirm">{t('history.restoreConfirm', { time: fullTime(view.summary.at) })}</p>}
        </div>
        <div className="modal-actions">
          {view.kind === 'confirm' ? (
            <>
              <button type="button" className="button" disabled={busy} onClick={() => setView({ kind: 'list' })}>
                {t('workflow.cancel')}
              </button>
              <button type="button" className="button button-danger" disabled={busy} aria-busy={busy} onClick={() => void restore(view.summary)}>
                {busy ? t('history.restoring') : t('history.restoreYes')}
              </button>
            </>
          ) : (
            <>
              {view.kind !== 'list' && (
                <>
                  <button type="button" className="button" onClick={() => setView({ kind: 'list' })}>
                    {t('history.back')}
                  </button>
                  <button type="button" className="button" onClick={() => setView({ kind: 'confirm', summary: view.summary })}>
                    {t('history.restore')}
                  </button>
                </>
              )}
              <button type="button" className="button button-primary" onClick={onClose}>
                {t('history.close')}
              </button>
            </>
          )}
        </div>
      </div>
    </Modal>
  )
}

/** A kept version as the site would show it, read-only, like the preview. */
function VersionArticle({ draftId, version }: { draftId: string; version: HistoryVersion }) {
  const { t } = useTranslation()
  const [assetUrlBase, setAssetUrlBase] = useState<string | null>(null)
  const [css, setCss] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    newsroom()
      .app.info({})
      .then((info) => live && setAssetUrlBase(info.assetUrlBase))
      .catch(() => live && setAssetUrlBase(''))
    newsroom()
      .preview.styles({})
      .then((styles) => live && setCss(styles.css))
      .catch(() => live && setCss(''))
    return () => {
      live = false
    }
  }, [])
  const markup = useMemo(() => {
    if (assetUrlBase === null) return null
    const { title, column, body, metadata } = version.content
    return previewMarkup({ body, metadata: { ...metadata, title, column } }, { draftId, assetUrlBase, creditPlaceholder: t('preview.creditPlaceholder') })
  }, [assetUrlBase, version, draftId, t])
  if (markup === null || css === null) return <p>{t('history.loading')}</p>
  return <ArticlePreview markup={markup} css={css} label={t('history.article')} />
}
