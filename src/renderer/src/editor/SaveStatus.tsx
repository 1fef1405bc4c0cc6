import { useEffect, useRef, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import type { SaveState } from '../drafts/autosave'
import { errorCodeOf, errorDetailOf } from '../drafts/errorText'
import { useAnnounce } from '../a11y/announce'

/** What an autosave says about itself, followed as it changes. */
export type SaveStateSource = { readonly state: SaveState; subscribe(listener: () => void): () => void }

/** The save state, re-rendering only the component that asks when it changes. */
export function useSaveState(source: SaveStateSource): SaveState {
  return useSyncExternalStore(source.subscribe, () => source.state)
}

/**
 * The visible save state next to the title, with a retry on failure. Screen readers hear only what matters:
 * the draft's first save and a failure, not 保存中…/已保存 at every pause in the typing.
 */
export function SaveStatus({ source, onRetry }: { source: SaveStateSource; onRetry(): void }) {
  const { t } = useTranslation()
  const state = useSaveState(source)
  const announce = useAnnounce()
  const savedOnce = useRef(false)
  const previous = useRef(state.kind)
  useEffect(() => {
    const before = previous.current
    previous.current = state.kind
    if (state.kind === before) return
    if (state.kind === 'failed') announce(`${t('save.failed')} ${t(`save.errors.${errorCodeOf(state.error)}`)}`)
    else if (state.kind === 'saved' && (!savedOnce.current || before === 'failed')) announce(t('save.saved'))
    if (state.kind === 'saved') savedOnce.current = true
  }, [state, announce, t])
  let label: string
  let reason: string | null = null
  switch (state.kind) {
    case 'saved':
      label = t('save.saved')
      break
    case 'saving':
      label = t('save.saving')
      break
    case 'unsaved':
      label = t('save.unsaved')
      break
    case 'failed':
      label = t('save.failed')
      reason = t(`save.errors.${errorCodeOf(state.error)}`)
      break
  }
  return (
    <div className={`save-status save-status-${state.kind}`}>
      {/* A status by role, but not live: the announcements above say what is worth hearing. */}
      <div role="status" aria-live="off" className="save-status-text" title={state.kind === 'failed' ? errorDetailOf(state.error) : undefined}>
        <span className="save-status-label">{label}</span>
        {reason && (
          <>
            {' '}
            <span className="save-status-reason">{reason}</span>
          </>
        )}
      </div>
      {state.kind === 'failed' && (
        <button type="button" className="button button-small" onClick={onRetry}>
          {t('save.retry')}
        </button>
      )}
    </div>
  )
}
