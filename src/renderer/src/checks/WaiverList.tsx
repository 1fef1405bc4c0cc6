import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Waiver } from '@shared/model/signOff'
import { newsroom } from '../newsroom'
import './styles.css'

/** The waivers each sign-off of a draft carries, by sign-off id; empty until read (or when reading failed). */
export function useWaiversBySignOff(draftId: string): ReadonlyMap<string, readonly Waiver[]> {
  const [waivers, setWaivers] = useState<{ draftId: string; map: ReadonlyMap<string, readonly Waiver[]> }>({ draftId, map: new Map() })
  useEffect(() => {
    let live = true
    newsroom()
      .workflow.get({ draftId })
      .then(
        (state) => live && setWaivers({ draftId, map: new Map(state.signOffs.filter((s) => s.waivers.length > 0).map((s) => [s.id, s.waivers])) }),
        // The record still reads without them; the sign-off dialog and the approval form list them too.
        () => undefined
      )
    return () => {
      live = false
    }
  }, [draftId])
  return waivers.draftId === draftId ? waivers.map : new Map()
}

/** Who let which check through and why, as the sign-off record holds it. */
export function WaiverList({ waivers }: { waivers: readonly Waiver[] }) {
  const { t } = useTranslation()
  if (waivers.length === 0) return null
  return (
    <div className="checks-waivers" data-testid="waivers">
      <span className="checks-waivers-heading">{t('checks.waivers.heading', { count: waivers.length })}</span>
      <ul className="checks-waivers-list">
        {waivers.map((waiver, index) => (
          <li key={index}>{t('checks.waivers.line', { by: waiver.by, ruleId: waiver.ruleId, finding: waiver.finding, reason: waiver.reason })}</li>
        ))}
      </ul>
    </div>
  )
}
