import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorCodeOf, errorDetailOf } from '../drafts/errorText'
import { newsroom } from '../newsroom'

type Props = {
  draftId: string
  flush(): Promise<boolean>
  onDone(text: string, path: string): void
  onFailed(text: string, detail: string): void
}

/** 导出稿件包: the draft with its pictures, sign-offs, log and history in one .newsroom file. */
export function ExportPackageButton({ draftId, flush, onDone, onFailed }: Props) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)

  async function run() {
    setBusy(true)
    try {
      // Main asks for a flush too; doing it first keeps the dialog from opening over a failing save.
      await flush()
      const result = await newsroom().packages.export({ draftId })
      if ('cancelled' in result) return
      const skipped = result.skipped.length > 0 ? ` ${t('packages.exportedSkipped', { count: result.skipped.length })}` : ''
      onDone(`${t('packages.exported', { path: result.path })}${skipped}`, result.path)
    } catch (error) {
      onFailed(t('packages.exportFailed', { reason: t(`errors.${errorCodeOf(error)}`) }), errorDetailOf(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <button type="button" className="button button-small button-quiet" disabled={busy} aria-busy={busy} onClick={() => void run()}>
      {busy ? t('packages.exporting') : t('packages.export')}
    </button>
  )
}
