import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { DraftSummary } from '@shared/model/draft'
import { formatLastEdited } from './lastEdited'
import { useChain } from '../workflow/ChainContext'
import { statusClass, statusText } from '../workflow/chainText'

type Props = {
  draft: DraftSummary
  selected: boolean
  now: Date
  onOpen(): void
  onRename(): void
  onDuplicate(): void
  onTrash(): void
}

export function DraftListItem({ draft, selected, now, onOpen, onRename, onDuplicate, onTrash }: Props) {
  const { t, i18n } = useTranslation()
  const ids = useId()
  const title = draft.title.trim() || t('library.untitled')
  const chain = useChain()
  const edited = formatLastEdited(draft.updatedAt, now, i18n.language, t('library.justNow'))
  return (
    <li className={`draft-item${selected ? ' draft-item-selected' : ''}`} aria-labelledby={`${ids}-title`}>
      <button type="button" className="draft-open" aria-current={selected ? 'true' : undefined} onClick={onOpen}>
        <span id={`${ids}-title`} className={`draft-title${draft.title.trim() ? '' : ' draft-title-untitled'}`}>
          {title}
        </span>
        <span className="draft-meta">
          <span className={`status-chip ${statusClass(draft.status)}`}>{statusText(draft.status, chain, t)}</span>
          {draft.column && <span className="draft-column">{draft.column}</span>}
          <time dateTime={draft.updatedAt} className="draft-time">
            {t('library.lastEdited', { time: edited })}
          </time>
        </span>
        <span className="draft-excerpt">{draft.excerpt || t('library.noExcerpt')}</span>
      </button>
      <div className="draft-actions" role="group" aria-label={t('library.actions')}>
        <button type="button" className="link-button" onClick={onRename}>
          {t('library.rename')}
        </button>
        <button type="button" className="link-button" onClick={onDuplicate}>
          {t('library.duplicate')}
        </button>
        <button type="button" className="link-button link-button-danger" onClick={onTrash}>
          {t('library.moveToTrash')}
        </button>
      </div>
    </li>
  )
}

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
          {draft.column && <span className="draft-column">{draft.column}</span>}
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
