import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { QuarantinedDraft } from '@shared/model/draft'

type Props = {
  items: QuarantinedDraft[]
  onShowInFolder(folder: string): void
  onAcknowledge(ids: string[]): void
}

/** Damaged draft files the person has not yet seen: what, why, and where they were kept (never deleted). */
export function QuarantineBanner({ items, onShowInFolder, onAcknowledge }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  if (items.length === 0) return null
  return (
    <section role="alert" className="banner banner-warning" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="banner-title">
        {t('quarantine.heading')}
      </h2>
      <div className="banner-list">
        {items.map((item) => (
          <div key={item.folder} className="banner-item">
            <p>
              {t('quarantine.item', {
                name: item.recoveredTitle.trim() || item.id,
                reason: t(`quarantine.reasons.${item.reason}`),
                detail: item.detail,
                folder: item.folder
              })}
            </p>
            <div className="banner-actions">
              <button type="button" className="button button-small" onClick={() => onShowInFolder(item.folder)}>
                {t('quarantine.showInFolder')}
              </button>
              <button type="button" className="button button-small" onClick={() => onAcknowledge([item.id])}>
                {t('quarantine.acknowledge')}
              </button>
            </div>
          </div>
        ))}
      </div>
    </section>
  )
}
