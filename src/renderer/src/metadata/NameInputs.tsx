import { useId, useRef, useState, type ClipboardEvent, type KeyboardEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { SuggestField } from '@shared/model/directory'
import { NAME_MAX, NAMES_MAX, parseNameList } from '@shared/model/metadata'
import { newsroom } from '../newsroom'
import { addTokens, takeTokens } from './metadataForm'
import { loadRecent, mergeSuggestions, rememberValues } from './recentValues'
import { ARTICLE_LANG } from '../a11y/articleLang'

const SUGGESTION_LIMIT = 8

/** The person's recent values, then directory suggestions, for one field (newest answer only), as an ARIA 1.2 combobox's listbox. */
function useSuggestions(field: SuggestField | null, exclude: readonly string[]) {
  const listId = useId()
  const [names, setNames] = useState<string[]>([])
  const [active, setActive] = useState(-1)
  const seq = useRef(0)
  const open = names.length > 0

  function query(prefix: string) {
    if (field === null) return
    const current = ++seq.current
    const recent = loadRecent()[field] ?? []
    const show = (found: readonly string[]) => {
      setNames(mergeSuggestions(recent, found, prefix, exclude, SUGGESTION_LIMIT))
      setActive(-1)
    }
    newsroom()
      .directory.suggest({ field, prefix: prefix.trim().slice(0, 100), limit: SUGGESTION_LIMIT + exclude.length })
      .then(({ names: found }) => {
        if (current === seq.current) show(found)
      })
      .catch(() => {
        // Autocomplete is a convenience: without the directory the field still offers what was typed lately.
        if (current === seq.current) show([])
      })
  }

  function close() {
    seq.current++
    setNames([])
    setActive(-1)
  }

  /** Arrow keys, Enter and Escape for the list; true when the key was the list's. */
  function onKey(event: KeyboardEvent<HTMLInputElement>, text: string, pick: (name: string) => void): boolean {
    if (event.nativeEvent.isComposing) return false
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      if (!open) query(text)
      else setActive((i) => (event.key === 'ArrowDown' ? (i + 1) % names.length : i <= 0 ? names.length - 1 : i - 1))
      return true
    }
    if (event.key === 'Enter' && open && active >= 0) {
      const name = names[active]
      event.preventDefault()
      close()
      if (name !== undefined) pick(name)
      return true
    }
    if (event.key === 'Escape' && open) {
      event.preventDefault()
      event.stopPropagation()
      close()
      return true
    }
    return false
  }

  const optionId = (index: number) => `${listId}-option-${String(index)}`
  const inputProps = {
    role: 'combobox' as const,
    'aria-autocomplete': 'list' as const,
    'aria-expanded': open,
    'aria-controls': listId,
    'aria-activedescendant': open && active >= 0 ? optionId(active) : undefined
  }

  function listbox(label: string, pick: (name: string) => void): ReactNode {
    return (
      <ul id={listId} role="listbox" aria-label={label} className="metadata-suggestions" hidden={!open}>
        {names.map((name, index) => (
          <li
            key={name}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'metadata-suggestion metadata-suggestion-active' : 'metadata-suggestion'}
            // Keeps the focus in the input, so choosing does not first commit the half-typed text on blur.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              close()
              pick(name)
            }}
          >
            {name}
          </li>
        ))}
      </ul>
    )
  }

  return { query, close, onKey, inputProps, listbox }
}

type FieldAria = {
  id: string
  invalid: boolean
  describedBy?: string | undefined
  readOnly?: boolean
}

type SingleProps = FieldAria & {
  field: SuggestField
  value: string
  maxLength: number
  placeholder?: string
  onChange(value: string): void
}

/** One name (编辑, 校对 …), a department or a column, with directory suggestions. */
export function SuggestInput({ id, field, value, maxLength, placeholder, invalid, describedBy, readOnly, onChange }: SingleProps) {
  const { t } = useTranslation()
  const suggestions = useSuggestions(field, value.trim() === '' ? [] : [value.trim()])
  const pick = (name: string) => {
    onChange(name)
    rememberValues(field, [name])
  }
  return (
    <div className="metadata-combobox">
      <input
        lang={ARTICLE_LANG}
        id={id}
        type="text"
        className="metadata-input"
        value={value}
        maxLength={maxLength}
        placeholder={placeholder}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        readOnly={readOnly}
        autoComplete="off"
        spellCheck={false}
        {...suggestions.inputProps}
        onChange={(event) => {
          onChange(event.target.value)
          if (event.target.value.trim() === '') suggestions.close()
          else suggestions.query(event.target.value)
        }}
        onKeyDown={(event) => void suggestions.onKey(event, value, pick)}
        onBlur={() => {
          suggestions.close()
          rememberValues(field, [value])
        }}
      />
      {suggestions.listbox(t('metadata.suggestions'), pick)}
    </div>
  )
}

type TokenProps = FieldAria & {
  /** Where suggestions come from; null for free words (tags). */
  field: SuggestField | null
  names: readonly string[]
  maxLength?: number
  max?: number
  placeholder?: string
  onChange(names: string[]): void
}

/**
 * Several names in one field: Enter, 、 or ， ends a name, Backspace in the empty box takes the last one
 * back, pasting `张三、李四` adds both. The half-typed name is added when the field loses focus.
 */
export function TokenInput({ id, field, names, maxLength = NAME_MAX, max = NAMES_MAX, placeholder, invalid, describedBy, readOnly, onChange }: TokenProps) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const suggestions = useSuggestions(field, names)
  const input = useRef<HTMLInputElement>(null)
  const full = names.length >= max

  function add(added: readonly string[]) {
    const next = addTokens(names, added.map((name) => name.slice(0, maxLength)), max)
    if (next.length !== names.length) onChange(next)
    if (field !== null) rememberValues(field, added)
  }

  function commit() {
    if (text.trim() === '') return
    add(parseNameList(text))
    setText('')
  }

  const pick = (name: string) => {
    add([name])
    setText('')
  }

  function onPaste(event: ClipboardEvent<HTMLInputElement>) {
    const pasted = event.clipboardData.getData('text/plain')
    if (!/[、,，;；/／|\n]/.test(pasted)) return
    event.preventDefault()
    add(parseNameList(text + pasted))
    setText('')
    suggestions.close()
  }

  return (
    <div className={`metadata-tokens${invalid ? ' metadata-tokens-invalid' : ''}`} onClick={() => input.current?.focus()}>
      <ul className="metadata-token-list" aria-label={t('metadata.tokenList')}>
        {names.map((name) => (
          <li key={name} className="metadata-token">
            <span>{name}</span>
            {!readOnly && (
              <button
                type="button"
                className="metadata-token-remove"
                aria-label={t('metadata.removeName', { name })}
                onClick={(event) => {
                  event.stopPropagation()
                  onChange(names.filter((other) => other !== name))
                }}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="metadata-combobox metadata-token-entry">
        <input
          lang={ARTICLE_LANG}
          ref={input}
          id={id}
          type="text"
          className="metadata-token-input"
          value={text}
          maxLength={maxLength * 4}
          placeholder={full ? t('metadata.listFull', { max }) : placeholder}
          disabled={full && text === ''}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          readOnly={readOnly}
          autoComplete="off"
          spellCheck={false}
          {...(field === null ? {} : suggestions.inputProps)}
          onChange={(event) => {
            const value = event.target.value
            if ((event.nativeEvent as InputEvent).isComposing) {
              setText(value)
              return
            }
            const { names: finished, rest } = takeTokens(value)
            if (finished.length > 0) add(finished)
            setText(rest)
            if (rest.trim() === '') suggestions.close()
            else suggestions.query(rest)
          }}
          onPaste={onPaste}
          // Chrome sends the input event of a committed IME text (、 from a Pinyin IME) while still composing.
          onCompositionEnd={(event) => {
            const { names: finished, rest } = takeTokens(event.currentTarget.value)
            if (finished.length === 0) return
            add(finished)
            setText(rest)
          }}
          onKeyDown={(event) => {
            if (suggestions.onKey(event, text, pick)) return
            if (event.nativeEvent.isComposing) return
            if (event.key === 'Enter') {
              event.preventDefault()
              commit()
              suggestions.close()
            } else if (event.key === 'Backspace' && text === '' && names.length > 0) {
              event.preventDefault()
              onChange(names.slice(0, -1))
            }
          }}
          onBlur={() => {
            commit()
            suggestions.close()
          }}
        />
        {field !== null && suggestions.listbox(t('metadata.suggestions'), pick)}
      </div>
    </div>
  )
}
