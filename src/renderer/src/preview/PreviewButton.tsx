import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleOutputSettings, DraftArticleSource } from '@shared/article/articleOf'
import { PreviewDialog } from './PreviewDialog'

type Props = {
  draftId: string
  /** Read when the preview opens: the editor's content at that moment. */
  getSource(): DraftArticleSource
  /** The office's credit line settings. */
  output?: ArticleOutputSettings
  saveFailed: boolean
}

/** 预览 in the editor's header, and the preview it opens. */
export function PreviewButton({ draftId, getSource, output, saveFailed }: Props) {
  const { t } = useTranslation()
  const [source, setSource] = useState<DraftArticleSource | null>(null)
  return (
    <>
      <button type="button" className="button preview-open" onClick={() => setSource(getSource())}>
        {t('preview.open')}
      </button>
      {source && <PreviewDialog draftId={draftId} source={source} output={output} saveFailed={saveFailed} onClose={() => setSource(null)} />}
    </>
  )
}
