import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { AppErrorCode } from '@shared/errors'
import type { PhotoFailure } from './photoFiles'

function reasonText(t: TFunction, code: AppErrorCode): string {
  switch (code) {
    case 'unsupported-file':
      return t('images.errors.unsupported-file')
    case 'file-too-large':
      return t('images.errors.file-too-large')
    case 'corrupt-file':
      return t('images.errors.corrupt-file')
    case 'disk-full':
      return t('images.errors.disk-full')
    case 'read-only':
      return t('images.errors.read-only')
    case 'not-found':
      return t('images.errors.not-found')
    default:
      return t('images.errors.other')
  }
}

/** One line per picture that was not inserted, naming the file, until dismissed. */
export function PhotoFailureNotice({ failures, onDismiss }: { failures: readonly PhotoFailure[]; onDismiss(): void }) {
  const { t } = useTranslation()
  return (
    <div role="alert" className="banner banner-error photo-failures">
      <ul className="photo-failures-list">
        {failures.map((failure, index) => (
          <li key={index}>
            {failure.name === ''
              ? t('images.failedUnnamed', { reason: reasonText(t, failure.code) })
              : t('images.failed', { name: failure.name, reason: reasonText(t, failure.code) })}
          </li>
        ))}
      </ul>
      <button type="button" className="button button-small" onClick={onDismiss}>
        {t('app.dismiss')}
      </button>
    </div>
  )
}
