import { useEffect, useEffectEvent, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PackageConflict } from '@shared/ipc/channels/packages'
import { Modal } from '../components/Modal'
import { errorCodeOf, errorDetailOf } from '../drafts/errorText'
import { newsroom } from '../newsroom'
import { fullTime } from '../workflow/timeText'

type Props = {
  /** A draft came in: list it and open it. */
  onImported(draftId: string): Promise<void> | void
  /**
   * Before a replace: the draft must not be open in the editor, or a late autosave would write the old
   * text over the imported draft. False when it could not be closed (its save failed).
   */
  closeIfOpen(draftId: string): Promise<boolean>
}

type Message = { kind: 'ok'; text: string } | { kind: 'error'; text: string; detail: string }
type Pending = { token: string; fileName: string; conflict: PackageConflict }

const REFUSALS = ['package-invalid', 'package-too-new', 'unsupported-file', 'not-found'] as const

/**
 * 导入稿件包 in the library column; asks keep both / replace when the draft is already here. Packages the
 * operating system opened with the app (double-click, command line, a second launch) come the same way: main
 * holds their paths and hands out tokens, taken one at a time so each can ask its own question.
 */
export function ImportPackageButton({ onImported, closeIfOpen }: Props) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<Message | null>(null)
  const [pending, setPending] = useState<Pending | null>(null)

  async function run(answer?: { token: string; onConflict?: 'keep-both' | 'replace' }) {
    setBusy(true)
    setMessage(null)
    try {
      const result = await newsroom().packages.import(answer ?? {})
      if (result.outcome === 'cancelled') return 'done'
      if (result.outcome === 'conflict') {
        waitingForAnswer.current = true
        setPending({ token: result.token, fileName: result.fileName, conflict: result.conflict })
        return 'question'
      }
      await onImported(result.draftId)
      const title = result.title || t('packages.untitled')
      const key = result.replaced ? 'packages.importedReplaced' : result.keptBoth ? 'packages.importedCopy' : 'packages.imported'
      setMessage({ kind: 'ok', text: t(key, { title }) })
      return 'done'
    } catch (error) {
      const code = errorCodeOf(error)
      const refused = (REFUSALS as readonly string[]).includes(code)
      const text = t(refused ? 'packages.refused' : 'packages.importFailed', { reason: t(`errors.${code}`) })
      // The service's message names the entry at fault; for a refusal that is worth reading, not hiding.
      setMessage({ kind: 'error', text: refused ? `${text} ${t('packages.refusedDetail', { detail: errorDetailOf(error) })}` : text, detail: errorDetailOf(error) })
      return 'done'
    } finally {
      setBusy(false)
    }
  }

  /** Imports the packages the operating system opened, one after another, pausing while a question is open. */
  const waitingForAnswer = useRef(false)
  const takingOpened = useRef(false)
  async function takeOpened() {
    if (takingOpened.current || waitingForAnswer.current) return
    takingOpened.current = true
    try {
      for (;;) {
        const { opened } = await newsroom().packages.takeOpened()
        if (!opened) return
        const answered = await run({ token: opened.token })
        if (answered === 'question') return
      }
    } catch {
      // takeOpened itself failing leaves the packages waiting in main; the next event or launch asks again.
    } finally {
      takingOpened.current = false
    }
  }
  const onOpened = useEffectEvent(() => void takeOpened())
  useEffect(() => {
    // Also once at start: packages named on the command line were queued before the page loaded.
    const first = setTimeout(onOpened, 0)
    const off = newsroom().on('packages:opened', () => onOpened())
    return () => {
      clearTimeout(first)
      off()
    }
  }, [])

  async function choose(onConflict: 'keep-both' | 'replace') {
    const current = pending
    if (!current) return
    closeQuestion()
    if (onConflict === 'replace' && !(await closeIfOpen(current.conflict.draftId))) return
    await run({ token: current.token, onConflict })
  }

  function closeQuestion() {
    setPending(null)
    waitingForAnswer.current = false
    void takeOpened()
  }

  return (
    <>
      <button type="button" className="button import-package" onClick={() => void run()} disabled={busy} aria-busy={busy}>
        {busy ? t('packages.importing') : t('packages.import')}
      </button>
      {message && (
        <div role={message.kind === 'error' ? 'alert' : undefined} aria-live="polite" className={`import-message import-message-${message.kind === 'error' ? 'error' : 'warnings'}`}>
          <p title={message.kind === 'error' ? message.detail : undefined}>{message.text}</p>
          <button type="button" className="button button-small" onClick={() => setMessage(null)}>
            {t('app.dismiss')}
          </button>
        </div>
      )}
      {pending && <ConflictDialog pending={pending} onChoose={(choice) => void choose(choice)} onClose={closeQuestion} />}
    </>
  )
}

function ConflictDialog({ pending, onChoose, onClose }: { pending: Pending; onChoose(choice: 'keep-both' | 'replace'): void; onClose(): void }) {
  const { t } = useTranslation()
  const ids = useId()
  const { conflict } = pending
  const untitled = t('packages.untitled')
  return (
    <Modal labelledBy={`${ids}-title`} describedBy={`${ids}-intro`} onClose={onClose}>
      <div className="modal-body">
        <h2 id={`${ids}-title`} className="modal-title">
          {t('packages.conflict.title')}
        </h2>
        <p id={`${ids}-intro`}>{t('packages.conflict.intro', { file: pending.fileName })}</p>
        <ul className="package-conflict-list">
          <li>
            {t('packages.conflict.existing', {
              title: conflict.existingTitle || untitled,
              revision: conflict.existingRevision,
              time: fullTime(conflict.existingUpdatedAt)
            })}
          </li>
          <li>
            {t('packages.conflict.incoming', {
              title: conflict.packageTitle || untitled,
              revision: conflict.packageRevision,
              time: fullTime(conflict.packageUpdatedAt)
            })}
          </li>
        </ul>
        <p className="field-hint">{t('packages.conflict.keepBothHint')}</p>
        <p className="field-hint">{t('packages.conflict.replaceHint')}</p>
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('packages.conflict.cancel')}
          </button>
          <button type="button" className="button button-danger" onClick={() => onChoose('replace')}>
            {t('packages.conflict.replace')}
          </button>
          <button type="button" className="button button-primary" onClick={() => onChoose('keep-both')}>
            {t('packages.conflict.keepBoth')}
          </button>
        </div>
      </div>
    </Modal>
  )
}
