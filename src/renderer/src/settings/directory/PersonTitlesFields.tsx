import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { TITLES_MAX, TITLE_NAME_MAX } from '@shared/model/directory'
import { rankOfText, type TitleRow } from './personTitles'
import { DateField } from '../../components/DateField'

type Props = {
  name: string
  rows: TitleRow[]
  rank: string
  onRows(rows: TitleRow[]): void
  onRank(rank: string): void
}

/**
 * A person's 职务 over time (each from a date, so an article is checked against the title held on its 发布时间)
 * and their rank among the school's leaders (1 is listed first).
 */
export function PersonTitlesFields({ name, rows, rank, onRows, onRank }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const who = name.trim() || t('checks.person.thisPerson')
  const setRow = (index: number, patch: Partial<TitleRow>) => onRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)))
  const rankValid = rankOfText(rank) !== undefined
  return (
    <div className="directory-titles" role="group" aria-label={t('checks.person.group', { name: who })}>
      {rows.map((row, index) => (
        <div key={index} className="directory-person-fields">
          <label className="directory-inline-field">
            <span>{t('checks.person.title')}</span>
            <input type="text" value={row.title} maxLength={TITLE_NAME_MAX} placeholder={t('checks.person.placeholder')} onChange={(event) => setRow(index, { title: event.target.value })} />
          </label>
          <label className="directory-inline-field">
            <span>{t('checks.person.from')}</span>
            <DateField value={row.from} onChange={(from) => setRow(index, { from })} />
          </label>
          <button
            type="button"
            className="link-button link-button-danger"
            aria-label={t('checks.person.removeNamed', { title: row.title || index + 1 })}
            onClick={() => onRows(rows.filter((_, i) => i !== index))}
          >
            {t('directory.remove')}
          </button>
        </div>
      ))}
      <div className="directory-person-fields">
        <button type="button" className="button button-small" disabled={rows.length >= TITLES_MAX} onClick={() => onRows([...rows, { title: '', from: '' }])}>
          {t('checks.person.add')}
        </button>
        <label className="directory-inline-field">
          <span>{t('checks.person.rank')}</span>
          <input
            type="text"
            inputMode="numeric"
            className="directory-rank-input"
            value={rank}
            aria-invalid={!rankValid}
            aria-describedby={`${ids}-rank-hint`}
            onChange={(event) => onRank(event.target.value)}
          />
        </label>
        <span id={`${ids}-rank-hint`} className={rankValid ? 'field-hint' : 'field-error'}>
          {t('checks.person.rankHint')}
        </span>
      </div>
      <p className="field-hint">{t('checks.person.hint')}</p>
    </div>
  )
}
