import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppErrorCode } from '@shared/errors'
import type { ResponseOf } from '@shared/ipc/contract'
import type { Draft } from '@shared/model/draft'
import type { RequirableMetadataField } from '@shared/settings'
import type { OutboxJob, PublishErrorInfo, PublishOptions, PublishProgress, PublishResult, PublishTarget } from '@shared/model/publish'
import type { WorkflowState } from '@shared/model/workflow'
import { Modal } from '../components/Modal'
import { SignerFields } from '../workflow/SignerFields'
import { errorCodeOf, errorDetailOf } from '../drafts/errorText'
import { missingRequired } from '../metadata/metadataForm'
import { newsroom } from '../newsroom'
import { newPublishJobId } from './articleText'
import { ConflictView } from './ConflictView'
import { LivePageReportView } from './LivePageReportView'
import { publishErrorText, publishKindText, publishStepText } from './publishText'
import { PublishedAddress } from './PublishedAddress'

type Status = NonNullable<PublishOptions['status']>
const STATUSES: readonly Status[] = ['publish', 'pending', 'draft']

type Props = {
  draftId: string
  /** settings.userName; empty when nobody on this computer has set a name. */
  defaultName: string
  /** Publishing now would be recorded as without approval (the office turned the gate off). */
  withoutApproval: boolean
  /**
   * 再次发布 of a draft already 已发布: the signed content goes out again, no new sign-off. The target is
   * preselected.
   */
  resend?: { targetId: string } | undefined
  /** Writes pending edits; false when the save failed (then nothing is published). */
  flush(): Promise<boolean>
  /** The revision the editor shows: the sign-off is refused when the draft on disk moved on. */
  revision(): number
  /** The publish sign-off was recorded: the editor and the workflow bar take over status and revision. */
  onAdopt(draft: Draft, state: WorkflowState): void
  /** Something reached a site (the records panel reloads). */
  onPublished(): void
  onOpenOutbox?(): void
  onClose(): void
  /** Where focus goes on closing once 发布 is gone (published): the workflow's next control. */
  focusAfter?: () => HTMLElement | null
}

type RunOutcome = ResponseOf<'publish:run'>
type Phase =
  | { kind: 'form' }
  | { kind: 'running'; jobId: string; progress: PublishProgress[]; cancelling: boolean }
  | { kind: 'published'; jobId: string; result: PublishResult; signOffError: AppErrorCode | null; progress: PublishProgress[] }
  | { kind: 'failed'; error: PublishErrorInfo; queued: OutboxJob | null }

type Targets = ResponseOf<'publish:targets'>

/**
 * 发布: pick the site, sign, watch the steps, see the live address. Failures say what to do: submit as pending
 * after a 403, compare and overwrite after an edit on the site, wait for the outbox when the site is away.
 */
export function PublishDialog(props: Props) {
  const { draftId, defaultName, withoutApproval, resend, flush, revision, onAdopt, onPublished, onOpenOutbox, onClose } = props
  const { t } = useTranslation()
  const ids = useId()
  const [targets, setTargets] = useState<Targets | null>(null)
  const [targetId, setTargetId] = useState<string>(resend?.targetId ?? '')
  const [status, setStatus] = useState<Status>('publish')
  const [name, setName] = useState(defaultName)
  const [comment, setComment] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [problemDetail, setProblemDetail] = useState<string | undefined>(undefined)
  const [phase, setPhase] = useState<Phase>({ kind: 'form' })
  const live = useRef(true)
  const stopListening = useRef<() => void>(() => undefined)
  /** Required 稿件信息 still empty: published anyway if the person wants, but never without saying so. */
  const [missing, setMissing] = useState<RequirableMetadataField[]>([])

  useEffect(() => {
    live.current = true
    newsroom()
      .publish.targets({})
      .then(
        (view) => {
          if (!live.current) return
          setTargets(view)
          const chosen = view.targets.find((target) => target.id === (resend?.targetId ?? view.defaultTargetId)) ?? view.targets[0]
          if (chosen) {
            setTargetId(chosen.id)
            setStatus(defaultStatusOf(chosen))
          }
        },
        (error: unknown) => live.current && setProblem(t('publish.targetsFailed', { reason: t(`errors.${errorCodeOf(error)}`) }))
      )
    void flush()
      .then(() => Promise.all([newsroom().drafts.open({ id: draftId }), newsroom().settings.get({})]))
      .then(([draft, settings]) => live.current && setMissing(missingRequired({ ...draft.metadata, column: draft.column }, settings.requiredMetadata)))
      // Only a warning: without it the dialog works as before, and a failed save is reported when publishing.
      .catch(() => undefined)
    return () => {
      live.current = false
      stopListening.current()
    }
    // Loaded once per dialog; resend and t do not change while it is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const target = targets?.targets.find((candidate) => candidate.id === targetId) ?? null
  const missingSecret = target !== null && targets !== null && !targets.withSecret.includes(target.id)
  const warn = resend === undefined && withoutApproval

  async function run(extra: Pick<PublishOptions, 'status' | 'overwriteRemoteEdits'> = {}) {
    if (target === null) return
    if (resend === undefined && name.trim() === '') {
      setProblem(t('workflow.nameRequired'))
      return
    }
    setProblem(null)
    setProblemDetail(undefined)
    if (!(await flush())) {
      setProblem(t('workflow.saveFirst'))
      setPhase({ kind: 'form' })
      return
    }
    const jobId = newPublishJobId()
    setPhase({ kind: 'running', jobId, progress: [], cancelling: false })
    // Listens until the next run or the dialog closes: a step's event may arrive after the answer.
    stopListening.current()
    stopListening.current = newsroom().on('publish:progress', (progress) => {
      if (progress.jobId !== jobId || !live.current) return
      setPhase((current) =>
        (current.kind === 'running' || current.kind === 'published') && current.jobId === jobId ? { ...current, progress: withStep(current.progress, progress) } : current
      )
    })
    const wanted = extra.status ?? (target.kind === 'local' ? undefined : status)
    let outcome: RunOutcome
    try {
      outcome = await newsroom().publish.run({
        jobId,
        draftId,
        targetId: target.id,
        options: { ...(wanted ? { status: wanted } : {}), ...(extra.overwriteRemoteEdits ? { overwriteRemoteEdits: true } : {}) },
        ...(resend === undefined ? { signOff: { name: name.trim(), ...(comment.trim() ? { comment: comment.trim() } : {}), revision: revision() } } : {})
      })
    } catch (error) {
      // Refused before anything was sent: approval missing, the draft changed, no signer.
      if (live.current) {
        setProblem(t('workflow.failed', { action: t('workflow.actions.publish'), reason: t(`errors.${errorCodeOf(error)}`) }))
        setProblemDetail(errorDetailOf(error))
        setPhase({ kind: 'form' })
      }
      return
    }
    if (outcome.outcome === 'published') {
      if (outcome.workflow) onAdopt(outcome.workflow.draft, outcome.workflow.state)
      onPublished()
      void newsroom()
        .app.notify({
          title: t(outcome.result.status === 'pending' ? 'publish.notify.pendingTitle' : 'publish.notify.title'),
          body: t('publish.notify.body', { target: target.name, url: outcome.result.remoteUrl })
        })
        .catch(() => undefined)
      if (live.current) {
        setPhase((current) => ({
          kind: 'published',
          jobId,
          result: outcome.result,
          signOffError: outcome.signOffError,
          progress: current.kind === 'running' && current.jobId === jobId ? current.progress : []
        }))
      }
    } else if (live.current) {
      setPhase({ kind: 'failed', error: outcome.error, queued: outcome.queued })
    }
  }

  function cancel() {
    if (phase.kind !== 'running') return
    setPhase({ ...phase, cancelling: true })
    void newsroom().publish.cancel({ jobId: phase.jobId }).catch(() => undefined)
  }

  const title = resend ? t('publish.titleAgain') : t('publish.title')
  return (
    <Modal
      labelledBy={`${ids}-title`}
      describedBy={`${ids}-intro`}
      role={warn && phase.kind === 'form' ? 'alertdialog' : 'dialog'}
      className="modal-wide publish-dialog"
      focusAfter={props.focusAfter}
      status={phase.kind === 'published' ? t(`publish.done.${phase.result.status}`, { target: target?.name ?? '' }) : undefined}
      // While it runs the dialog stays: the answer carries the new status the editor must take over.
      onClose={() => phase.kind !== 'running' && onClose()}
    >
      <div className="modal-body">
        <h2 id={`${ids}-title`} className="modal-title">
          {title}
        </h2>
        {phase.kind === 'form' && (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault()
              void run()
            }}
          >
            <p id={`${ids}-intro`}>{resend ? t('publish.introAgain') : t('publish.intro')}</p>
            {warn && <p className="banner banner-warning workflow-publish-warning">{t('workflow.publishWarning')}</p>}
            {missing.length > 0 && (
              <p className="banner banner-warning publish-missing-metadata">
                {t('publish.missingMetadata', { count: missing.length, fields: missing.map((field) => t(`metadata.fields.${field}`)).join(t('publish.listSeparator')) })}
              </p>
            )}
            <div className="field">
              <label className="field-label" htmlFor={`${ids}-target`}>
                {t('publish.target')}
              </label>
              <select
                id={`${ids}-target`}
                value={targetId}
                disabled={targets === null}
                aria-describedby={missingSecret ? `${ids}-secret` : undefined}
                onChange={(event) => {
                  setTargetId(event.target.value)
                  const next = targets?.targets.find((candidate) => candidate.id === event.target.value)
                  if (next) setStatus(defaultStatusOf(next))
                }}
              >
                {targets?.targets.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {t('publish.targetOption', { name: candidate.name, kind: publishKindText(t, candidate.kind) })}
                  </option>
                ))}
              </select>
              {targets !== null && targets.targets.length === 0 && <span className="field-error">{t('publish.noTargets')}</span>}
              {missingSecret && (
                <span id={`${ids}-secret`} className="field-error" role="alert">
                  {t('publish.missingSecret')}
                </span>
              )}
            </div>
            {target !== null && target.kind !== 'local' && (
              <div className="field">
                <label className="field-label" htmlFor={`${ids}-status`}>
                  {t('publish.status')}
                </label>
                <select id={`${ids}-status`} value={status} onChange={(event) => setStatus(event.target.value as Status)}>
                  {STATUSES.map((value) => (
                    <option key={value} value={value}>
                      {t(`publish.statuses.${value}`)}
                    </option>
                  ))}
                </select>
              </div>
            )}
            {resend === undefined && (
              <SignerFields defaultName={defaultName} name={name} onName={setName} text={comment} onText={setComment} rows={2} />
            )}
            {problem !== null && (
              <p role="alert" className="field-error" title={problemDetail}>
                {problem}
              </p>
            )}
            <div className="modal-actions">
              <button type="button" className="button" onClick={onClose}>
                {t('workflow.cancel')}
              </button>
              <button type="submit" className={`button ${warn ? 'button-danger' : 'button-primary'}`} disabled={target === null || missingSecret}>
                {warn ? t('workflow.publishWithoutApproval') : resend ? t('publish.again') : t('workflow.actions.publish')}
              </button>
            </div>
          </form>
        )}
        {phase.kind === 'running' && (
          <>
            <p id={`${ids}-intro`}>{t('publish.running', { target: target?.name ?? '' })}</p>
            <StepList progress={phase.progress} />
            <div className="modal-actions">
              <button type="button" className="button" disabled={phase.cancelling} onClick={cancel}>
                {phase.cancelling ? t('publish.cancelling') : t('publish.cancel')}
              </button>
            </div>
          </>
        )}
        {phase.kind === 'published' && (
          <>
            <p id={`${ids}-intro`} className="publish-done">
              {t(`publish.done.${phase.result.status}`, { target: target?.name ?? '' })}
            </p>
            <StepList progress={phase.progress} />
            <p className="publish-url">
              <span className="field-label">{t('publish.liveUrl')}</span>{' '}
              <PublishedAddress
                url={phase.result.remoteUrl}
                siteName={target?.name ?? ''}
                onOpen={() => void newsroom().publish.openLive({ draftId, targetId: phase.result.targetId }).catch(() => undefined)}
              />
            </p>
            {phase.result.imagesUploaded + phase.result.imagesReused > 0 && (
              <p>{t('publish.images', { uploaded: phase.result.imagesUploaded, reused: phase.result.imagesReused })}</p>
            )}
            {phase.signOffError !== null && (
              <p role="alert" className="banner banner-warning">
                {t('publish.signOffFailed', { reason: t(`errors.${phase.signOffError}`) })}
              </p>
            )}
            {phase.result.verification && <LivePageReportView report={phase.result.verification} draftId={draftId} targetId={phase.result.targetId} />}
            <div className="modal-actions">
              <button
                type="button"
                className="button"
                onClick={() => void newsroom().publish.openLive({ draftId, targetId: phase.result.targetId }).catch(() => undefined)}
              >
                {t('publish.openLive')}
              </button>
              <button type="button" className="button button-primary" onClick={onClose}>
                {t('workflow.close')}
              </button>
            </div>
          </>
        )}
        {phase.kind === 'failed' && (
          <FailedView
            introId={`${ids}-intro`}
            error={phase.error}
            queued={phase.queued}
            onSubmitPending={() => void run({ status: 'pending' })}
            onOverwrite={() => void run({ status, overwriteRemoteEdits: true })}
            onOpenOutbox={
              onOpenOutbox &&
              (() => {
                onClose()
                onOpenOutbox()
              })
            }
            onBack={() => setPhase({ kind: 'form' })}
            onClose={onClose}
          />
        )}
      </div>
    </Modal>
  )
}

function FailedView({
  introId,
  error,
  queued,
  onSubmitPending,
  onOverwrite,
  onOpenOutbox,
  onBack,
  onClose
}: {
  introId: string
  error: PublishErrorInfo
  queued: OutboxJob | null
  onSubmitPending(): void
  onOverwrite(): void
  onOpenOutbox: (() => void) | undefined
  onBack(): void
  onClose(): void
}) {
  const { t } = useTranslation()
  if (error.kind === 'conflict' && error.conflict) {
    return (
      <>
        <p id={introId} role="alert" className="banner banner-warning" title={error.message}>
          {publishErrorText(t, error)}
        </p>
        <ConflictView conflict={error.conflict} />
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('workflow.cancel')}
          </button>
          <button type="button" className="button button-danger" onClick={onOverwrite}>
            {t('publish.overwrite')}
          </button>
        </div>
      </>
    )
  }
  return (
    <>
      <p id={introId} role="alert" className="banner banner-error" title={error.message}>
        {publishErrorText(t, error)}
      </p>
      {queued && <p className="publish-queued">{t('publish.queued')}</p>}
      <div className="modal-actions">
        {queued && onOpenOutbox && (
          <button type="button" className="button" onClick={onOpenOutbox}>
            {t('publish.openOutbox')}
          </button>
        )}
        {error.canSubmitPending && (
          <button type="button" className="button button-primary" onClick={onSubmitPending}>
            {t('publish.submitPending')}
          </button>
        )}
        {!queued && (
          <button type="button" className="button" onClick={onBack}>
            {t('publish.back')}
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          {t('workflow.close')}
        </button>
      </div>
    </>
  )
}

function StepList({ progress }: { progress: readonly PublishProgress[] }) {
  const { t } = useTranslation()
  return (
    <ol className="publish-steps" aria-live="polite" aria-label={t('publish.progress')}>
      {progress.length === 0 && <li>{t('publish.starting')}</li>}
      {progress.filter(shown).map((step) => (
        <li key={step.step}>{publishStepText(t, step)}</li>
      ))}
    </ol>
  )
}

/** "上传图片 0/0" says nothing to a person. */
const shown = (step: PublishProgress) => !(step.step === 'upload-images' && step.total === 0)

function defaultStatusOf(target: PublishTarget): Status {
  return target.kind === 'wordpress' ? target.defaultStatus : 'publish'
}

/** One line per step: upload-images 3/12 replaces upload-images 2/12. */
function withStep(list: readonly PublishProgress[], next: PublishProgress): PublishProgress[] {
  const at = list.findIndex((step) => step.step === next.step)
  if (at === -1) return [...list, next]
  return list.map((step, index) => (index === at ? next : step))
}
