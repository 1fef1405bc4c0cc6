import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { HandCopyViewSchema } from '@shared/ipc/channels/handPublish'
import type { LivePageReport, ManualTarget } from '@shared/model/publish'
import { errorCodeOf } from '../../drafts/errorText'
import { newsroom } from '../../newsroom'
import { LivePageReportView } from '../LivePageReportView'

type HandCopyView = z.infer<typeof HandCopyViewSchema>

type Props = {
  draftId: string
  /** Changes when the draft or its workflow changed: the copy is prepared again. */
  refreshKey: string
  /** 已发布 already: the address can be recorded again without a new sign-off. */
  published: boolean
  /** The workflow lets this draft be published now (先审后发 is checked again in main). */
  canPublish: boolean
  defaultSigner: string
  /** Saves what is typed, so what is copied is the stored article. */
  flush(): Promise<boolean>
  onPublished(): void
}

/** Both forms at once: back-end editors take the HTML, plain-text boxes the text. */
async function copyToClipboard(text: string, html?: string): Promise<void> {
  if (html !== undefined && typeof ClipboardItem !== 'undefined') {
    await navigator.clipboard.write([new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([text], { type: 'text/plain' }) })])
    return
  }
  await navigator.clipboard.writeText(text)
}

/**
 * 手动发布 beside the approved article, for a school back end without an API: each field with 复制 and a tick once
 * copied, the body ready for UEditor/KindEditor/CKEditor, the photos exported, then 粘贴发布后的网址.
 */
export function HandPublishPanel({ draftId, refreshKey, published, canPublish, defaultSigner, flush, onPublished }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const [targets, setTargets] = useState<ManualTarget[]>([])
  const [targetId, setTargetId] = useState<string | null>(null)
  const [view, setView] = useState<HandCopyView | null>(null)
  const [copied, setCopied] = useState<Set<string>>(new Set())
  const [address, setAddress] = useState('')
  const [signer, setSigner] = useState(defaultSigner)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [report, setReport] = useState<LivePageReport | null>(null)

  useEffect(() => {
    let live = true
    newsroom()
      .publish.targets({})
      .then((list) => {
        if (!live) return
        const manual = list.targets.filter((target): target is ManualTarget => target.kind === 'manual')
        setTargets(manual)
        setTargetId((current) => current ?? manual[0]?.id ?? null)
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [refreshKey])

  useEffect(() => {
    if (targetId === null) return
    let live = true
    newsroom()
      .handPublish.copy({ draftId, targetId })
      .then((next) => {
        if (!live) return
        setView(next)
        setCopied(new Set())
        if (next.lastAddress !== null) setAddress(next.lastAddress)
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [draftId, targetId, refreshKey])

  if (targets.length === 0 || targetId === null || view === null) return null
  const target = targets.find((candidate) => candidate.id === targetId)
  const failed = (error: unknown) => setNote({ kind: 'error', text: t('handPublish.failed', { reason: t(`errors.${errorCodeOf(error)}`) }) })
  /** Always the stored article as it is now: the copy is prepared again by main at every press. */
  async function copy(key: HandCopyView['copy']['fields'][number]['field'] | 'body') {
    if (targetId === null) return
    try {
      await flush()
      const fresh = await newsroom().handPublish.copy({ draftId, targetId })
      setView(fresh)
      if (key === 'body') await copyToClipboard(fresh.copy.text, fresh.copy.html)
      else await copyToClipboard(fresh.copy.fields.find((f) => f.field === key)?.value ?? '')
      setCopied((done) => new Set(done).add(key))
    } catch (error) {
      failed(error)
    }
  }

  async function exportPhotos() {
    setNote(null)
    try {
      const result = await newsroom().handPublish.exportPhotos({ draftId })
      if (result.folder !== null) setNote({ kind: 'ok', text: result.photos === 0 ? t('handPublish.noPhotos') : t('handPublish.exported', { folder: result.folder }) })
    } catch (error) {
      failed(error)
    }
  }

  async function record() {
    if (targetId === null) return
    setBusy(true)
    setNote(null)
    try {
      await flush()
      // The revision the person sees once what they typed is stored: main refuses the sign-off if it moved on.
      const current = (await newsroom().drafts.open({ id: draftId })).revision
      const signOff = published ? undefined : { name: signer.trim(), revision: current }
      const answer = await newsroom().handPublish.recordAddress({ draftId, targetId, url: address, ...(signOff ? { signOff } : {}) })
      setReport(answer.report)
      onPublished()
    } catch (error) {
      failed(error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="hand-publish" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="published-panel-title">
        {t('handPublish.panelTitle', { target: target?.name ?? '' })}
      </h3>
      {targets.length > 1 && (
        <select aria-label={t('handPublish.kind')} value={targetId} onChange={(event) => setTargetId(event.target.value)}>
          {targets.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </select>
      )}
      <p className="field-hint">{t('handPublish.panelHint')}</p>
      {target !== undefined && target.backEndUrl !== '' && (
        <button type="button" className="button button-small" onClick={() => void newsroom().handPublish.openBackEnd({ targetId }).catch(failed)}>
          {t('handPublish.openBackEnd')}
        </button>
      )}
      {view.changes !== null && (
        <details className="hand-publish-changes" open={view.changes.length > 0}>
          <summary>{view.changes.length === 0 ? t('handPublish.noChanges') : t('handPublish.changesTitle', { count: view.changes.length })}</summary>
          <ul>
            {view.changes.map((change, index) => (
              <li key={`${change.part}-${String(index)}`}>
                <strong>{t(`handPublish.fields.${change.part}`)}</strong>
                {change.before !== '' && <del aria-label={t('handPublish.before')}>{change.before}</del>}
                {change.after !== '' && <ins aria-label={t('handPublish.after')}>{change.after}</ins>}
              </li>
            ))}
          </ul>
        </details>
      )}
      <ul className="hand-publish-fields">
        {view.copy.fields.map(({ field, value }) => (
          <li key={field} className="hand-publish-field">
            <span className="hand-publish-label">{t(`handPublish.fields.${field}`)}</span>
            <span className="hand-publish-value">{value === '' ? t('handPublish.empty') : value}</span>
            <button type="button" className="button button-small" onClick={() => void copy(field)} aria-label={`${t('handPublish.copy')} ${t(`handPublish.fields.${field}`)}`}>
              {copied.has(field) ? `✓ ${t('handPublish.copied')}` : t('handPublish.copy')}
            </button>
          </li>
        ))}
        <li className="hand-publish-field">
          <span className="hand-publish-label">{t('handPublish.fields.body')}</span>
          <span className="hand-publish-value hand-publish-body">{view.copy.text.slice(0, 120)}</span>
          <button type="button" className="button button-small" onClick={() => void copy('body')} aria-label={`${t('handPublish.copy')} ${t('handPublish.fields.body')}`}>
            {copied.has('body') ? `✓ ${t('handPublish.copied')}` : t('handPublish.copy')}
          </button>
        </li>
      </ul>
      <button type="button" className="button button-small" onClick={() => void exportPhotos()}>
        {t('handPublish.exportPhotos')}
      </button>
      <form
        className="hand-publish-address"
        onSubmit={(event) => {
          event.preventDefault()
          void record()
        }}
      >
        <label className="field-label" htmlFor={`${ids}-address`}>
          {t('handPublish.address')}
        </label>
        <input id={`${ids}-address`} type="url" value={address} placeholder={target?.baseUrl ?? 'https://'} aria-describedby={`${ids}-address-hint`} onChange={(event) => setAddress(event.target.value)} />
        <span id={`${ids}-address-hint`} className="field-hint">
          {t('handPublish.addressHint')}
        </span>
        {!published && (
          <>
            <label className="field-label" htmlFor={`${ids}-signer`}>
              {t('handPublish.signer')}
            </label>
            <input id={`${ids}-signer`} value={signer} onChange={(event) => setSigner(event.target.value)} />
          </>
        )}
        <button type="submit" className="button button-primary button-small" disabled={busy || address.trim() === '' || (!published && (!canPublish || signer.trim() === ''))} aria-busy={busy}>
          {t('handPublish.addressSubmit')}
        </button>
      </form>
      {note && (
        <p role={note.kind === 'error' ? 'alert' : 'status'} className={note.kind === 'error' ? 'field-error' : 'field-hint'}>
          {note.text}
        </p>
      )}
      {report && (
        <div className="hand-publish-report">
          <p role="status" className="status-chip">
            {t('handPublish.published')}
          </p>
          <LivePageReportView report={report} draftId={draftId} targetId={targetId} />
        </div>
      )}
    </section>
  )
}
