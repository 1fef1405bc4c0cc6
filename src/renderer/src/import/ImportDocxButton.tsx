import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorCodeOf, errorDetailOf } from '../drafts/errorText'

type Message = { kind: 'error'; text: string; detail: string } | { kind: 'warnings'; title: string; items: string[] }

/** 导入 Word 文档 in the library column: a .docx becomes a new draft, which then opens. */
export function ImportDocxButton({ onImported }: { onImported(draftId: string): Promise<void> | void }) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<Message | null>(null)

  const run = async () => {
    setBusy(true)
    setMessage(null)
    try {
      // The editor's paste pipeline (Lexical, the HTML cleaner) loads with the editor, not with the library's list.
      const [{ importWordDocument }, { pictureWords, registeredArticleTypes }] = await Promise.all([
        import('./importDocx'),
        import('../editor/plugins/paste/PastePlugin')
      ])
      const result = await importWordDocument(pictureWords(t), registeredArticleTypes())
      if (!result) return
      await onImported(result.draftId)
      const codes = [...new Set(result.warnings.map((warning) => warning.code))]
      if (codes.length > 0) setMessage({ kind: 'warnings', title: result.title, items: codes.map((code) => t(`import.warnings.${code}`)) })
    } catch (error) {
      const code = errorCodeOf(error)
      const reason = code === 'unsupported-file' ? t('import.notWord') : t(`errors.${code}`)
      setMessage({ kind: 'error', text: t('import.failed', { reason }), detail: errorDetailOf(error) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <button type="button" className="button import-docx" onClick={() => void run()} disabled={busy} aria-busy={busy}>
        {busy ? t('import.importing') : t('import.docx')}
      </button>
      {message && (
        <div role={message.kind === 'error' ? 'alert' : 'status'} className={`import-message import-message-${message.kind}`}>
          {message.kind === 'error' ? (
            <p title={message.detail}>{message.text}</p>
          ) : (
            <>
              <p>{t('import.warningsTitle', { title: message.title })}</p>
              <ul>
                {message.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </>
          )}
          <button type="button" className="button button-small" onClick={() => setMessage(null)}>
            {t('app.dismiss')}
          </button>
        </div>
      )}
    </>
  )
}
