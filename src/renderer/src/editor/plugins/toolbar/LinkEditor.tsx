import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { IS_APPLE } from 'lexical'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { linkHrefFromInput } from '../../commands/linkHref'

type Props = {
  /** The link being edited, or '' for a new one. */
  initialUrl: string
  /** True when the caret is in an existing link: offer to remove it. */
  editing: boolean
  /** True when nothing is selected: the link needs words to show. */
  needsText: boolean
  onApply(href: string, text: string): void
  onRemove(): void
  onCancel(): void
}

/** The small box under the toolbar where a link is added, changed or removed. */
export function LinkEditor({ initialUrl, editing, needsText, onApply, onRemove, onCancel }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const [url, setUrl] = useState(initialUrl)
  const [text, setText] = useState('')
  const [invalid, setInvalid] = useState(false)
  const [editor] = useLexicalComposerContext()
  const urlInput = useRef<HTMLInputElement>(null)

  // Ctrl+K opens the box inside an editor update; committing it puts the DOM selection back in the body, and
  // focus with it. So the update is committed first (read flushes it), then the address field takes focus.
  useEffect(() => {
    const focusField = () => urlInput.current?.focus()
    editor.read(() => undefined)
    focusField()
    const frame = requestAnimationFrame(() => {
      if (editor.getRootElement()?.contains(document.activeElement)) focusField()
    })
    return () => cancelAnimationFrame(frame)
  }, [editor])

  const submit = () => {
    const href = linkHrefFromInput(url)
    if (href === null) {
      setInvalid(true)
      return
    }
    const shown = text.trim() || (href.startsWith('mailto:') ? href.slice('mailto:'.length) : href)
    onApply(href, shown)
  }

  return (
    <form
      className="link-editor"
      role="group"
      aria-label={t('link.title')}
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          onCancel()
        }
      }}
    >
      <div className="link-editor-fields">
        <label className="link-editor-field" htmlFor={`${ids}-url`}>
          <span>{t('link.url')}</span>
          <input
            id={`${ids}-url`}
            type="text"
            ref={urlInput}
            inputMode="url"
            spellCheck={false}
            placeholder="https://"
            value={url}
            aria-invalid={invalid}
            aria-describedby={invalid ? `${ids}-error` : `${ids}-hint`}
            onChange={(event) => {
              setUrl(event.target.value)
              setInvalid(false)
            }}
          />
        </label>
        {needsText && (
          <label className="link-editor-field" htmlFor={`${ids}-text`}>
            <span>{t('link.text')}</span>
            <input id={`${ids}-text`} type="text" value={text} placeholder={t('link.textPlaceholder')} onChange={(event) => setText(event.target.value)} />
          </label>
        )}
        <div className="link-editor-actions">
          <button type="submit" className="button button-small button-primary">
            {t('link.apply')}
          </button>
          {editing && (
            <button type="button" className="button button-small" onClick={onRemove}>
              {t('link.remove')}
            </button>
          )}
          <button type="button" className="button button-small" onClick={onCancel}>
            {t('link.cancel')}
          </button>
        </div>
      </div>
      {invalid ? (
        <p id={`${ids}-error`} role="alert" className="link-editor-error">
          {t('link.invalid')}
        </p>
      ) : (
        <p id={`${ids}-hint`} className="link-editor-hint">
          {t('link.hint', { key: IS_APPLE ? '⌘' : 'Ctrl' })}
        </p>
      )}
    </form>
  )
}
