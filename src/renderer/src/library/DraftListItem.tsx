import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { DraftSummary } from '@shared/model/draft'
import { formatLastEdited } from './lastEdited'
import { useChain } from '../workflow/ChainContext'
import { statusClass, statusText } from '../workflow/chainText'

export function TrashListItem({ draft, now, onRestore }: { draft: DraftSummary; now: Date; onRestore(): void }) {
  const { t, i18n } = useTranslation()
  const ids = useId()
  const title = draft.title.trim() || t('library.untitled')
  const chain = useChain()
  const trashedAt = formatLastEdited(draft.trashedAt ?? draft.updatedAt, now, i18n.language, t('library.justNow'))
  return (
    <li className="draft-item draft-item-trashed" aria-labelledby={`${ids}-title`}>
      <div className="draft-open draft-open-static">
        <span id={`${ids}-title`} className={`draft-title${draft.title.trim() ? '' : ' draft-title-untitled'}`}>
          {title}
        </span>
        <span className="draft-meta">
          <span className={`status-chip ${statusClass(draft.status)}`}>{statusText(draft.status, chain, t)}</span>
          {draft.column && <span className="draft-column-name">{draft.column}</span>}
          <time dateTime={draft.trashedAt ?? draft.updatedAt} className="draft-time">
            {t('library.trashedAt', { time: trashedAt })}
          </time>
        </span>
        {draft.excerpt && <span className="draft-excerpt">{draft.excerpt}</span>}
      </div>
      <div className="draft-actions">
        <button type="button" className="link-button" onClick={onRestore}>
          {t('library.restore')}
        </button>
      </div>
    </li>
  )
}
