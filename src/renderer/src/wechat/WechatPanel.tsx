import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { ArticleOutputSettings, DraftArticleSource } from '@shared/article/articleOf'
import { WECHAT_IMG_MARKUP_ESTIMATE, type WechatContentSize } from '@shared/article/wechatLimits'
import type { WechatCopyResult } from '@shared/ipc/channels/wechat'
import type { WechatTemplate } from '@shared/article/wechatTemplate'
import { errorCodeOf, errorDetailOf } from '../drafts/errorText'
import { newsroom } from '../newsroom'
import { PhonePreview } from './PhonePreview'
import { WechatArticleFields } from './WechatArticleFields'
import { wechatPreviewOf } from './wechatPreview'

type Props = {
  draftId: string
  source: DraftArticleSource
  output?: ArticleOutputSettings | undefined
  template?: WechatTemplate | undefined
  assetUrlBase: string
  now: Date
  /** The last save failed: a copy would miss the newest edits, so it is not offered. */
  saveFailed: boolean
}

type Status = { kind: 'copying' } | { kind: 'copied'; result: WechatCopyResult } | { kind: 'failed'; reason: string; detail: string }

// The preview dialog's own status lines: the 公众号 tab lives inside it.
const LEVEL_CLASS = { ok: 'preview-status-quiet', near: 'preview-status-warning', over: 'preview-status-error' } as const

function sizeText(size: WechatContentSize, t: TFunction): string {
  return t(`wechat.size.${size.level}`, {
    characters: size.characters.used,
    characterLimit: size.characters.limit,
    kb: Math.ceil(size.bytes.used / 1000),
    kbLimit: size.bytes.limit / 1000,
    estimate: WECHAT_IMG_MARKUP_ESTIMATE
  })
}

/** 公众号 tab of 预览: the layout at a phone's width, how close it is to the limits, and 复制到公众号. */
export function WechatPanel({ draftId, source, output, template, assetUrlBase, now, saveFailed }: Props) {
  const { t } = useTranslation()
  const [status, setStatus] = useState<Status | null>(null)
  const preview = useMemo(() => wechatPreviewOf(source, now, output, { draftId, assetUrlBase, ...(template ? { template } : {}) }), [source, now, output, draftId, assetUrlBase, template])

  async function copy() {
    setStatus({ kind: 'copying' })
    try {
      setStatus({ kind: 'copied', result: await newsroom().wechat.copy({ draftId }) })
    } catch (error) {
      const code = errorCodeOf(error)
      setStatus({ kind: 'failed', reason: code === 'approval-required' ? t('wechat.approvalRequired') : t(`errors.${code}`), detail: errorDetailOf(error) })
    }
  }

  const size = status?.kind === 'copied' ? status.result.size : preview.size
  return (
    <div className="wechat-panel">
      <div className="wechat-bar">
        <p className={`wechat-size ${LEVEL_CLASS[size.level]}`} role={size.level === 'ok' ? undefined : 'alert'}>
          {sizeText(size, t)}
        </p>
        <button type="button" className="button button-primary" disabled={saveFailed || status?.kind === 'copying'} onClick={() => void copy()}>
          {status?.kind === 'copying' ? t('wechat.copying') : t('wechat.copy')}
        </button>
      </div>
      {preview.titleUse.level === 'over' && (
        <p className="preview-status preview-status-error" role="alert">
          {t('wechat.titleTooLong', { used: preview.titleUse.used, limit: preview.titleUse.limit })}
        </p>
      )}
      <CopyStatus status={status} t={t} />
      <div className="wechat-scroll">
        <WechatArticleFields draftId={draftId} source={source} assetUrlBase={assetUrlBase} author={preview.author} />
        <PhonePreview html={preview.html} title={preview.title} byline={preview.author} label={t('wechat.phone')} />
      </div>
    </div>
  )
}

function CopyStatus({ status, t }: { status: Status | null; t: TFunction }) {
  if (status === null || status.kind === 'copying') return null
  if (status.kind === 'failed')
    return (
      <p className="preview-status preview-status-error" role="alert" title={status.detail}>
        {t('wechat.failed', { reason: status.reason })}
      </p>
    )
  const { result } = status
  const problems = result.problems.map((p) => t(`wechat.problem.${p.reason}`, { number: p.number })).join(t('preview.listSeparator'))
  return (
    <div className={`preview-status wechat-copied ${problems === '' ? 'preview-status-ok' : 'preview-status-warning'}`} role="status">
      <p>{result.photos === 0 ? t('wechat.copiedNoPhotos') : t('wechat.copied', { photos: result.photos, folder: result.folder })}</p>
      {problems !== '' && <p>{t('wechat.problems', { number: result.problems.length, pictures: problems })}</p>}
    </div>
  )
}
