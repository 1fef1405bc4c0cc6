import { useId, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { CMS_ARTICLE_FIELDS, type CmsArticleField, type WordPressRouteStyle } from '@shared/model/publish'
import { errorCodeOf } from '../../drafts/errorText'
import { newsroom } from '../../newsroom'
import { publishKindText } from '../publishText'
import {
  DEFAULT_STATUSES,
  ROUTE_STYLES,
  TARGET_KINDS,
  type DefaultStatus,
  type DraftErrors,
  type DraftField,
  type TargetDraft,
  type TargetKind
} from './targetDraft'

type Props = {
  draft: TargetDraft
  /** Only the messages of fields the person has left or tried to save. */
  errors: DraftErrors
  hasStoredSecret: boolean
  makeDefault: boolean
  /** The office's columns (通讯录), offered for the 栏目 → category rows. */
  columns: readonly string[]
  busy: boolean
  onChange(draft: TargetDraft): void
  onKind(kind: TargetKind): void
  onTouched(field: DraftField): void
  onMakeDefault(value: boolean): void
  onSave(): void
  onCancel(): void
}

/** The add / edit form of one target, per kind. Lives inside the settings form, so it is a fieldset, not a form. */
export function TargetForm({ draft, errors, hasStoredSecret, makeDefault, columns, busy, onChange, onKind, onTouched, onMakeDefault, onSave, onCancel }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const set = (patch: Partial<TargetDraft>) => onChange({ ...draft, ...patch })
  const [chooseProblem, setChooseProblem] = useState<string | null>(null)
  const problem = (field: DraftField) => {
    const found = errors[field]
    return found === undefined ? null : t(`publishTargets.invalid.${found}`)
  }

  const text = (field: 'name' | 'folder' | 'baseUrl' | 'backEndUrl' | 'siteHosts' | 'username', label: string, hint: string | null, extra: { type?: string; placeholder?: string; readOnly?: boolean } = {}) => {
    const error = problem(field)
    const note = error ?? hint
    return (
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-${field}`}>
          {label}
        </label>
        <input
          id={`${ids}-${field}`}
          type={extra.type ?? 'text'}
          value={draft[field]}
          spellCheck={false}
          placeholder={extra.placeholder}
          readOnly={extra.readOnly}
          aria-invalid={error !== null}
          aria-describedby={note === null ? undefined : `${ids}-${field}-hint`}
          onChange={(event) => set({ [field]: event.target.value })}
          onBlur={() => onTouched(field)}
        />
        {note !== null && (
          <span id={`${ids}-${field}-hint`} className={error === null ? 'field-hint' : 'field-error'}>
            {note}
          </span>
        )}
      </div>
    )
  }

  // Only the system's folder dialog (in main) can name the folder: a page cannot type one in, not even a share.
  async function chooseFolder() {
    setChooseProblem(null)
    try {
      const { grant, path } = await newsroom().publish.chooseFolder({})
      if (grant !== null && path !== null) set({ folder: path, folderGrant: grant })
    } catch (error) {
      setChooseProblem(t('publishTargets.failed', { reason: t(`errors.${errorCodeOf(error)}`) }))
    }
  }

  const secretError = problem('secret')
  const secretHint = hasStoredSecret ? t('publishTargets.secretKeep') : draft.kind === 'wordpress' ? t('publishTargets.appPasswordHint') : t('publishTargets.tokenHint')

  return (
    <fieldset className="publish-targets-form" aria-busy={busy}>
      <legend className="directory-subheading">{draft.isNew ? t('publishTargets.addTitle') : t('publishTargets.editTitle', { name: draft.name })}</legend>
      {draft.isNew && (
        <div className="publish-targets-kinds" role="radiogroup" aria-label={t('publishTargets.kind')}>
          {TARGET_KINDS.map((kind) => (
            <label key={kind} className="settings-checkbox">
              <input type="radio" name={`${ids}-kind`} checked={draft.kind === kind} onChange={() => onKind(kind)} />
              {publishKindText(t, kind)}
            </label>
          ))}
        </div>
      )}
      {text('name', t('publishTargets.name'), null, { placeholder: t('publishTargets.namePlaceholder') })}
      {draft.kind === 'local' && (
        <>
          {text('folder', t('publishTargets.folder'), t('publishTargets.folderHint'), { readOnly: true })}
          <div className="publish-targets-choose-folder">
            <button type="button" className="button button-small" onClick={() => void chooseFolder()}>
              {t('publishTargets.chooseFolder')}
            </button>
            {chooseProblem !== null && (
              <span role="alert" className="field-error">
                {chooseProblem}
              </span>
            )}
          </div>
        </>
      )}
      {draft.kind !== 'local' && (
        <>
          {text(
            'baseUrl',
            draft.kind === 'wordpress' ? t('publishTargets.siteUrl') : draft.kind === 'manual' ? t('handPublish.newsSiteUrl') : t('publishTargets.apiUrl'),
            draft.kind === 'wordpress' ? t('publishTargets.siteUrlHint') : draft.kind === 'manual' ? t('handPublish.newsSiteUrlHint') : t('publishTargets.apiUrlHint'),
            { type: 'url', placeholder: 'https://' }
          )}
          {text('siteHosts', t('trust.siteHosts'), t('trust.siteHostsHint'), { placeholder: 'www.example.edu.cn' })}
          {draft.kind === 'wordpress' && text('username', t('publishTargets.username'), null)}
          {draft.kind === 'manual' && text('backEndUrl', t('handPublish.backEndUrl'), t('handPublish.backEndUrlHint'), { type: 'url', placeholder: 'https://' })}
        </>
      )}
      {(draft.kind === 'wordpress' || draft.kind === 'cms') && (
        <>
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-secret`}>
              {draft.kind === 'wordpress' ? t('publishTargets.appPassword') : t('publishTargets.token')}
            </label>
            {/* Write-only: what is stored is never read back, so the field starts empty and empty means "keep it". */}
            <input
              id={`${ids}-secret`}
              type="password"
              autoComplete="new-password"
              value={draft.secret}
              aria-invalid={secretError !== null}
              aria-describedby={`${ids}-secret-hint`}
              onChange={(event) => set({ secret: event.target.value })}
              onBlur={() => onTouched('secret')}
            />
            <span id={`${ids}-secret-hint`} className={secretError === null ? 'field-hint' : 'field-error'}>
              {secretError ?? secretHint}
            </span>
          </div>
        </>
      )}
      {draft.kind === 'wordpress' && (
        <>
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-route`}>
              {t('publishTargets.routeStyle')}
            </label>
            <select id={`${ids}-route`} value={draft.routeStyle} onChange={(event) => set({ routeStyle: event.target.value as WordPressRouteStyle })}>
              {ROUTE_STYLES.map((style) => (
                <option key={style} value={style}>
                  {t(`publishTargets.routeStyles.${style}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-status`}>
              {t('publishTargets.defaultStatus')}
            </label>
            <select id={`${ids}-status`} value={draft.defaultStatus} onChange={(event) => set({ defaultStatus: event.target.value as DefaultStatus })}>
              {DEFAULT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`publishTargets.statuses.${status}`)}
                </option>
              ))}
            </select>
          </div>
          <label className="settings-checkbox">
            <input type="checkbox" checked={draft.allowCreateCategory} onChange={(event) => set({ allowCreateCategory: event.target.checked })} />
            {t('publishTargets.allowCreateCategory')}
          </label>
          <Rows
            title={t('publishTargets.categoryMap')}
            hint={t('publishTargets.categoryMapHint')}
            count={draft.categoryRows.length}
            onAdd={() => set({ categoryRows: [...draft.categoryRows, { column: '', categoryId: '' }] })}
            onRemove={(index) => set({ categoryRows: draft.categoryRows.filter((_, other) => other !== index) })}
            error={(index) => problem(`categoryRows.${index}`)}
            row={(index) => {
              const row = draft.categoryRows[index] ?? { column: '', categoryId: '' }
              const update = (patch: Partial<typeof row>) => set({ categoryRows: draft.categoryRows.map((other, at) => (at === index ? { ...other, ...patch } : other)) })
              return (
                <>
                  <input
                    type="text"
                    aria-label={t('publishTargets.rowColumn', { n: index + 1 })}
                    placeholder={t('publishTargets.categoryColumn')}
                    list={`${ids}-columns`}
                    aria-invalid={problem(`categoryRows.${index}`) !== null}
                    value={row.column}
                    onChange={(event) => update({ column: event.target.value })}
                    onBlur={() => onTouched(`categoryRows.${index}`)}
                  />
                  <span aria-hidden="true">→</span>
                  <input
                    type="number"
                    inputMode="numeric"
                    min={1}
                    step={1}
                    aria-label={t('publishTargets.rowCategoryId', { n: index + 1 })}
                    placeholder={t('publishTargets.categoryId')}
                    aria-invalid={problem(`categoryRows.${index}`) !== null}
                    value={row.categoryId}
                    onChange={(event) => update({ categoryId: event.target.value })}
                    onBlur={() => onTouched(`categoryRows.${index}`)}
                  />
                </>
              )
            }}
          />
          <datalist id={`${ids}-columns`}>
            {columns.map((column) => (
              <option key={column} value={column} />
            ))}
          </datalist>
        </>
      )}
      {draft.kind === 'cms' && (
        <Rows
          title={t('publishTargets.fieldMapping')}
          hint={t('publishTargets.fieldMappingHint')}
          count={draft.fieldRows.length}
          onAdd={() => set({ fieldRows: [...draft.fieldRows, { ours: '', theirs: '' }] })}
          onRemove={(index) => set({ fieldRows: draft.fieldRows.filter((_, other) => other !== index) })}
          error={(index) => problem(`fieldRows.${index}`)}
          row={(index) => {
            const row = draft.fieldRows[index] ?? { ours: '', theirs: '' }
            const update = (patch: Partial<typeof row>) => set({ fieldRows: draft.fieldRows.map((other, at) => (at === index ? { ...other, ...patch } : other)) })
            return (
              <>
                <select
                  aria-label={t('publishTargets.rowOurs', { n: index + 1 })}
                  aria-invalid={problem(`fieldRows.${index}`) !== null}
                  value={row.ours}
                  onChange={(event) => update({ ours: event.target.value as CmsArticleField | '' })}
                  onBlur={() => onTouched(`fieldRows.${index}`)}
                >
                  <option value="">{t('publishTargets.chooseField')}</option>
                  {CMS_ARTICLE_FIELDS.map((field) => (
                    <option key={field} value={field}>
                      {t('publishTargets.cmsFieldOption', { label: t(`publishTargets.cmsFields.${field}`), field })}
                    </option>
                  ))}
                </select>
                <span aria-hidden="true">→</span>
                <input
                  type="text"
                  spellCheck={false}
                  aria-label={t('publishTargets.rowTheirs', { n: index + 1 })}
                  placeholder={t('publishTargets.fieldTheirs')}
                  aria-invalid={problem(`fieldRows.${index}`) !== null}
                  value={row.theirs}
                  onChange={(event) => update({ theirs: event.target.value })}
                  onBlur={() => onTouched(`fieldRows.${index}`)}
                />
              </>
            )
          }}
        />
      )}
      <label className="settings-checkbox">
        <input type="checkbox" checked={makeDefault} onChange={(event) => onMakeDefault(event.target.checked)} />
        {t('publishTargets.makeDefaultOnSave')}
      </label>
      <div className="directory-actions">
        <button type="button" className="button button-small" onClick={onCancel}>
          {t('publishTargets.cancel')}
        </button>
        <button type="button" className="button button-small button-primary" disabled={busy} onClick={onSave}>
          {busy ? t('publishTargets.saving') : t('publishTargets.save')}
        </button>
      </div>
    </fieldset>
  )
}

type RowsProps = {
  title: string
  hint: string
  count: number
  row(index: number): ReactNode
  error(index: number): string | null
  onAdd(): void
  onRemove(index: number): void
}

function Rows({ title, hint, count, row, error, onAdd, onRemove }: RowsProps) {
  const { t } = useTranslation()
  const ids = useId()
  return (
    <div className="publish-targets-rows" role="group" aria-labelledby={`${ids}-title`} aria-describedby={`${ids}-hint`}>
      <span id={`${ids}-title`} className="field-label">
        {title}
      </span>
      <span id={`${ids}-hint`} className="field-hint">
        {hint}
      </span>
      {Array.from({ length: count }, (_, index) => {
        const message = error(index)
        return (
          <div key={index} className="publish-targets-row">
            <div className="publish-targets-row-fields">
              {row(index)}
              <button type="button" className="link-button link-button-danger" aria-label={t('publishTargets.removeRow', { n: index + 1 })} onClick={() => onRemove(index)}>
                {t('publishTargets.remove')}
              </button>
            </div>
            {message !== null && <span className="field-error">{message}</span>}
          </div>
        )
      })}
      <div>
        <button type="button" className="button button-small" onClick={onAdd}>
          {t('publishTargets.addRow')}
        </button>
      </div>
    </div>
  )
}
