import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { windowTitle } from '@shared/windowTitle'

/** The open draft's title in the window title; Electron's window follows the page's document.title. */
export function useWindowTitle(draftTitle: string | null | undefined): void {
  const { t } = useTranslation()
  const title = windowTitle({ appName: t('about.appName'), untitled: t('library.untitled'), draftTitle })
  useEffect(() => {
    document.title = title
  }, [title])
}
