import { useEffect, useId, useMemo, useRef, useState, type FocusEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { articleOf, type ArticleOutputSettings } from '@shared/article/articleOf'
import { formatCreditLine, formatEditorLine } from '@shared/article/creditLine'
import { collectAssetIds, sanitizeArticleBody, type AssetId } from '@shared/article/schema'
import { COLUMN_MAX, TITLE_MAX } from '@shared/model/draft'
import { DEPARTMENT_MAX, NAME_MAX, SUMMARY_MAX, TAG_MAX, TAGS_MAX, type ArticleMetadata } from '@shared/model/metadata'
import type { RequirableMetadataField } from '@shared/settings'
import { newsroom } from '../newsroom'
import { chineseDateTimeToLocalInput, isoToChineseDateTime, isoToLocalInput, localInputToIso, missingRequired, requiredErrors } from './metadataForm'
import { DirectoryAddition } from './DirectoryAddition'
import { SuggestInput, TokenInput } from './NameInputs'
import { ARTICLE_LANG } from '../a11y/articleLang'
import { SystemPicker, openPicker } from '../components/SystemPicker'

type Props = {
  draftId: string
  column: string
  /** The form's values as typed (not trimmed); the draft schema trims them when saved. */
  metadata: ArticleMetadata
  required: readonly RequirableMetadataField[]
  output: ArticleOutputSettings
  readOnly: boolean
  /** The body as the editor holds it now: the cover is chosen among its photos. */
  getBody(): unknown
  onColumnChange(column: string): void
  onChange(patch: Partial<ArticleMetadata>): void
}

const COLLAPSED_KEY = 'newsroom.metadataPanel.collapsed'

/** Below this width 稿件信息 is a drawer over the article (metadata/styles.css), folded until asked for. */
const DRAWER_BELOW_PX = 1200

function initiallyCollapsed(): boolean {
  try {
    const stored = window.localStorage.getItem(COLLAPSED_KEY)
    if (stored !== null) return stored === '1'
  } catch {
    // Remembering the choice is a nicety.
  }
  return window.innerWidth < DRAWER_BELOW_PX
}

/**
 * Where 稿件信息 will be, as wide as it will be, while the article is painted first: the text is laid out once
 * at its final width instead of rewrapping when the panel comes.
 */
export function MetadataPanelPlaceholder() {
  const [collapsed] = useState(initiallyCollapsed)
  return <aside className={collapsed ? 'metadata-panel metadata-panel-collapsed' : 'metadata-panel'} aria-hidden="true" />
}

/** 稿件信息: column, people, date, summary, tags and cover, with the credit line they make. */
export function MetadataPanel({ draftId, column, metadata, required, output, readOnly, getBody, onColumnChange, onChange }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const [collapsed, setCollapsed] = useState(initiallyCollapsed)
  const [dateText, setDateText] = useState(() => isoToChineseDateTime(metadata.publishAt))
  const dateValid = chineseDateTimeToLocalInput(dateText) !== null
  const picker = useRef<HTMLInputElement>(null)
  const missing = missingRequired({ ...metadata, column }, required)
  // Fields the person has left; a required one left empty becomes an error then, not before.
  const [left, setLeft] = useState<ReadonlySet<RequirableMetadataField>>(new Set())
  const [showAllMissing, setShowAllMissing] = useState(false)
  const errors = requiredErrors(missing, left, showAllMissing)
  const isMissing = (field: RequirableMetadataField) => errors.includes(field)
  const onLeave = (field: RequirableMetadataField) => (event: FocusEvent) => {
    // Moving between a field's own parts (a name token and its box) is not leaving it.
    if (event.currentTarget.contains(event.relatedTarget as Node | null)) return
    if (!left.has(field)) setLeft(new Set([...left, field]))
  }

  function setDate(text: string) {
    setDateText(text)
    const local = chineseDateTimeToLocalInput(text)
    if (local !== null) onChange({ publishAt: local === '' ? null : localInputToIso(local) })
  }

  function toggle() {
    const next = !collapsed
    setCollapsed(next)
    try {
      window.localStorage.setItem(COLLAPSED_KEY, next ? '1' : '0')
    } catch {
      // Remembering the choice is a nicety.
    }
  }

  const hintId = (field: string) => `${ids}-${field}-hint`
  /** A labelled field with its 必填 mark and, while it is empty, the hint under it. */
  const row = (field: string, label: string, control: ReactNode, requirable = true) => {
    const isRequired = requirable && required.includes(field as RequirableMetadataField)
    return (
      <div className="metadata-field" key={field} onBlur={requirable ? onLeave(field as RequirableMetadataField) : undefined}>
        <label className="metadata-label" htmlFor={`${ids}-${field}`}>
          {label}
          {isRequired && (
            <span className="metadata-required-mark" aria-hidden="true">
              *
            </span>
          )}
        </label>
        {control}
        {isRequired && isMissing(field as RequirableMetadataField) && (
          <span id={hintId(field)} className="metadata-missing">
            {t('metadata.requiredHint', { field: label })}
          </span>
        )}
      </div>
    )
  }
  const aria = (field: RequirableMetadataField) => ({
    id: `${ids}-${field}`,
    invalid: isMissing(field),
    describedBy: isMissing(field) ? hintId(field) : undefined,
    readOnly
  })

  const header = (
    <div className="metadata-head">
      <button type="button" className="metadata-toggle" aria-expanded={!collapsed} aria-controls={`${ids}-body`} onClick={toggle}>
        <span className="metadata-toggle-icon" aria-hidden="true">
          {collapsed ? '‹' : '›'}
        </span>
        <span className="metadata-title">{t('metadata.title')}</span>
      </button>
      {missing.length > 0 && (
        <button
          type="button"
          className={errors.length > 0 ? 'metadata-missing-count' : 'metadata-missing-count metadata-missing-count-quiet'}
          aria-live="polite"
          title={t('comfort.metadata.showMissing')}
          onClick={() => {
            setShowAllMissing(true)
            if (collapsed) toggle()
          }}
        >
          {t('metadata.missingCount', { count: missing.length })}
        </button>
      )}
    </div>
  )

  if (collapsed) {
    return (
      <aside className="metadata-panel metadata-panel-collapsed" aria-label={t('metadata.title')}>
        {header}
      </aside>
    )
  }

  return (
    <aside className="metadata-panel" aria-label={t('metadata.title')}>
      {header}
      <div id={`${ids}-body`} className="metadata-body">
        {row(
          'column',
          t('metadata.fields.column'),
          <SuggestInput field="column" value={column} maxLength={COLUMN_MAX} placeholder={t('metadata.placeholders.column')} onChange={onColumnChange} {...aria('column')} />
        )}
        {row(
          'subtitle',
          t('metadata.fields.subtitle'),
          <input
            lang={ARTICLE_LANG}
            type="text"
            className="metadata-input"
            value={metadata.subtitle}
            maxLength={TITLE_MAX}
            aria-invalid={isMissing('subtitle')}
            aria-describedby={isMissing('subtitle') ? hintId('subtitle') : undefined}
            id={`${ids}-subtitle`}
            data-check-field="subtitle"
            readOnly={readOnly}
            onChange={(event) => onChange({ subtitle: event.target.value })}
          />
        )}
        {row(
          'sourceDepartment',
          t('metadata.fields.sourceDepartment'),
          <SuggestInput
            field="sourceDepartment"
            value={metadata.sourceDepartment}
            maxLength={DEPARTMENT_MAX}
            placeholder={t('metadata.placeholders.sourceDepartment')}
            onChange={(sourceDepartment) => onChange({ sourceDepartment })}
            {...aria('sourceDepartment')}
          />
        )}
        {row(
          'editor',
          t('metadata.fields.editor'),
          <SuggestInput field="editor" value={metadata.editor} maxLength={NAME_MAX} onChange={(editor) => onChange({ editor })} {...aria('editor')} />
        )}
        {row(
          'authors',
          t('metadata.fields.authors'),
          <TokenInput field="authors" names={metadata.authors} placeholder={t('metadata.placeholders.names')} onChange={(authors) => onChange({ authors })} {...aria('authors')} />
        )}
        {row(
          'photographers',
          t('metadata.fields.photographers'),
          <TokenInput
            field="photographers"
            names={metadata.photographers}
            placeholder={t('metadata.placeholders.names')}
            onChange={(photographers) => onChange({ photographers })}
            {...aria('photographers')}
          />
        )}
        {row(
          'proofreader',
          t('metadata.fields.proofreader'),
          <SuggestInput field="proofreader" value={metadata.proofreader} maxLength={NAME_MAX} onChange={(proofreader) => onChange({ proofreader })} {...aria('proofreader')} />
        )}
        {row(
          'reviewer',
          t('metadata.fields.reviewer'),
          <SuggestInput field="reviewer" value={metadata.reviewer} maxLength={NAME_MAX} onChange={(reviewer) => onChange({ reviewer })} {...aria('reviewer')} />
        )}
        {row(
          'publishAt',
          t('metadata.fields.publishAt'),
          <>
            <div className="metadata-date">
              <input
                lang={ARTICLE_LANG}
                type="text"
                className="metadata-input"
                id={`${ids}-publishAt`}
                value={dateText}
                readOnly={readOnly}
                placeholder={t('comfort.metadata.datePlaceholder')}
                inputMode="numeric"
                spellCheck={false}
                aria-invalid={isMissing('publishAt') || !dateValid}
                aria-describedby={`${ids}-publishAt-zone${isMissing('publishAt') ? ` ${hintId('publishAt')}` : ''}`}
                onChange={(event) => setDate(event.target.value)}
                // Shown back in the one format, so 2024-10-2 9:30 reads 2024年10月2日 09:30 once typed.
                onBlur={() => dateValid && setDateText(isoToChineseDateTime(metadata.publishAt))}
              />
              {!readOnly && (
                <>
                  <button
                    type="button"
                    className="button button-small metadata-date-button"
                    aria-label={t('comfort.metadata.pickDate')}
                    title={t('comfort.metadata.pickDate')}
                    onClick={() => openPicker(picker.current)}
                  >
                    {t('comfort.metadata.pickDateShort')}
                  </button>
                  <SystemPicker
                    ref={picker}
                    type="datetime-local"
                    label={t('comfort.metadata.pickDate')}
                    value={isoToLocalInput(metadata.publishAt)}
                    onPick={(value) => setDate(isoToChineseDateTime(localInputToIso(value)))}
                  />
                </>
              )}
            </div>
            {!dateValid && (
              <span className="metadata-missing" role="alert">
                {t('comfort.metadata.dateInvalid')}
              </span>
            )}
            <span id={`${ids}-publishAt-zone`} className="metadata-note">
              {t('metadata.timeZone')}
            </span>
          </>
        )}
        {row(
          'summary',
          t('metadata.fields.summary'),
          <textarea
            lang={ARTICLE_LANG}
            id={`${ids}-summary`}
            data-check-field="summary"
            className="metadata-input metadata-summary"
            rows={3}
            value={metadata.summary}
            maxLength={SUMMARY_MAX}
            readOnly={readOnly}
            aria-invalid={isMissing('summary')}
            aria-describedby={isMissing('summary') ? hintId('summary') : undefined}
            onChange={(event) => onChange({ summary: event.target.value })}
          />
        )}
        {row(
          'tags',
          t('metadata.fields.tags'),
          <TokenInput field={null} names={metadata.tags} maxLength={TAG_MAX} max={TAGS_MAX} placeholder={t('metadata.placeholders.tags')} onChange={(tags) => onChange({ tags })} {...aria('tags')} />
        )}
        {row(
          'coverAssetId',
          t('metadata.fields.coverAssetId'),
          <CoverPicker
            id={`${ids}-coverAssetId`}
            draftId={draftId}
            cover={metadata.coverAssetId}
            readOnly={readOnly}
            getBody={getBody}
            onChange={(coverAssetId) => onChange({ coverAssetId })}
          />
        )}
        <CreditPreview metadata={metadata} output={output} />
        {!readOnly && <DirectoryAddition metadata={metadata} column={column} />}
      </div>
    </aside>
  )
}

function CreditPreview({ metadata, output }: { metadata: ArticleMetadata; output: ArticleOutputSettings }) {
  const { t } = useTranslation()
  const article = useMemo(() => articleOf({ title: '', column: '', body: null, metadata }, output), [metadata, output])
  let credit = ''
  try {
    credit = formatCreditLine(article.metadata, article.creditLine)
  } catch {
    // A broken template is reported in the settings; the panel shows the line as missing.
  }
  const editorLine = formatEditorLine(article.metadata, article.locale ?? 'zh-CN')
  return (
    <div className="metadata-credit">
      <span className="metadata-label">{t('metadata.creditLine')}</span>
      <p className="metadata-credit-line" data-testid="credit-line" data-check-field="credit">
        {credit === '' ? <span className="metadata-note">{t('metadata.noCreditLine')}</span> : credit}
      </p>
      <span className="metadata-label">{t('metadata.editorLine')}</span>
      <p className="metadata-credit-line" data-testid="editor-line">
        {editorLine === '' ? <span className="metadata-note">{t('metadata.noEditorLine')}</span> : editorLine}
      </p>
    </div>
  )
}

type CoverProps = {
  id: string
  draftId: string
  cover: AssetId | null
  readOnly: boolean
  getBody(): unknown
  onChange(cover: AssetId | null): void
}

/** The cover is one of the article's own photos; the choices are read from the body when the list opens. */
function CoverPicker({ id, draftId, cover, readOnly, getBody, onChange }: CoverProps) {
  const { t } = useTranslation()
  const [assetUrlBase, setAssetUrlBase] = useState<string | null>(null)
  const [choices, setChoices] = useState<AssetId[] | null>(null)

  useEffect(() => {
    let live = true
    newsroom()
      .app.info({})
      .then((info) => live && setAssetUrlBase(info.assetUrlBase))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [])

  const src = (assetId: AssetId) => (assetUrlBase === null ? undefined : `${assetUrlBase}${draftId}/${assetId}`)

  return (
    <div className="metadata-cover">
      <div className="metadata-cover-current">
        {cover === null ? (
          <span className="metadata-note">{t('metadata.noCover')}</span>
        ) : (
          <img className="metadata-cover-thumb" src={src(cover)} alt={t('metadata.coverAlt')} />
        )}
        {!readOnly && (
          <button
            id={id}
            type="button"
            className="button button-small"
            aria-expanded={choices !== null}
            onClick={() => setChoices(choices === null ? collectAssetIds(sanitizeArticleBody(getBody()).body) : null)}
          >
            {t('metadata.chooseCover')}
          </button>
        )}
        {!readOnly && cover !== null && (
          <button type="button" className="button button-small button-quiet" onClick={() => onChange(null)}>
            {t('metadata.removeCover')}
          </button>
        )}
      </div>
      {choices !== null &&
        (choices.length === 0 ? (
          <p className="metadata-note">{t('metadata.noPhotos')}</p>
        ) : (
          <ul className="metadata-cover-choices" aria-label={t('metadata.coverChoices')}>
            {choices.map((assetId, index) => (
              <li key={assetId}>
                <button
                  type="button"
                  className="metadata-cover-choice"
                  aria-pressed={assetId === cover}
                  aria-label={t('metadata.coverChoice', { position: index + 1 })}
                  onClick={() => {
                    onChange(assetId)
                    setChoices(null)
                  }}
                >
                  <img src={src(assetId)} alt="" />
                </button>
              </li>
            ))}
          </ul>
        ))}
    </div>
  )
}
