import { useTranslation } from 'react-i18next'
import type { ContentDiff, FieldChange, ParagraphChange } from '@shared/model/workflow'
import { collapseUnchanged, shortenSameRuns } from './diffDisplay'
import { REQUIRABLE_METADATA_FIELDS } from '@shared/settings'

// The title plus every metadata field (the same list the office picks its required fields from).
const FIELD_KEYS = ['title', ...REQUIRABLE_METADATA_FIELDS] as const
type FieldKey = (typeof FIELD_KEYS)[number]
const isFieldKey = (field: string): field is FieldKey => (FIELD_KEYS as readonly string[]).includes(field)

/** A content diff a person can read: changed article details, then the body block by block. */
export function DiffView({ diff }: { diff: ContentDiff }) {
  const { t } = useTranslation()
  if (diff.identical) return <p className="diff-identical">{t('workflow.diff.identical')}</p>
  return (
    <div className="diff-view">
      {diff.fields.length > 0 && (
        <section className="diff-section" aria-label={t('workflow.diff.fields')}>
          <h3 className="diff-heading">{t('workflow.diff.fields')}</h3>
          <table className="diff-fields">
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col">{t('workflow.diff.before')}</th>
                <th scope="col">{t('workflow.diff.after')}</th>
              </tr>
            </thead>
            <tbody>
              {diff.fields.map((change) => (
                <FieldRow key={change.field} change={change} />
              ))}
            </tbody>
          </table>
        </section>
      )}
      {diff.paragraphs.some((paragraph) => paragraph.kind !== 'same') && (
        <section className="diff-section" aria-label={t('workflow.diff.body')}>
          <h3 className="diff-heading">{t('workflow.diff.body')}</h3>
          <ol className="diff-body">
            {collapseUnchanged(diff.paragraphs).map((row) =>
              row.kind === 'collapsed' ? (
                <li key={`c${row.index}`} className="diff-collapsed">
                  {t('workflow.diff.collapsed', { count: row.count })}
                </li>
              ) : (
                <ParagraphRow key={`p${row.index}`} change={row.change} />
              )
            )}
          </ol>
        </section>
      )}
    </div>
  )
}

function FieldRow({ change }: { change: FieldChange }) {
  const { t } = useTranslation()
  const empty = t('workflow.diff.empty')
  return (
    <tr>
      <th scope="row">{isFieldKey(change.field) ? t(`workflow.fields.${change.field}`) : change.field}</th>
      <td>
        <del className="diff-removed">{change.before || empty}</del>
      </td>
      <td>
        <ins className="diff-added">{change.after || empty}</ins>
      </td>
    </tr>
  )
}

function ParagraphRow({ change }: { change: ParagraphChange }) {
  const { t } = useTranslation()
  const label = `${t(`workflow.diff.kinds.${change.kind}`)} · ${t(`workflow.diff.blocks.${change.block}`)}`
  return (
    <li className={`diff-paragraph diff-paragraph-${change.kind}`}>
      <span className="diff-paragraph-label">{label}</span>
      <p className="diff-paragraph-text">
        {change.kind === 'same' && (change.after ?? '')}
        {change.kind === 'added' && <ins className="diff-added">{change.after ?? ''}</ins>}
        {change.kind === 'removed' && <del className="diff-removed">{change.before ?? ''}</del>}
        {change.kind === 'changed' &&
          shortenSameRuns(change.parts).map((part, index) =>
            part.kind === 'added' ? (
              <ins key={index} className="diff-added">
                {part.text}
              </ins>
            ) : part.kind === 'removed' ? (
              <del key={index} className="diff-removed">
                {part.text}
              </del>
            ) : part.kind === 'elided' ? (
              <span key={index} className="diff-elided">
                {part.text}
              </span>
            ) : (
              <span key={index}>{part.text}</span>
            )
          )}
      </p>
    </li>
  )
}
