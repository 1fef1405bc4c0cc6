import { useTranslation } from 'react-i18next'
import { failureText } from '../../../photos/failureText'
import type { PhotoFailure } from './photoFiles'

/** One line per picture that was not inserted, naming the file, until dismissed. */
export function PhotoFailureNotice({ failures, onDismiss }: { failures: readonly PhotoFailure[]; onDismiss(): void }) {
  const { t } = useTranslation()
  return (
    <div role="alert" className="banner banner-error photo-failures">
      <ul className="photo-failures-list">
        {failures.map((failure, index) => (
          <li key={index}>
            {failure.name === ''
              ? t('images.failedUnnamed', { reason: failureText(t, failure.code) })
              : t('images.failed', { name: failure.name, reason: failureText(t, failure.code) })}
          </li>
        ))}
      </ul>
      <button type="button" className="button button-small" onClick={onDismiss}>
        {t('app.dismiss')}
      </button>
    </div>
  )
}
