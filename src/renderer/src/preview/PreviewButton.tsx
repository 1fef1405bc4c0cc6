import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleOutputSettings, DraftArticleSource } from '@shared/article/articleOf'
import type { WechatTemplate } from '@shared/article/wechatTemplate'
import { PreviewDialog } from './PreviewDialog'

type Props = {
  draftId: string
  /** Read when the preview opens: the editor's content at that moment. */
  getSource(): DraftArticleSource
  /** The office's credit line settings. */
  output?: ArticleOutputSettings
  /** The office's 公众号 look, for the 公众号 tab. */
  wechatTemplate?: WechatTemplate | undefined
  saveFailed: boolean
}

/** 预览 in the editor's header, and the preview it opens. */
export function PreviewButton({ draftId, getSource, output, wechatTemplate, saveFailed }: Props) {
  const { t } = useTranslation()
  const [source, setSource] = useState<DraftArticleSource | null>(null)
  return (
    <>
      <button type="button" className="button preview-open" onClick={() => setSource(getSource())}>
        {t('preview.open')}
      </button>
      {source && <PreviewDialog draftId={draftId} source={source} output={output} wechatTemplate={wechatTemplate} saveFailed={saveFailed} onClose={() => setSource(null)} />}
    </>
  )
}
