import { Fragment, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppErrorCode } from '@shared/errors'
import type { ConnectionReport, PublishTarget, PublishTargetId } from '@shared/model/publish'
import { Modal } from '../../components/Modal'
import { errorCodeOf, errorDetailOf } from '../../drafts/errorText'
import { newsroom } from '../../newsroom'
import { publishKindText } from '../publishText'
import { ConnectionReportView } from './ConnectionReportView'
import { TargetForm } from './TargetForm'
import { SecretKeepingChoice } from './SecretKeepingChoice'
import {
  blankDraft,
  checkDraft,
  draftOf,
  keepsStoredSecret,
  secretStorageOf,
  withKind,
  type DraftErrors,
  type DraftField,
  type SecretKeepingChoiceValue,
  type TargetDraft
} from './targetDraft'

type TargetsView = {
  targets: PublishTarget[]
  defaultTargetId: PublishTargetId | null
  withSecret: PublishTargetId[]
  needsPassword: PublishTargetId[]
  sessionOnly: PublishTargetId[]
  secretProtection: 'strong' | 'weak' | 'none'
  setAside: string[]
}

/** `formKept`: a refused save, whose form stays open with everything typed. */
type Status = { kind: 'failed'; code: AppErrorCode; detail: string; formKept: boolean } | { kind: 'done'; text: string }

type Test = { state: 'testing' } | { state: 'done'; report: ConnectionReport } | { state: 'failed'; code: AppErrorCode; detail: string }

/** Inside the settings form: Enter in a target field must not submit (and close) the whole settings dialog. */
function keepEnter(event: KeyboardEvent) {
  if (event.key === 'Enter' && !event.nativeEvent.isComposing && event.target instanceof HTMLInputElement) event.preventDefault()
}

/**
 * 设置 → 发布: where articles go (local folder, WordPress, school CMS), which one is the default, and whether
 * each one answers. Changes are saved by this tab's own buttons, at once, like the directory.
 */
export function PublishTargetsManager() {
  const { t } = useTranslation()
  const ids = useId()
  const [view, setView] = useState<TargetsView | null>(null)
  const [loadError, setLoadError] = useState<{ code: AppErrorCode; detail: string } | null>(null)
  const [columns, setColumns] = useState<string[]>([])
  const [draft, setDraft] = useState<TargetDraft | null>(null)
  const [touched, setTouched] = useState<ReadonlySet<DraftField> | 'all'>(new Set())
  const [makeDefault, setMakeDefault] = useState(false)
  const [busy, setBusy] = useState(false)
  const [status, setStatus] = useState<Status | null>(null)
  const [tests, setTests] = useState<Partial<Record<PublishTargetId, Test>>>({})
  const [confirming, setConfirming] = useState<PublishTarget | null>(null)
  const [keeping, setKeeping] = useState<SecretKeepingChoiceValue>({ keeping: 'session', confirmed: false })
  const container = useRef<HTMLDivElement>(null)
  // Bumped by a refused save: the first field that needs attention gets the focus, so the message is heard.
  const [refusals, setRefusals] = useState(0)
  useEffect(() => {
    if (refusals > 0) container.current?.querySelector<HTMLElement>('.publish-targets-form [aria-invalid="true"]')?.focus()
  }, [refusals])

  useEffect(() => {
    let live = true
    newsroom()
      .publish.targets({})
      .then((loaded) => live && setView(loaded))
      .catch((error: unknown) => live && setLoadError({ code: errorCodeOf(error), detail: errorDetailOf(error) }))
    // The columns only help typing the 栏目 → category rows: without them the field is free text.
    newsroom()
      .directory.get({})
      .then((directory) => live && setColumns(directory.columns.map((column) => column.name)))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [])

  async function run(action: () => Promise<void>, formKept = false) {
    setBusy(true)
    try {
      await action()
    } catch (error) {
      setStatus({ kind: 'failed', code: errorCodeOf(error), detail: errorDetailOf(error), formKept })
    } finally {
      setBusy(false)
    }
  }

  const forget = (id: PublishTargetId) =>
    setTests((current) => {
      const { [id]: _gone, ...rest } = current
      return rest
    })

  if (view === null) {
    return (
      <div className="publish-targets">
        {loadError ? (
          <p className="field-error" role="alert" title={loadError.detail}>
            {t('publishTargets.loadFailed', { reason: t(`errors.${loadError.code}`) })}
          </p>
        ) : (
          <p className="field-hint">{t('publishTargets.loading')}</p>
        )}
      </div>
    )
  }

  const taken = view.targets.map((target) => target.id)
  const hasStoredSecret =
    draft !== null &&
    !draft.isNew &&
    view.withSecret.includes(draft.id) &&
    keepsStoredSecret(
      view.targets.find((target) => target.id === draft.id),
      draft
    )
  const checked = draft === null ? null : checkDraft(draft, hasStoredSecret)
  const shownErrors: DraftErrors = {}
  if (checked !== null && !checked.ok) {
    for (const [field, problem] of Object.entries(checked.errors) as [DraftField, NonNullable<DraftErrors[DraftField]>][]) {
      if (touched === 'all' || touched.has(field)) shownErrors[field] = problem
    }
  }

  const openForm = (next: TargetDraft) => {
    setDraft(next)
    setTouched(new Set())
    setMakeDefault(false)
    setStatus(null)
  }

  const save = () => {
    if (draft === null || checked === null) return
    if (!checked.ok) {
      setTouched('all')
      setRefusals((count) => count + 1)
      return
    }
    const saving = draft
    void run(async () => {
      const next = await newsroom().publish.saveTarget({
        target: checked.target,
        ...(saving.secret === '' ? {} : { secret: saving.secret, secretStorage: secretStorageOf(view.secretProtection, keeping) }),
        ...(saving.folderGrant === null ? {} : { folderGrant: saving.folderGrant }),
        ...(makeDefault ? { makeDefault: true } : {})
      })
      setView(next)
      forget(saving.id)
      setDraft(null)
      setStatus({ kind: 'done', text: t('publishTargets.saved', { name: checked.target.name }) })
    }, true)
  }

  const setDefault = (target: PublishTarget) =>
    void run(async () => {
      setView(await newsroom().publish.saveTarget({ target, makeDefault: true }))
      setStatus({ kind: 'done', text: t('publishTargets.defaultSet', { name: target.name }) })
    })

  const remove = (target: PublishTarget) => {
    setConfirming(null)
    void run(async () => {
      setView(await newsroom().publish.removeTarget({ targetId: target.id }))
      forget(target.id)
      if (draft?.id === target.id) setDraft(null)
      setStatus({ kind: 'done', text: t('publishTargets.removed', { name: target.name }) })
    })
  }

  const test = (target: PublishTarget) => {
    setTests((current) => ({ ...current, [target.id]: { state: 'testing' } }))
    newsroom()
      .publish.testConnection({ targetId: target.id })
      .then(
        (report): Test => ({ state: 'done', report }),
        (error: unknown): Test => ({ state: 'failed', code: errorCodeOf(error), detail: errorDetailOf(error) })
      )
      .then((result) => setTests((current) => (current[target.id] === undefined ? current : { ...current, [target.id]: result })))
      .catch(() => undefined)
  }

  return (
    <div className="publish-targets" ref={container} onKeyDown={keepEnter}>
      <p className="field-hint">{t('publishTargets.immediate')}</p>
      {view.setAside.map((file) => (
        <p key={file} className="field-error" role="alert">
          {t('trustBoundaries.targetsSetAside', { file })}
        </p>
      ))}
      {status && (
        <p className={status.kind === 'failed' ? 'field-error' : 'field-hint'} role={status.kind === 'failed' ? 'alert' : 'status'} title={status.kind === 'failed' ? status.detail : undefined}>
          {status.kind === 'failed' ? t(status.formKept ? 'publishTargets.saveFailed' : 'publishTargets.failed', { reason: t(`errors.${status.code}`) }) : status.text}
        </p>
      )}
      <section aria-labelledby={`${ids}-list`}>
        <h3 id={`${ids}-list`} className="directory-heading">
          {t('publishTargets.listTitle')}
        </h3>
        {view.targets.length === 0 ? (
          <p className="field-hint">{t('publishTargets.empty')}</p>
        ) : (
          <table className="directory-table publish-targets-table">
            <thead>
              <tr>
                <th scope="col">{t('publishTargets.name')}</th>
                <th scope="col">{t('publishTargets.kind')}</th>
                <th scope="col">{t('publishTargets.address')}</th>
                <th scope="col">{t('publishTargets.secret')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {view.targets.map((target) => {
                const isDefault = view.defaultTargetId === target.id
                const testing = tests[target.id]
                return (
                  <Fragment key={target.id}>
                    <tr>
                      <td>
                        {target.name}
                        {isDefault && <span className="publish-targets-default">{t('publishTargets.isDefault')}</span>}
                      </td>
                      <td>{publishKindText(t, target.kind)}</td>
                      <td className="publish-targets-address">{target.kind === 'local' ? target.folder : target.baseUrl}</td>
                      <td>
                        {target.kind === 'local'
                          ? t('publishTargets.secretNotNeeded')
                          : view.needsPassword.includes(target.id)
                            ? t('trust.secretUnreadable')
                            : view.sessionOnly.includes(target.id)
                              ? t('trust.secretSession')
                              : view.withSecret.includes(target.id)
                                ? t('publishTargets.secretStored')
                                : t('publishTargets.secretMissing')}
                      </td>
                      <td>
                        <div className="directory-row-actions">
                          <button
                            type="button"
                            className="link-button"
                            aria-label={t('publishTargets.testNamed', { name: target.name })}
                            disabled={testing?.state === 'testing'}
                            aria-busy={testing?.state === 'testing'}
                            onClick={() => test(target)}
                          >
                            {testing?.state === 'testing' ? t('publishTargets.testing') : t('publishTargets.test')}
                          </button>
                          {!isDefault && (
                            <button type="button" className="link-button" aria-label={t('publishTargets.makeDefaultNamed', { name: target.name })} disabled={busy} onClick={() => setDefault(target)}>
                              {t('publishTargets.makeDefault')}
                            </button>
                          )}
                          <button type="button" className="link-button" aria-label={t('publishTargets.editNamed', { name: target.name })} onClick={() => openForm(draftOf(target))}>
                            {t('publishTargets.edit')}
                          </button>
                          <button
                            type="button"
                            className="link-button link-button-danger"
                            aria-label={t('publishTargets.removeNamed', { name: target.name })}
                            disabled={busy}
                            onClick={() => setConfirming(target)}
                          >
                            {t('publishTargets.remove')}
                          </button>
                        </div>
                      </td>
                    </tr>
                    {testing !== undefined && (
                      <tr className="publish-targets-report-row">
                        <td colSpan={5}>
                          <div role="region" aria-live="polite" aria-label={t('publishTargets.report.title', { name: target.name })}>
                            {testing.state === 'testing' ? (
                              <p className="field-hint">{t('publishTargets.testing')}</p>
                            ) : testing.state === 'done' ? (
                              <ConnectionReportView kind={target.kind} report={testing.report} />
                            ) : (
                              <p className="field-error" role="alert" title={testing.detail}>
                                {t('publishTargets.testFailed', { reason: t(`errors.${testing.code}`) })}
                              </p>
                            )}
                          </div>
                        </td>
                      </tr>
                    )}
                  </Fragment>
                )
              })}
            </tbody>
          </table>
        )}
      </section>
      {draft === null ? (
        <div className="directory-actions">
          <button type="button" className="button button-small" onClick={() => openForm(blankDraft('local', taken))}>
            {t('publishTargets.add')}
          </button>
        </div>
      ) : (
        <TargetForm
          draft={draft}
          errors={shownErrors}
          hasStoredSecret={hasStoredSecret}
          makeDefault={makeDefault}
          columns={columns}
          busy={busy}
          onChange={setDraft}
          onKind={(kind) => setDraft(withKind(draft, kind, taken))}
          onTouched={(field) => setTouched((current) => (current === 'all' || current.has(field) ? current : new Set([...current, field])))}
          onMakeDefault={setMakeDefault}
          onSave={save}
          onCancel={() => setDraft(null)}
        />
      )}
      {draft !== null && draft.kind !== 'local' && draft.secret !== '' && view.secretProtection !== 'strong' && (
        <SecretKeepingChoice protection={view.secretProtection} value={keeping} onChange={setKeeping} />
      )}
      {confirming && <RemoveDialog target={confirming} onConfirm={() => remove(confirming)} onClose={() => setConfirming(null)} />}
    </div>
  )
}

function RemoveDialog({ target, onConfirm, onClose }: { target: PublishTarget; onConfirm(): void; onClose(): void }) {
  const { t } = useTranslation()
  const ids = useId()
  return (
    <Modal role="alertdialog" labelledBy={`${ids}-heading`} describedBy={`${ids}-message`} onClose={onClose}>
      <div className="modal-body">
        <h2 id={`${ids}-heading`} className="modal-title">
          {t('publishTargets.confirmTitle', { name: target.name })}
        </h2>
        <p id={`${ids}-message`}>
          {t('publishTargets.confirmMessage')}
          {target.kind !== 'local' && ` ${t('publishTargets.confirmSecret')}`}
        </p>
        <div className="modal-actions">
          {/* The safe choice gets the focus: a stray Enter must not delete anything. */}
          <button type="button" className="button" autoFocus onClick={onClose}>
            {t('publishTargets.confirmCancel')}
          </button>
          <button type="button" className="button button-danger" onClick={onConfirm}>
            {t('publishTargets.confirmRemove')}
          </button>
        </div>
      </div>
    </Modal>
  )
}
