import { useTranslation } from 'react-i18next'

/** A problem a person needs to read (a failed action), in their words, until they dismiss it. */
export function Notice({ message, detail, onDismiss }: { message: string; detail?: string; onDismiss(): void }) {
  const { t } = useTranslation()
  return (
    <div role="alert" className="banner banner-error">
      <p className="banner-message" title={detail}>
        {message}
      </p>
      <button type="button" className="button button-small" onClick={onDismiss}>
        {t('app.dismiss')}
      </button>
    </div>
  )
}
