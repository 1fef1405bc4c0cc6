import { useEffect, useId, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppErrorCode } from '@shared/errors'
import { COLUMN_MAX } from '@shared/model/draft'
import { PERSON_ROLES, titleOn, type CsvImportReport, type CsvIssue, type OfficeDirectory, type PersonRole } from '@shared/model/directory'
import { PersonTitlesFields } from './PersonTitlesFields'
import { rankOfText, titleRowsOf, titlesOfRows, type TitleRow } from './personTitles'
import { DEPARTMENT_MAX, NAME_MAX } from '@shared/model/metadata'
import { errorCodeOf, errorDetailOf } from '../../drafts/errorText'
import { newsroom } from '../../newsroom'

type PersonDraft = { id?: string; name: string; roles: PersonRole[]; department: string; publicKey?: string | null; titleRows: TitleRow[]; rankText: string }
const blankPerson = (): PersonDraft => ({ name: '', roles: [], department: '', titleRows: [], rankText: '' })

type Status =
  | { kind: 'failed'; code: AppErrorCode; detail: string }
  | { kind: 'imported'; report: CsvImportReport }
  | { kind: 'exported'; path: string }

type Preview = { token: string; fileName: string; report: CsvImportReport }

/** Inside the settings form: Enter in a directory field does its own action, not the dialog's 保存. */
function onEnter(action: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault()
      action()
    }
  }
}

/** 通讯录: people with roles and departments, departments, columns; CSV import (previewed first) and export. */
export function DirectoryManager() {
  const { t } = useTranslation()
  const ids = useId()
  const [directory, setDirectory] = useState<OfficeDirectory | null>(null)
  const [person, setPerson] = useState<PersonDraft>(blankPerson)
  const [department, setDepartment] = useState('')
  const [column, setColumn] = useState('')
  const [status, setStatus] = useState<Status | null>(null)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [busy, setBusy] = useState(false)
  // Whose title is shown in the list: the one held today (an article is checked against its own 发布时间).
  const [today] = useState(() => new Date().toLocaleDateString('sv-SE'))

  async function run(action: () => Promise<void>) {
    setBusy(true)
    try {
      await action()
    } catch (error) {
      setStatus({ kind: 'failed', code: errorCodeOf(error), detail: errorDetailOf(error) })
    } finally {
      setBusy(false)
    }
  }

  useEffect(() => {
    let live = true
    newsroom()
      .directory.get({})
      .then((loaded) => live && setDirectory(loaded))
      .catch((error: unknown) => live && setStatus({ kind: 'failed', code: errorCodeOf(error), detail: errorDetailOf(error) }))
    return () => {
      live = false
    }
  }, [])

  const savePerson = () =>
    void run(async () => {
      if (person.name.trim() === '') return
      const titles = titlesOfRows(person.titleRows)
      const rank = rankOfText(person.rankText)
      if (titles === null || rank === undefined) return
      const { titleRows: _rows, rankText: _rank, ...rest } = person
      setDirectory(await newsroom().directory.savePerson({ person: { ...rest, name: person.name.trim(), department: person.department.trim(), titles, rank } }))
      setPerson(blankPerson())
      setStatus(null)
    })
  const addDepartment = () =>
    void run(async () => {
      if (department.trim() === '') return
      setDirectory(await newsroom().directory.saveDepartment({ department: { name: department.trim() } }))
      setDepartment('')
      setStatus(null)
    })
  const addColumn = () =>
    void run(async () => {
      if (column.trim() === '') return
      setDirectory(await newsroom().directory.saveColumn({ column: { name: column.trim() } }))
      setColumn('')
      setStatus(null)
    })

  const previewImport = () =>
    void run(async () => {
      const answer = await newsroom().directory.previewCsv({})
      if (answer.cancelled) return
      setPreview({ token: answer.token, fileName: answer.fileName, report: answer.report })
      setStatus(null)
    })
  const applyImport = (token: string) =>
    void run(async () => {
      const { report, directory: next } = await newsroom().directory.applyCsv({ token })
      setDirectory(next)
      setPreview(null)
      setStatus({ kind: 'imported', report })
    })
  const exportCsv = () =>
    void run(async () => {
      const answer = await newsroom().directory.exportCsv({})
      if ('path' in answer) setStatus({ kind: 'exported', path: answer.path })
    })

  const issueText = (issue: CsvIssue) => t('directory.issueLine', { line: issue.line, reason: t(`directory.reasons.${issue.reason}`, { detail: issue.detail }) })

  if (directory === null) {
    return (
      <div className="directory-manager">
        {status?.kind === 'failed' ? (
          <p className="field-error" role="alert">
            {t('directory.failed', { reason: t(`errors.${status.code}`) })}
          </p>
        ) : (
          <p className="field-hint">{t('directory.loading')}</p>
        )}
      </div>
    )
  }

  return (
    <div className="directory-manager">
      <p className="field-hint">{t('directory.immediate')}</p>
      <div className="directory-actions">
        <button type="button" className="button button-small" disabled={busy} onClick={previewImport}>
          {t('directory.importCsv')}
        </button>
        <button type="button" className="button button-small" disabled={busy} onClick={exportCsv}>
          {t('directory.exportCsv')}
        </button>
      </div>
      {status && (
        <p className={status.kind === 'failed' ? 'field-error' : 'field-hint'} role={status.kind === 'failed' ? 'alert' : 'status'} title={status.kind === 'failed' ? status.detail : undefined}>
          {status.kind === 'failed'
            ? t('directory.failed', { reason: t(`errors.${status.code}`) })
            : status.kind === 'imported'
              ? t('directory.imported', { added: status.report.added, updated: status.report.updated })
              : t('directory.exported', { path: status.path })}
        </p>
      )}
      {preview && (
        <section className="directory-preview" aria-labelledby={`${ids}-preview`}>
          <h3 id={`${ids}-preview`} className="directory-heading">
            {t('directory.previewTitle', { file: preview.fileName })}
          </h3>
          <p data-testid="csv-preview-summary">{t('directory.previewSummary', preview.report)}</p>
          {preview.report.skipped.length > 0 && (
            <>
              <h4 className="directory-subheading">{t('directory.skippedTitle')}</h4>
              <ul className="directory-issues">
                {preview.report.skipped.map((issue) => (
                  <li key={`s${String(issue.line)}${issue.reason}`}>{issueText(issue)}</li>
                ))}
              </ul>
              {preview.report.skippedTotal > preview.report.skipped.length && (
                <p className="field-hint">{t('trustBoundaries.moreIssues', { count: preview.report.skippedTotal - preview.report.skipped.length })}</p>
              )}
            </>
          )}
          {preview.report.warnings.length > 0 && (
            <>
              <h4 className="directory-subheading">{t('directory.warningsTitle')}</h4>
              <ul className="directory-issues">
                {preview.report.warnings.map((issue, index) => (
                  <li key={`w${String(index)}`}>{issueText(issue)}</li>
                ))}
              </ul>
              {preview.report.warningsTotal > preview.report.warnings.length && (
                <p className="field-hint">{t('trustBoundaries.moreIssues', { count: preview.report.warningsTotal - preview.report.warnings.length })}</p>
              )}
            </>
          )}
          <div className="directory-actions">
            <button type="button" className="button button-small" onClick={() => setPreview(null)}>
              {t('directory.cancelImport')}
            </button>
            <button type="button" className="button button-small button-primary" disabled={busy} onClick={() => applyImport(preview.token)}>
              {t('directory.confirmImport')}
            </button>
          </div>
        </section>
      )}

      <section aria-labelledby={`${ids}-people`}>
        <h3 id={`${ids}-people`} className="directory-heading">
          {t('directory.people')}
        </h3>
        {directory.people.length === 0 ? (
          <p className="field-hint">{t('directory.noPeople')}</p>
        ) : (
          <table className="directory-table">
            <thead>
              <tr>
                <th scope="col">{t('directory.name')}</th>
                <th scope="col">{t('directory.roles')}</th>
                <th scope="col">{t('directory.department')}</th>
                <th scope="col">{t('checks.person.current')}</th>
                <th scope="col">{t('checks.person.rank')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {directory.people.map((entry) => (
                <tr key={entry.id}>
                  <td>{entry.name}</td>
                  <td>{entry.roles.length === 0 ? t('directory.noRoles') : entry.roles.map((role) => t(`directory.roleNames.${role}`)).join(t('directory.roleSeparator'))}</td>
                  <td>{entry.department}</td>
                  <td>{titleOn(entry.titles, today) ?? ''}</td>
                  <td>{entry.rank ?? ''}</td>
                  <td className="directory-row-actions">
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t('directory.editNamed', { name: entry.name })}
                      onClick={() =>
                        setPerson({
                          id: entry.id,
                          name: entry.name,
                          roles: [...entry.roles],
                          department: entry.department,
                          publicKey: entry.publicKey,
                          titleRows: titleRowsOf(entry.titles),
                          rankText: entry.rank === null ? '' : String(entry.rank)
                        })
                      }
                    >
                      {t('directory.editPerson')}
                    </button>
                    <button
                      type="button"
                      className="link-button link-button-danger"
                      aria-label={t('directory.removeNamed', { name: entry.name })}
                      onClick={() => void run(async () => setDirectory(await newsroom().directory.removePerson({ id: entry.id })))}
                    >
                      {t('directory.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <fieldset className="directory-person-form">
          <legend className="directory-subheading">{person.id ? t('directory.editNamed', { name: person.name }) : t('directory.addPerson')}</legend>
          <div className="directory-person-fields">
            <label className="directory-inline-field">
              <span>{t('directory.name')}</span>
              <input type="text" value={person.name} maxLength={NAME_MAX} onChange={(event) => setPerson({ ...person, name: event.target.value })} onKeyDown={onEnter(savePerson)} />
            </label>
            <label className="directory-inline-field">
              <span>{t('directory.department')}</span>
              <input
                type="text"
                value={person.department}
                maxLength={DEPARTMENT_MAX}
                list={`${ids}-departments`}
                onChange={(event) => setPerson({ ...person, department: event.target.value })}
                onKeyDown={onEnter(savePerson)}
              />
            </label>
            <datalist id={`${ids}-departments`}>
              {directory.departments.map((entry) => (
                <option key={entry.id} value={entry.name} />
              ))}
            </datalist>
          </div>
          <div className="directory-roles" role="group" aria-label={t('directory.roles')}>
            {PERSON_ROLES.map((role) => (
              <label key={role} className="settings-checkbox">
                <input
                  type="checkbox"
                  checked={person.roles.includes(role)}
                  onChange={(event) =>
                    setPerson({ ...person, roles: event.target.checked ? [...person.roles, role] : person.roles.filter((other) => other !== role) })
                  }
                />
                {t(`directory.roleNames.${role}`)}
              </label>
            ))}
          </div>
          <PersonTitlesFields
            name={person.name}
            rows={person.titleRows}
            rank={person.rankText}
            onRows={(titleRows) => setPerson({ ...person, titleRows })}
            onRank={(rankText) => setPerson({ ...person, rankText })}
          />
          <div className="directory-actions">
            {person.id && (
              <button type="button" className="button button-small" onClick={() => setPerson(blankPerson())}>
                {t('directory.cancelEdit')}
              </button>
            )}
            <button type="button" className="button button-small button-primary" disabled={busy || person.name.trim() === '' || titlesOfRows(person.titleRows) === null || rankOfText(person.rankText) === undefined} onClick={savePerson}>
              {person.id ? t('directory.savePerson') : t('directory.addPerson')}
            </button>
          </div>
        </fieldset>
      </section>

      <NamedList
        title={t('directory.departments')}
        entries={directory.departments}
        value={department}
        maxLength={DEPARTMENT_MAX}
        placeholder={t('directory.newDepartment')}
        addLabel={t('directory.addDepartment')}
        busy={busy}
        onValue={setDepartment}
        onAdd={addDepartment}
        onRemove={(id) => void run(async () => setDirectory(await newsroom().directory.removeDepartment({ id })))}
      />
      <NamedList
        title={t('directory.columns')}
        entries={directory.columns}
        value={column}
        maxLength={COLUMN_MAX}
        placeholder={t('directory.newColumn')}
        addLabel={t('directory.addColumn')}
        busy={busy}
        onValue={setColumn}
        onAdd={addColumn}
        onRemove={(id) => void run(async () => setDirectory(await newsroom().directory.removeColumn({ id })))}
      />
    </div>
  )
}

type NamedListProps = {
  title: string
  entries: readonly { id: string; name: string }[]
  value: string
  maxLength: number
  placeholder: string
  addLabel: string
  busy: boolean
  onValue(value: string): void
  onAdd(): void
  onRemove(id: string): void
}

function NamedList({ title, entries, value, maxLength, placeholder, addLabel, busy, onValue, onAdd, onRemove }: NamedListProps) {
  const { t } = useTranslation()
  const ids = useId()
  return (
    <section aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="directory-heading">
        {title}
      </h3>
      {entries.length === 0 ? (
        <p className="field-hint">{t('directory.noEntries')}</p>
      ) : (
        <ul className="directory-chips">
          {entries.map((entry) => (
            <li key={entry.id} className="metadata-token">
              <span>{entry.name}</span>
              <button type="button" className="metadata-token-remove" aria-label={t('directory.removeNamed', { name: entry.name })} onClick={() => onRemove(entry.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="directory-add">
        <input type="text" aria-label={placeholder} placeholder={placeholder} value={value} maxLength={maxLength} onChange={(event) => onValue(event.target.value)} onKeyDown={onEnter(onAdd)} />
        <button type="button" className="button button-small" disabled={busy || value.trim() === ''} onClick={onAdd}>
          {addLabel}
        </button>
      </div>
    </section>
  )
}
