import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleOutputSettings, DraftArticleSource } from '@shared/article/articleOf'
import type { WechatTemplate } from '@shared/article/wechatTemplate'
import type { TFunction } from 'i18next'
import type { AppErrorCode } from '@shared/errors'
import type { MissingPicture, SiteStyles } from '@shared/ipc/channels/export'
import { Modal } from '../components/Modal'
import { TabList } from '../components/TabList'
import { errorCodeOf, errorDetailOf } from '../drafts/errorText'
import { newsroom } from '../newsroom'
import { WechatPanel } from '../wechat/WechatPanel'
import { ArticlePreview } from './ArticlePreview'
import { previewArticle, previewMarkup } from './previewMarkup'

type Format = 'html' | 'html-single' | 'docx'

/** The words of each export: the single-file page has its own section (outputs), the others are preview's. */
const FORMAT_WORDS = {
  html: { exporting: 'preview.exportingHtml', exported: 'preview.exportedHtml', failed: 'preview.failed.html' },
  'html-single': { exporting: 'outputs.exportingSingleFile', exported: 'outputs.exportedSingleFile', failed: 'outputs.failedSingleFile' },
  docx: { exporting: 'preview.exportingDocx', exported: 'preview.exportedDocx', failed: 'preview.failed.docx' }
} as const satisfies Record<Format, { exporting: string; exported: string; failed: string }>

type Status =
  | { kind: 'exporting'; format: Format }
  | { kind: 'exported'; format: Format; path: string; missing: MissingPicture[] }
  | { kind: 'failed'; action: Format | 'styles' | 'reveal'; code: AppErrorCode; detail: string }
  | { kind: 'stylesFile'; path: string }

type Props = {
  draftId: string
  /** The draft as the editor holds it now, unsaved edits included. */
  source: DraftArticleSource
  /** The office's credit line settings; the defaults when not given. */
  output?: ArticleOutputSettings | undefined
  /** The office's 公众号 look, for the 公众号 tab; the default when not given. */
  wechatTemplate?: WechatTemplate | undefined
  /** The last save failed: an export would miss the newest edits, so it is not offered. */
  saveFailed: boolean
  onClose(): void
}

/** 预览: the article as the school's site shows it, and its export as a web page or a Word document. */
const PREVIEW_VIEWS = ['site', 'wechat'] as const
type PreviewView = (typeof PREVIEW_VIEWS)[number]

export function PreviewDialog({ draftId, source, output, wechatTemplate, saveFailed, onClose }: Props) {
  const { t } = useTranslation()
  const ids = useId()
  const [assetUrlBase, setAssetUrlBase] = useState<string | null>(null)
  const [styles, setStyles] = useState<SiteStyles | null>(null)
  const [status, setStatus] = useState<Status | null>(null)
  const [now] = useState(() => new Date())
  const [view, setView] = useState<PreviewView>('site')

  useEffect(() => {
    let live = true
    const loadStyles = () =>
      newsroom()
        .preview.styles({})
        .then((next) => live && setStyles(next))
        .catch((error: unknown) => {
          if (!live) return
          setStyles((current) => current ?? { css: '', source: 'default', path: '' })
          setStatus({ kind: 'failed', action: 'styles', code: errorCodeOf(error), detail: errorDetailOf(error) })
        })
    newsroom()
      .app.info({})
      .then((info) => live && setAssetUrlBase(info.assetUrlBase))
      .catch(() => live && setAssetUrlBase(''))
    void loadStyles()
    // The office edits site.css in another program: coming back to the app shows their change.
    window.addEventListener('focus', loadStyles)
    return () => {
      live = false
      window.removeEventListener('focus', loadStyles)
    }
  }, [])

  const markup = useMemo(
    () =>
      assetUrlBase === null
        ? null
        : previewMarkup(previewArticle(source, now, output), { draftId, assetUrlBase, creditPlaceholder: t('preview.creditPlaceholder') }),
    [assetUrlBase, source, now, output, draftId, t]
  )

  async function exportAs(format: Format) {
    setStatus({ kind: 'exporting', format })
    try {
      const api = newsroom().export
      const result = format === 'html' ? await api.html({ draftId }) : format === 'html-single' ? await api.htmlSingleFile({ draftId }) : await api.docx({ draftId })
      setStatus('cancelled' in result ? null : { kind: 'exported', format, path: result.path, missing: result.missing })
    } catch (error) {
      setStatus({ kind: 'failed', action: format, code: errorCodeOf(error), detail: errorDetailOf(error) })
    }
  }

  async function customizeStyles() {
    try {
      const { path } = await newsroom().preview.customizeStyles({})
      setStatus({ kind: 'stylesFile', path })
      await newsroom().app.showInFolder({ path })
    } catch (error) {
      setStatus({ kind: 'failed', action: 'styles', code: errorCodeOf(error), detail: errorDetailOf(error) })
    }
  }

  function reveal(path: string) {
    newsroom()
      .export.showInFolder({ path })
      .catch((error: unknown) => setStatus({ kind: 'failed', action: 'reveal', code: errorCodeOf(error), detail: errorDetailOf(error) }))
  }

  const busy = status?.kind === 'exporting'
  return (
    <Modal labelledBy={`${ids}-title`} onClose={onClose} className="modal-preview">
      <div className="preview-dialog">
        <div className="preview-toolbar">
          <h2 id={`${ids}-title`} className="modal-title">
            {t('preview.title')}
          </h2>
          <div className="preview-actions">
            <button type="button" className="button" disabled={busy || saveFailed} onClick={() => void exportAs('html')}>
              {t('preview.exportHtml')}
            </button>
            <button type="button" className="button" disabled={busy || saveFailed} title={t('outputs.whichHtml')} onClick={() => void exportAs('html-single')}>
              {t('outputs.exportSingleFile')}
            </button>
            <button type="button" className="button" disabled={busy || saveFailed} onClick={() => void exportAs('docx')}>
              {t('preview.exportDocx')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => void customizeStyles()}>
              {t('preview.customizeStyles')}
            </button>
            <button type="button" className="button button-primary" data-autofocus onClick={onClose}>
              {t('preview.close')}
            </button>
          </div>
        </div>
        <TabList tabs={PREVIEW_VIEWS} selected={view} onSelect={setView} label={t('wechat.views')} idPrefix={ids}>
          {(name) => t(name === 'site' ? 'wechat.viewSite' : 'wechat.viewWechat')}
        </TabList>
        {saveFailed && <p className="preview-status preview-status-warning">{t('preview.saveFailed')}</p>}
        {view === 'site' ? (
          <div role="tabpanel" id={`${ids}-panel-site`} aria-labelledby={`${ids}-tab-site`} className="preview-view-panel">
            {status === null && <p className="preview-status preview-status-quiet">{t('outputs.whichHtml')}</p>}
            {styles?.source === 'custom' && status?.kind !== 'stylesFile' && (
              <p className="preview-status preview-status-quiet">{t('preview.customStylesInUse', { path: styles.path })}</p>
            )}
            <PreviewStatus status={status} onReveal={reveal} onDismiss={() => setStatus(null)} />
            <div className="preview-scroll">
              {markup !== null && styles !== null ? (
                <ArticlePreview markup={markup} css={styles.css} label={t('preview.article')} />
              ) : (
                <p className="preview-loading">{t('preview.loading')}</p>
              )}
            </div>
          </div>
        ) : (
          <div role="tabpanel" id={`${ids}-panel-wechat`} aria-labelledby={`${ids}-tab-wechat`} className="preview-view-panel">
            {assetUrlBase === null ? (
              <p className="preview-loading">{t('preview.loading')}</p>
            ) : (
              <WechatPanel draftId={draftId} source={source} output={output} template={wechatTemplate} assetUrlBase={assetUrlBase} now={now} saveFailed={saveFailed} />
            )}
          </div>
        )}
      </div>
    </Modal>
  )
}

const EXPORT_ERROR_CODES = ['disk-full', 'read-only', 'not-found', 'internal'] as const
type ExportErrorCode = (typeof EXPORT_ERROR_CODES)[number]

/** Writing somewhere the person chose has its own words for a full or read-only disk; the rest read as anywhere. */
function reasonText(code: AppErrorCode, t: TFunction): string {
  return (EXPORT_ERROR_CODES as readonly string[]).includes(code) ? t(`preview.errors.${code as ExportErrorCode}`) : t(`errors.${code}`)
}

function PreviewStatus({ status, onReveal, onDismiss }: { status: Status | null; onReveal(path: string): void; onDismiss(): void }) {
  const { t } = useTranslation()
  if (status === null) return null
  switch (status.kind) {
    case 'exporting':
      return (
        <p className="preview-status preview-status-quiet" role="status">
          {t(FORMAT_WORDS[status.format].exporting)}
        </p>
      )
    case 'stylesFile':
      return (
        <p className="preview-status preview-status-quiet" role="status">
          {t('preview.stylesFile', { path: status.path })}
        </p>
      )
    case 'exported': {
      const missing = status.missing
        .map((picture) => (picture.caption === '' ? t('preview.pictureNumber', { position: picture.position }) : t('preview.pictureWithCaption', { position: picture.position, caption: picture.caption })))
        .join(t('preview.listSeparator'))
      return (
        <div className={`preview-status ${missing === '' ? 'preview-status-ok' : 'preview-status-warning'}`} role="status">
          <p>
            {t(FORMAT_WORDS[status.format].exported, { path: status.path })}
            {missing !== '' && ` ${t('preview.missingPictures', { number: status.missing.length, pictures: missing })}`}
          </p>
          <button type="button" className="button button-small" onClick={() => onReveal(status.path)}>
            {t('preview.showInFolder')}
          </button>
          <button type="button" className="button button-small button-quiet" onClick={onDismiss}>
            {t('app.dismiss')}
          </button>
        </div>
      )
    }
    case 'failed':
      return (
        <div className="preview-status preview-status-error" role="alert">
          <p title={status.detail}>
            {t(status.action === 'styles' || status.action === 'reveal' ? `preview.failed.${status.action}` : FORMAT_WORDS[status.action].failed, { reason: reasonText(status.code, t) })}
          </p>
          <button type="button" className="button button-small button-quiet" onClick={onDismiss}>
            {t('app.dismiss')}
          </button>
        </div>
      )
  }
}
