import { useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { articleToWechatHtml } from '@shared/article/toWechatHtml'
import { DEFAULT_WECHAT_TEMPLATE, WECHAT_END_TEXT_MAX, type WechatTemplate } from '@shared/article/wechatTemplate'
import { emptyMetadata } from '@shared/model/metadata'
import { PhonePreview } from './PhonePreview'
import { nextWechatTemplate, type WechatTemplateDraft } from './templateForm'

const HEX = /^#[0-9a-f]{6}$/i

/** The settings dialog's 公众号 section as editable state: what to save (with the next version), and whether it may be. */
export function useWechatTemplateForm(saved: WechatTemplate) {
  const [draft, setDraft] = useState<WechatTemplateDraft>({ accent: saved.accent, text: saved.text, muted: saved.muted, titleBar: saved.titleBar, endText: saved.endText })
  const valid = HEX.test(draft.accent) && HEX.test(draft.text) && HEX.test(draft.muted) && draft.endText.trim().length <= WECHAT_END_TEXT_MAX
  return { saved, draft, setDraft, valid, patch: valid ? nextWechatTemplate(saved, draft) : null }
}

const COLOURS = ['accent', 'text', 'muted'] as const

/** 公众号样式: the office's title bar, colours and end block, with the layout shown live at phone width. */
export function WechatTemplateFields({ form }: { form: ReturnType<typeof useWechatTemplateForm> }) {
  const { t } = useTranslation()
  const ids = useId()
  const { draft, setDraft } = form
  const sample = useMemo(
    () => ({
      body: {
        root: {
          type: 'root',
          children: [
            { type: 'paragraph', children: [{ type: 'text', text: t('wechat.sample.paragraph') }] },
            { type: 'heading', tag: 'h2', children: [{ type: 'text', text: t('wechat.sample.heading') }] },
            { type: 'image', assetId: `sha256-${'0'.repeat(64)}.jpg`, caption: t('wechat.sample.caption'), alt: '', credit: '' }
          ]
        }
      },
      metadata: { ...emptyMetadata(), column: t('wechat.sample.column'), authors: [t('wechat.sample.author')] }
    }),
    [t]
  )
  const html = useMemo(() => articleToWechatHtml(sample, null, { template: { ...draft, version: form.saved.version } }), [sample, draft, form.saved.version])
  const version = form.patch?.version ?? form.saved.version
  return (
    <fieldset className="wechat-template">
      <legend className="field-label">{t('wechat.template.heading')}</legend>
      <p className="field-hint">{t('wechat.template.version', { version })}</p>
      <div className="wechat-template-body">
        <div className="wechat-template-fields">
          {COLOURS.map((name) => (
            <div className="field" key={name}>
              <label className="field-label" htmlFor={`${ids}-${name}`}>
                {t(`wechat.template.${name}`)}
              </label>
              <input id={`${ids}-${name}`} type="color" value={HEX.test(draft[name]) ? draft[name] : DEFAULT_WECHAT_TEMPLATE[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />
            </div>
          ))}
          <label className="field-check">
            <input type="checkbox" checked={draft.titleBar} onChange={(e) => setDraft({ ...draft, titleBar: e.target.checked })} />
            <span>{t('wechat.template.titleBar')}</span>
          </label>
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-end`}>
              {t('wechat.template.endText')}
            </label>
            <input id={`${ids}-end`} type="text" maxLength={WECHAT_END_TEXT_MAX} value={draft.endText} placeholder={t('wechat.template.endTextPlaceholder')} onChange={(e) => setDraft({ ...draft, endText: e.target.value })} />
          </div>
          <button type="button" className="button button-small button-quiet" onClick={() => setDraft({ ...DEFAULT_WECHAT_TEMPLATE })}>
            {t('wechat.template.reset')}
          </button>
          <p className="field-hint">{t('wechat.template.approvalHint')}</p>
        </div>
        <div className="wechat-template-preview">
          <PhonePreview html={html} title={t('wechat.sample.title')} byline={t('wechat.sample.author')} label={t('wechat.template.preview')} />
        </div>
      </div>
    </fieldset>
  )
}
