import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DraftArticleSource } from '@shared/article/articleOf'
import { collectAssetIds, sanitizeArticleBody } from '@shared/article/schema'
import { checkWechatFields, type LimitUse } from '@shared/article/wechatLimits'
import type { CoverCrop, WechatArticle } from '@shared/model/wechat'
import { errorCodeOf } from '../drafts/errorText'
import { newsroom } from '../newsroom'
import { CENTRED, COVER_SHAPES, cropOf, frameOf, publishedUrlOf, type CoverShape, type CropFrame } from './cover'

type Props = {
  draftId: string
  source: DraftArticleSource
  assetUrlBase: string
  /** 作者 as the 公众号 shows it. */
  author: string
}

type Size = { width: number; height: number }
const LEVEL = { ok: 'wechat-count', near: 'wechat-count wechat-count-near', over: 'wechat-count wechat-count-over' } as const

function Count({ use, unit }: { use: LimitUse; unit: string }) {
  return <span className={LEVEL[use.level]}>{`${String(use.used)} / ${String(use.limit)} ${unit}`}</span>
}

/** 公众号信息: the 摘要, 作者, 阅读原文 and cover crops, checked against the platform's limits and saved like an edit. */
export function WechatArticleFields({ draftId, source, assetUrlBase, author }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const photos = useMemo(() => [...new Set(collectAssetIds(sanitizeArticleBody(source.body).body))], [source.body])
  const [saved, setSaved] = useState<WechatArticle | null | undefined>(undefined)
  const [digest, setDigest] = useState('')
  const [cover, setCover] = useState<string | null>(null)
  const [frames, setFrames] = useState<Record<CoverShape, CropFrame>>({ crop235: CENTRED, crop11: CENTRED })
  const [size, setSize] = useState<Size | null>(null)
  const [sourceUrl, setSourceUrl] = useState('')
  const [status, setStatus] = useState<'saving' | 'saved' | 'voided' | 'failed' | null>(null)
  const [reason, setReason] = useState('')

  useEffect(() => {
    let live = true
    newsroom()
      .drafts.open({ id: draftId })
      .then((draft) => {
        if (!live) return
        const wechat = draft.wechat ?? null
        setSaved(wechat)
        // Filled from the article until someone writes a 公众号 摘要 of their own.
        setDigest(wechat?.digest ?? (source.metadata?.summary ?? '').trim())
        setCover(wechat?.cover?.assetId ?? photos[0] ?? null)
      })
      .catch(() => live && setSaved(null))
    newsroom()
      .publish.records({ draftId })
      .then((records) => live && setSourceUrl(publishedUrlOf(records)))
      .catch(() => undefined)
    return () => {
      live = false
    }
    // Loaded once per opening: later edits here are the person's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draftId])

  const fields = checkWechatFields({ title: source.title, author, digest, sourceUrl })
  const crops = size === null ? null : { crop235: cropOf(size.width, size.height, COVER_SHAPES.crop235, frames.crop235), crop11: cropOf(size.width, size.height, COVER_SHAPES.crop11, frames.crop11) }

  function onPhotoLoad(next: Size) {
    setSize(next)
    // A saved crop of this photo opens where it was approved.
    if (saved?.cover && saved.cover.assetId === cover)
      setFrames({ crop235: frameOf(next.width, next.height, COVER_SHAPES.crop235, saved.cover.crop235), crop11: frameOf(next.width, next.height, COVER_SHAPES.crop11, saved.cover.crop11) })
  }

  async function save() {
    setStatus('saving')
    const wechat: WechatArticle = { digest: digest.trim(), cover: cover !== null && crops !== null ? { assetId: cover, ...crops } : null }
    try {
      const answer = await newsroom().wechat.setArticle({ draftId, wechat })
      setSaved(wechat)
      setStatus(answer.statusChanged || answer.invalidated.length > 0 ? 'voided' : 'saved')
    } catch (error) {
      setReason(t(`errors.${errorCodeOf(error)}`))
      setStatus('failed')
    }
  }

  if (saved === undefined) return null
  return (
    <details className="wechat-fields">
      <summary>{t('wechat.fields.heading')}</summary>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-digest`}>
          {t('wechat.fields.digest')} <Count use={fields.digest} unit={t('wechat.fields.chars')} />
        </label>
        <textarea id={`${ids}-digest`} rows={3} value={digest} aria-invalid={fields.digest.level === 'over'} onChange={(e) => setDigest(e.target.value)} />
        <span className="field-hint">{t('wechat.fields.digestHint')}</span>
      </div>
      <p className="wechat-fact">
        {t('wechat.fields.fact', { label: t('wechat.fields.title'), value: source.title })} <Count use={fields.title} unit={t('wechat.fields.chars')} />
      </p>
      <p className="wechat-fact">
        {t('wechat.fields.fact', { label: t('wechat.fields.author'), value: author || t('wechat.fields.none') })} <Count use={fields.author} unit={t('wechat.fields.chars')} />
      </p>
      <p className="wechat-fact">
        {t('wechat.fields.fact', { label: t('wechat.fields.sourceUrl'), value: sourceUrl || t('wechat.fields.notPublished') })} {sourceUrl !== '' && <Count use={fields.sourceUrl} unit="B" />}
      </p>
      <div className="field">
        <span className="field-label">{t('wechat.fields.cover')}</span>
        {photos.length === 0 ? (
          <span className="field-hint">{t('wechat.fields.noPhotos')}</span>
        ) : (
          <div className="wechat-cover-choices" role="radiogroup" aria-label={t('wechat.fields.cover')}>
            {photos.map((assetId, index) => (
              <button
                key={assetId}
                type="button"
                role="radio"
                aria-checked={cover === assetId}
                aria-label={t('wechat.fields.photoNumber', { number: index + 1 })}
                className={cover === assetId ? 'wechat-cover-choice wechat-cover-choice-active' : 'wechat-cover-choice'}
                onClick={() => {
                  setCover(assetId)
                  setSize(null)
                  setFrames({ crop235: CENTRED, crop11: CENTRED })
                }}
              >
                <img src={`${assetUrlBase}${draftId}/${assetId}`} alt="" />
              </button>
            ))}
          </div>
        )}
      </div>
      {cover !== null && (
        <div className="wechat-crops">
          {(Object.keys(COVER_SHAPES) as CoverShape[]).map((shape) => (
            <CropView
              key={`${cover}-${shape}`}
              label={t(`wechat.fields.${shape}`)}
              src={`${assetUrlBase}${draftId}/${cover}`}
              crop={crops?.[shape] ?? null}
              frame={frames[shape]}
              onFrame={(frame) => setFrames({ ...frames, [shape]: frame })}
              onLoad={shape === 'crop235' ? onPhotoLoad : undefined}
            />
          ))}
        </div>
      )}
      <div className="wechat-fields-actions">
        <button type="button" className="button" disabled={status === 'saving' || fields.digest.level === 'over'} onClick={() => void save()}>
          {t('wechat.fields.save')}
        </button>
        {status !== null && status !== 'saving' && (
          <span role="status" className={status === 'failed' ? 'field-error' : 'field-hint'}>
            {t(`wechat.fields.${status}`, { reason })}
          </span>
        )}
      </div>
    </details>
  )
}

type CropViewProps = {
  label: string
  src: string
  crop: CoverCrop | null
  frame: CropFrame
  onFrame(frame: CropFrame): void
  onLoad?: ((size: Size) => void) | undefined
}

/** One cover shape: the photo with the crop drawn on it, and sliders for its size and place. */
function CropView({ label, src, crop, frame, onFrame, onLoad }: CropViewProps) {
  const { t } = useTranslation()
  const slider = (key: keyof CropFrame, min: number) => (
    <label className="wechat-crop-slider">
      <span>{t(`wechat.fields.${key}`)}</span>
      <input type="range" min={min} max={1} step={0.01} value={frame[key]} aria-label={`${label} ${t(`wechat.fields.${key}`)}`} onChange={(e) => onFrame({ ...frame, [key]: Number(e.target.value) })} />
    </label>
  )
  return (
    <figure className="wechat-crop">
      <figcaption>{label}</figcaption>
      <div className="wechat-crop-photo">
        <img src={src} alt="" onLoad={(e) => onLoad?.({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })} />
        {crop !== null && (
          <div
            className="wechat-crop-frame"
            style={{ left: `${String(crop.x1 * 100)}%`, top: `${String(crop.y1 * 100)}%`, width: `${String((crop.x2 - crop.x1) * 100)}%`, height: `${String((crop.y2 - crop.y1) * 100)}%` }}
          />
        )}
      </div>
      {slider('scale', 0.2)}
      {slider('x', 0)}
      {slider('y', 0)}
    </figure>
  )
}
