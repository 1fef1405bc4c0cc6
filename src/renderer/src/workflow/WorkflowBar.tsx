import { useEffect, useEffectEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Draft, DraftStatus } from '@shared/model/draft'
import type { ChainProgress, Waiver, WorkflowAction, WorkflowState } from '@shared/model/workflow'
import { errorCodeOf, errorDetailOf } from '../drafts/errorText'
import { newsroom } from '../newsroom'
import { HistoryDialog } from '../history/HistoryDialog'
import { ExportPackageButton } from '../packages/ExportPackageButton'
import { openOutbox } from '../publish/outboxSignal'
import { PublishDialog } from '../publish/PublishDialog'
import { PublishedPanel } from '../publish/PublishedPanel'
import { HandPublishPanel } from '../publish/handPublish/HandPublishPanel'
import { AuditLogDialog } from './AuditLogDialog'
import { ChangesDialog } from './ChangesDialog'
import { SignOffDialog } from './SignOffDialog'
import { shortTime } from './timeText'
import { useChain } from './ChainContext'
import { useAnnounce } from '../a11y/announce'
import { changedSinceApproval } from './changedSinceApproval'
import { offeredSigner, statusClass, statusText } from './chainText'
import './chain.css'

type Props = {
  draftId: string
  /** settings.userName: who signs on this computer ('' = ask in the dialog). */
  userName: string
  /** settings.requireApproval: when the office turns the gate on or off, the allowed steps change. */
  requireApproval: boolean
  /** settings.lastSigners: who last signed each step on this desk, offered first when 稿件信息 names nobody. */
  lastSigners: Record<string, string>
  /** A step was signed: remember the signer for that step. */
  onSigned(stepId: string, name: string): void
  /** Writes pending edits; false when the save failed (then nothing is signed). */
  flush(): Promise<boolean>
  /** The revision on disk that the editor shows, sent with a step so main refuses to sign newer text. */
  revision(): number
  /** A step changed the draft (status, revision, the proofreader/reviewer names): the editor takes it over. */
  onAdopt(draft: Draft): void
  /** An earlier version was restored: the editor reloads with this draft. */
  onRestored(draft: Draft): void
  onStatus(status: DraftStatus): void
}

type Dialog =
  | { kind: 'step'; action: WorkflowAction; stepId: string; stepName: string; defaultName: string }
  | { kind: 'publish'; resend?: { targetId: string } }
  | { kind: 'changes' }
  | { kind: 'audit' }
  | { kind: 'history' }

type Message =
  | { kind: 'invalidated'; status: DraftStatus }
  | { kind: 'error'; text: string; detail?: string }
  | { kind: 'saved'; text: string; path: string }

/** Buttons in the order the work goes; 退回 last, apart from the rest. */
const BUTTON_ORDER: readonly WorkflowAction[] = ['submit', 'sign', 'publish', 'return']

/** 审签: the draft's status, the proofread/review chain, the next steps, and the record behind them. */
export function WorkflowBar({ draftId, userName, requireApproval, lastSigners, onSigned, flush, revision, onAdopt, onRestored, onStatus }: Props) {
  const { t } = useTranslation()
  const chain = useChain()
  const announce = useAnnounce()
  const [state, setState] = useState<WorkflowState | null>(null)
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [message, setMessage] = useState<Message | null>(null)
  const [exportingPdf, setExportingPdf] = useState(false)
  const [publishes, setPublishes] = useState(0)
  const bar = useRef<HTMLElement>(null)

  function loaded(next: WorkflowState) {
    setState(next)
    onStatus(next.status)
  }
  function loadFailed(error: unknown) {
    setMessage({ kind: 'error', text: t('workflow.loadFailed', { reason: t(`errors.${errorCodeOf(error)}`) }), detail: errorDetailOf(error) })
  }
  const reload = () => newsroom().workflow.get({ draftId }).then(loaded, loadFailed)
  const onLoaded = useEffectEvent(loaded)
  const onLoadFailed = useEffectEvent(loadFailed)
  // A step this window did not take (a queued publish that got through recorded its sign-off): the editor
  // takes over the new revision, or its next sign-off would be refused as made on an older one.
  const onForeignStep = useEffectEvent((changedRevision: number) => {
    if (changedRevision === revision()) return
    newsroom()
      .drafts.open({ id: draftId })
      .then((draft) => draft.revision === changedRevision && onAdopt(draft))
      .catch(() => undefined)
  })

  useEffect(() => {
    let live = true
    const refresh = () =>
      newsroom()
        .workflow.get({ draftId })
        .then(
          (next) => live && onLoaded(next),
          (error: unknown) => live && onLoadFailed(error)
        )
    void refresh()
    const off = newsroom().on('workflow:changed', (change) => {
      if (change.draftId !== draftId) return
      if (change.cause === 'edit') setMessage({ kind: 'invalidated', status: change.status })
      if (change.cause === 'step') onForeignStep(change.revision)
      void refresh()
    })
    return () => {
      live = false
      off()
    }
  }, [draftId, requireApproval, chain])

  async function step(dialogStep: Extract<Dialog, { kind: 'step' }>, name: string, text: string, pin: string | undefined, waivers: Waiver[]): Promise<string | null> {
    const { action, stepId, stepName } = dialogStep
    const actionWord = action === 'sign' ? t('chain.sign', { step: stepName }) : t(`workflow.actions.${action}`)
    if (!(await flush())) return t('workflow.saveFirst')
    const base = { draftId, name, revision: revision() }
    const comment = text ? { comment: text } : {}
    const waived = waivers.length > 0 ? { waivers } : {}
    try {
      const api = newsroom().workflow
      const result =
        action === 'return'
          ? await api.return({ ...base, reason: text })
          : action === 'sign'
            ? await api.sign({ ...base, ...comment, ...waived, stepId, ...(pin !== undefined ? { pin } : {}) })
            : action === 'submit'
              ? await api.submit({ ...base, ...comment, ...waived })
              : await api.publish({ ...base, ...comment })
      if (action === 'sign') onSigned(stepId, name)
      onAdopt(result.draft)
      setState(result.state)
      onStatus(result.state.status)
      setMessage(null)
      setDialog(null)
      announce(t('a11y.statusNow', { status: statusText(result.state.status, chain, t) }))
      return null
    } catch (error) {
      const code = errorCodeOf(error)
      if (code === 'workflow-conflict' || code === 'approval-required') void reload()
      // A wrong or missing PIN is said as such; the dialog stays open for another try.
      if (code === 'pin-wrong' || code === 'pin-required') return t(`errors.${code}`)
      return t('workflow.failed', { action: actionWord, reason: t(`errors.${code}`) })
    }
  }

  async function exportPdf() {
    setExportingPdf(true)
    setMessage(null)
    try {
      await flush()
      const result = await newsroom().approval.exportPdf({ draftId })
      if ('path' in result) setMessage({ kind: 'saved', text: t('workflow.pdfSaved', { path: result.path }), path: result.path })
    } catch (error) {
      setMessage({ kind: 'error', text: t('workflow.failed', { action: t('workflow.exportPdf'), reason: t(`errors.${errorCodeOf(error)}`) }), detail: errorDetailOf(error) })
    } finally {
      setExportingPdf(false)
    }
  }

  function reveal(path: string) {
    newsroom()
      .app.showInFolder({ path })
      .catch((error: unknown) => setMessage({ kind: 'error', text: t(`errors.${errorCodeOf(error)}`), detail: errorDetailOf(error) }))
  }

  async function openStep(action: WorkflowAction) {
    const step = action === 'submit' ? chain.steps[0] : state?.nextStep
    const stepId = action === 'submit' ? 'submit' : (step?.id ?? '')
    const signing = action === 'sign' ? (step ?? null) : null
    // The step's person is read from the draft on disk (the bar does not hold the editor's metadata).
    const draft = signing?.creditField
      ? await newsroom()
          .drafts.open({ id: draftId })
          .catch(() => null)
      : null
    const defaultName = offeredSigner(signing, draft?.metadata ?? null, action === 'sign' ? lastSigners : {}, userName)
    setDialog({ kind: 'step', action, stepId, stepName: step?.name ?? '', defaultName })
  }

  // A dialog whose opener is gone once it is done (the step just signed, the bar remade by a restore) hands
  // focus to the next step.
  const nextControl = () => (bar.current ?? document).querySelector<HTMLElement>('.workflow-bar .workflow-steps button, .workflow-bar .workflow-tools button')

  const allowed = new Set(state?.allowedActions ?? [])
  const buttons = BUTTON_ORDER.filter((action) => allowed.has(action))
  const lastReturn = state?.status === 'returned' ? state.signOffs.findLast((signOff) => signOff.action === 'return') : undefined
  const lastPublish = state?.status === 'published' ? state.signOffs.findLast((signOff) => signOff.action === 'publish' && signOff.valid) : undefined
  const changed = changedSinceApproval(state)
  const unverified = state?.progress.find((entry) => entry.signOff?.verification === 'unverified' && !entry.counts)

  return (
    <section ref={bar} className="workflow-bar" aria-label={t('workflow.region')}>
      <div className="workflow-row">
        <span className="workflow-status-label">{t('workflow.statusLabel')}</span>
        {state && <span className={`status-chip workflow-status ${statusClass(state.status)}`}>{statusText(state.status, chain, t)}</span>}
        {state && (
          <span className="workflow-chain">
            {state.progress.map((entry, i) => (
              <span key={entry.step.id}>
                {i > 0 && <span aria-hidden="true"> / </span>}
                <ChainLink entry={entry} />
              </span>
            ))}
          </span>
        )}
        <span className="workflow-steps">
          {buttons.map((action) => (
            <button
              key={action}
              type="button"
              className={`button button-small ${action === 'return' ? 'button-danger' : 'button-primary'}`}
              onClick={() => (action === 'publish' ? setDialog({ kind: 'publish' }) : void openStep(action))}
            >
              {action === 'sign'
                ? t('chain.sign', { step: state?.nextStep?.name ?? '' })
                : action === 'submit'
                  ? t('chain.submit', { step: chain.steps[0]?.name ?? '' })
                  : t(`workflow.actions.${action}`)}
            </button>
          ))}
        </span>
      </div>
      <div className="workflow-row workflow-tools">
        {changed && (
          <button type="button" className="button button-small button-quiet" onClick={() => setDialog({ kind: 'changes' })}>
            {t('workflow.viewChanges')}
          </button>
        )}
        <button type="button" className="button button-small button-quiet" onClick={() => setDialog({ kind: 'audit' })}>
          {t('workflow.auditLog')}
        </button>
        <button type="button" className="button button-small button-quiet" onClick={() => setDialog({ kind: 'history' })}>
          {t('workflow.history')}
        </button>
        <button type="button" className="button button-small button-quiet" disabled={exportingPdf} aria-busy={exportingPdf} onClick={() => void exportPdf()}>
          {exportingPdf ? t('workflow.exportingPdf') : t('workflow.exportPdf')}
        </button>
        <ExportPackageButton
          draftId={draftId}
          flush={flush}
          onDone={(text, path) => setMessage({ kind: 'saved', text, path })}
          onFailed={(text, detail) => setMessage({ kind: 'error', text, detail })}
        />
      </div>
      {lastReturn && (
        <p className="workflow-note workflow-returned">
          {t('workflow.returnedBecause', { reason: lastReturn.comment, name: lastReturn.name, time: shortTime(lastReturn.at) })}
        </p>
      )}
      {unverified && <p className="workflow-note workflow-verification-unverified">{t('chain.unverifiedNote', { step: unverified.step.name })}</p>}
      {lastPublish?.withoutApproval && (
        <p className="workflow-note workflow-unapproved">{t('workflow.publishedWithoutApproval', { name: lastPublish.name, time: shortTime(lastPublish.at) })}</p>
      )}
      <PublishedPanel
        draftId={draftId}
        refreshKey={`${String(publishes)}:${String(state?.revision ?? 0)}`}
        canResend={state?.status === 'published'}
        onResend={(targetId) => setDialog({ kind: 'publish', resend: { targetId } })}
      />
      <HandPublishPanel
        draftId={draftId}
        refreshKey={`${String(publishes)}:${String(state?.revision ?? 0)}`}
        published={state?.status === 'published'}
        canPublish={allowed.has('publish')}
        defaultSigner={userName}
        flush={flush}
        onPublished={() => setPublishes((count) => count + 1)}
      />
      {message && (
        <WorkflowMessage
          message={message}
          onViewChanges={() => setDialog({ kind: 'changes' })}
          onReveal={reveal}
          onDismiss={() => setMessage(null)}
        />
      )}
      {dialog?.kind === 'step' && (
        <SignOffDialog
          action={dialog.action}
          stepName={dialog.stepName}
          defaultName={dialog.defaultName}
          withoutApproval={state?.publishWithoutApproval ?? false}
          onConfirm={(name, text, pin, waivers) => step(dialog, name, text, pin, waivers)}
          onClose={() => setDialog(null)}
          focusAfter={nextControl}
        />
      )}
      {dialog?.kind === 'publish' && (
        <PublishDialog
          draftId={draftId}
          defaultName={userName}
          withoutApproval={state?.publishWithoutApproval ?? false}
          resend={dialog.resend}
          flush={flush}
          revision={revision}
          onAdopt={(draft, next) => {
            announce(t('a11y.statusNow', { status: statusText(next.status, chain, t) }))
            onAdopt(draft)
            setState(next)
            onStatus(next.status)
            setMessage(null)
          }}
          onPublished={() => setPublishes((count) => count + 1)}
          onOpenOutbox={openOutbox}
          onClose={() => setDialog(null)}
          focusAfter={nextControl}
        />
      )}
      {dialog?.kind === 'changes' && <ChangesDialog draftId={draftId} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'audit' && <AuditLogDialog draftId={draftId} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'history' && (
        <HistoryDialog
          draftId={draftId}
          flush={flush}
          onRestored={(draft) => {
            setDialog(null)
            onRestored(draft)
          }}
          onClose={() => setDialog(null)}
          focusAfter={nextControl}
        />
      )}
    </section>
  )
}

function ChainLink({ entry }: { entry: ChainProgress }) {
  const { t } = useTranslation()
  const { step, signOff } = entry
  const verification = signOff && signOff.verification !== 'typed' ? signOff.verification : null
  return (
    <span
      className={`workflow-link ${signOff && entry.counts ? 'workflow-link-signed' : 'workflow-link-pending'}`}
      title={[signOff?.comment, signOff?.fingerprint ? t('chain.fingerprint', { fingerprint: signOff.fingerprint }) : ''].filter(Boolean).join('\n') || undefined}
    >
      {step.name}{' '}
      {signOff ? t('chain.signed', { name: signOff.name, time: shortTime(signOff.at) }) : t('chain.pending')}
      {verification && <span className={`workflow-verification workflow-verification-${verification}`}>{t(`chain.verification.${verification}`)}</span>}
    </span>
  )
}

function WorkflowMessage({
  message,
  onViewChanges,
  onReveal,
  onDismiss
}: {
  message: Message
  onViewChanges(): void
  onReveal(path: string): void
  onDismiss(): void
}) {
  const { t } = useTranslation()
  const chain = useChain()
  switch (message.kind) {
    case 'invalidated':
      return (
        <div role="alert" className="banner banner-warning workflow-message">
          <p className="banner-message">{t('workflow.invalidated', { status: statusText(message.status, chain, t) })}</p>
          <div className="banner-actions">
            <button type="button" className="button button-small" onClick={onViewChanges}>
              {t('workflow.viewChanges')}
            </button>
            <button type="button" className="button button-small button-quiet" onClick={onDismiss}>
              {t('app.dismiss')}
            </button>
          </div>
        </div>
      )
    case 'error':
      return (
        <div role="alert" className="banner banner-error workflow-message">
          <p className="banner-message" title={message.detail}>
            {message.text}
          </p>
          <button type="button" className="button button-small" onClick={onDismiss}>
            {t('app.dismiss')}
          </button>
        </div>
      )
    case 'saved':
      return (
        <div aria-live="polite" className="banner workflow-message workflow-saved">
          <p className="banner-message">{message.text}</p>
          <div className="banner-actions">
            <button type="button" className="button button-small" onClick={() => onReveal(message.path)}>
              {t('workflow.showInFolder')}
            </button>
            <button type="button" className="button button-small button-quiet" onClick={onDismiss}>
              {t('app.dismiss')}
            </button>
          </div>
        </div>
      )
  }
}
