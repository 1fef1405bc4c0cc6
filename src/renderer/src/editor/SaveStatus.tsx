import { useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import type { SaveState } from '../drafts/autosave'
import { errorCodeOf, errorDetailOf } from '../drafts/errorText'

/** What an autosave says about itself, followed as it changes. */
export type SaveStateSource = { readonly state: SaveState; subscribe(listener: () => void): () => void }

/** The save state, re-rendering only the component that asks when it changes. */
export function useSaveState(source: SaveStateSource): SaveState {
  return useSyncExternalStore(source.subscribe, () => source.state)
}

/** The visible save state next to the title, announced politely to screen readers, with a retry on failure. */
export function SaveStatus({ source, onRetry }: { source: SaveStateSource; onRetry(): void }) {
  const { t } = useTranslation()
  const state = useSaveState(source)
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
      <div role="status" aria-live="polite" className="save-status-text" title={state.kind === 'failed' ? errorDetailOf(state.error) : undefined}>
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
