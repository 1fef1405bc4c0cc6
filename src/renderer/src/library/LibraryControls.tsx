import { useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LibraryChoices } from '@shared/library/query'
import { LIBRARY_SORTS, type LibraryView } from '@shared/library/view'
import { libraryStatuses } from '@shared/library/statuses'
import { NAME_MAX } from '@shared/model/limits'
import { activeFilterCount } from './libraryView'
import { DateField } from '../components/DateField'
import { useChain } from '../workflow/ChainContext'
import { statusText } from '../workflow/chainText'
import type { DraftStatus } from '@shared/model/draftStatus'

type Props = {
  view: LibraryView
  onChange(view: LibraryView): void
  choices: LibraryChoices
  noUserName: boolean
}

/** Search box, 等我处理, sort and the filters (folded away until asked for, to leave room for the list). */
export function LibraryControls({ view, onChange, choices, noUserName }: Props) {
  const { t } = useTranslation()
  const chain = useChain()
  const ids = useId()
  const [open, setOpen] = useState(activeFilterCount(view) > (view.mine ? 1 : 0))
  const set = (patch: Partial<LibraryView>) => onChange({ ...view, ...patch })
  const filters = activeFilterCount(view) - (view.mine ? 1 : 0)

  return (
    <div className="library-controls">
      <input
        type="search"
        className="library-search"
        value={view.text}
        maxLength={100}
        placeholder={t('library.searchPlaceholder')}
        aria-label={t('library.search')}
        onChange={(event) => set({ text: event.target.value })}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && view.text !== '') {
            event.preventDefault()
            set({ text: '' })
          }
        }}
      />
      <div className="library-toolbar">
        <label className="library-mine">
          <input type="checkbox" checked={view.mine} onChange={(event) => set({ mine: event.target.checked })} />
          {t('library.mine')}
        </label>
        <select className="library-sort" aria-label={t('library.sortLabel')} value={view.sort} onChange={(event) => set({ sort: event.target.value as LibraryView['sort'] })}>
          {LIBRARY_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`library.sort.${sort}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="library-icon-button"
          aria-label={view.descending ? t('library.descending') : t('library.ascending')}
          title={view.descending ? t('library.descending') : t('library.ascending')}
          onClick={() => set({ descending: !view.descending })}
        >
          {view.descending ? '↓' : '↑'}
        </button>
        <button type="button" className="library-filter-toggle" aria-expanded={open} aria-controls={`${ids}-filters`} onClick={() => setOpen(!open)}>
          {filters > 0 ? t('library.filtersCount', { count: filters }) : t('library.filters')}
        </button>
      </div>
      {view.mine && noUserName && <p className="library-hint">{t('library.mineNeedsName')}</p>}
      <div id={`${ids}-filters`} className="library-filters" hidden={!open}>
        {/*
          Drawn only when shown: the person filter offers everyone named in any draft (thousands in a library
          of years), and those options arriving with the index's first answer held up the list for a second.
        */}
        {open && (
          <>
            <Choice label={t('library.filter.status')} value={view.status} onChange={(status) => set({ status })} options={libraryStatuses(chain).map((status) => ({ value: status, label: statusText(status as DraftStatus, chain, t) }))} />
            <Choice label={t('library.filter.column')} value={view.column} onChange={(column) => set({ column })} options={choices.columns.map((value) => ({ value, label: value }))} />
            <Choice label={t('library.filter.department')} value={view.department} onChange={(department) => set({ department })} options={choices.departments.map((value) => ({ value, label: value }))} />
            <PersonChoice label={t('library.filter.person')} value={view.person} onChange={(person) => set({ person })} people={choices.people} />
            <div className="library-dates">
              <label>
                <span>{t(`library.filter.from.${view.sort}`)}</span>
                <DateField value={view.from ?? ''} onChange={(from) => set({ from: from || null })} />
              </label>
              <label>
                <span>{t('library.filter.to')}</span>
                <DateField value={view.to ?? ''} onChange={(to) => set({ to: to || null })} />
              </label>
            </div>
            {filters > 0 && (
              <button type="button" className="link-button" onClick={() => set({ status: '', column: '', department: '', person: '', from: null, to: null })}>
                {t('library.clearFilters')}
              </button>
            )}
          </>
        )}
      </div>
    </div>
  )
}

/** Names offered under the person field as it is typed: a few to pick from, not every name of years of drafts. */
const PEOPLE_OFFERED = 50

/**
 * A person in any role, typed: years of drafts name thousands of people, too many for a select (opening 筛选 took
 * over half a second with 25,000 of them). The names holding what is typed are offered; the filter applies once
 * the text is one of them, or whatever was typed on Enter or leaving the field; emptied, it is off.
 */
function PersonChoice(props: { label: string; value: string; onChange(value: string): void; people: readonly string[] }) {
  const { t } = useTranslation()
  const id = useId()
  const listId = useId()
  const [text, setText] = useState(props.value)
  // Changed from outside (清除筛选, a kept view): show it.
  const [shown, setShown] = useState(props.value)
  if (shown !== props.value) {
    setShown(props.value)
    setText(props.value)
  }
  const known = useMemo(() => new Set(props.people), [props.people])
  const typed = text.trim()
  const offered = useMemo(() => {
    if (typed === '') return props.people.slice(0, PEOPLE_OFFERED)
    const found: string[] = []
    for (const name of props.people) {
      if (!name.includes(typed)) continue
      found.push(name)
      if (found.length === PEOPLE_OFFERED) break
    }
    return found
  }, [props.people, typed])
  const commit = (next: string) => {
    const name = next.trim()
    if (name === props.value) return
    setShown(name)
    props.onChange(name)
  }
  return (
    <label className="library-choice" htmlFor={id}>
      <span>{props.label}</span>
      <input
        id={id}
        type="text"
        list={listId}
        value={text}
        maxLength={NAME_MAX}
        placeholder={t('library.filter.personPlaceholder')}
        spellCheck={false}
        onChange={(event) => {
          setText(event.target.value)
          const name = event.target.value.trim()
          if (name === '' || known.has(name)) commit(name)
        }}
        onBlur={() => commit(text)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.nativeEvent.isComposing) commit(text)
        }}
      />
      <datalist id={listId}>
        {offered.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </label>
  )
}

function Choice(props: { label: string; value: string; onChange(value: string): void; options: { value: string; label: string }[] }) {
  const { t } = useTranslation()
  const id = useId()
  // A value kept from an earlier session may no longer be offered: keep it selectable so it can be cleared.
  const options = props.value && !props.options.some((option) => option.value === props.value) ? [...props.options, { value: props.value, label: props.value }] : props.options
  return (
    <label className="library-choice" htmlFor={id}>
      <span>{props.label}</span>
      {/*
        Made anew when its first options come: React adds options to a select already on the page one sibling
        search each (seconds for thousands), but builds a new select's options in one go.
      */}
      <select key={options.length > 0 ? 'offered' : 'none'} id={id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        <option value="">{t('library.filter.any')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  )
}
