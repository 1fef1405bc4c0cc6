import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { PublishConflict } from '@shared/model/publish'
import { shortTime } from '../workflow/timeText'
import { htmlBlocksAsText } from './articleText'

/** The site's version beside ours, as text, so the person decides whether to overwrite the edit made there. */
export function ConflictView({ conflict }: { conflict: PublishConflict }) {
  const { t } = useTranslation()
  const ids = useId()
  const sides = [
    { key: 'remote', heading: t('publish.conflict.remote', { time: shortTime(conflict.remoteModifiedAt) }), version: conflict.remote },
    { key: 'ours', heading: t('publish.conflict.ours'), version: conflict.ours }
  ] as const
  return (
    <div className="publish-conflict">
      {sides.map((side) => (
        <section key={side.key} className={`publish-conflict-side publish-conflict-${side.key}`} aria-labelledby={`${ids}-${side.key}`}>
          <h3 id={`${ids}-${side.key}`}>{side.heading}</h3>
          <p className="publish-conflict-title">{side.version.title}</p>
          <div className="publish-conflict-content">
            {htmlBlocksAsText(side.version.content).map((text, index) => (
              <p key={index}>{text}</p>
            ))}
          </div>
        </section>
      ))}
    </div>
  )
}
