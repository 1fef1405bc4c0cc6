// Relative imports, not @shared: this module is unit-tested under Vitest, which has no @shared alias.
import type { ArticleOutputSettings, DraftArticleSource } from '../../../shared/article/articleOf'
import { renderWechatArticle } from '../../../shared/article/toWechatHtml'
import { checkWechatFields, measureWechatContent, type LimitUse, type WechatContentSize } from '../../../shared/article/wechatLimits'
import type { WechatTemplate } from '../../../shared/article/wechatTemplate'
import { previewArticle } from '../preview/previewMarkup'

/** Schemes the phone preview's photo addresses may use: the app's own, or the E2E harness's loopback server. */
const PHONE_IMAGE_PROTOCOLS = ['newsroom-asset:', 'http:', 'https:']

export interface WechatPreview {
  /** The 公众号 layout with the photos shown: our own serializer's output, inline styles only. */
  html: string
  title: string
  /** 作者 as the 公众号 shows it under the title: the writers, else the department. */
  author: string
  /** What 复制到公众号 will paste (placeholders, plus the editor's <img> estimate per photo). */
  size: WechatContentSize
  titleUse: LimitUse
}

export type WechatPreviewOptions = {
  draftId: string
  /** `newsroom.app.info().assetUrlBase`: a stored photo is at `${assetUrlBase}${draftId}/${assetId}`. */
  assetUrlBase: string
  template?: Partial<WechatTemplate>
}

/** The phone preview of the article the editor holds now, measured the way it will be pasted. */
export function wechatPreviewOf(source: DraftArticleSource, now: Date, output: ArticleOutputSettings | undefined, options: WechatPreviewOptions): WechatPreview {
  const article = previewArticle(source, now, output)
  const template = options.template ? { template: options.template } : {}
  const shown = renderWechatArticle(article, (assetId) => `${options.assetUrlBase}${options.draftId}/${assetId}`, { ...template, imageProtocols: PHONE_IMAGE_PROTOCOLS })
  const pasted = renderWechatArticle(article, null, template)
  const title = article.metadata.title.trim()
  const author = article.metadata.authors.join('、') || article.metadata.sourceDepartment.trim()
  return {
    html: shown.html,
    title,
    author,
    size: measureWechatContent(pasted.html, pasted.photos.length),
    titleUse: checkWechatFields({ title, author, digest: '', sourceUrl: '' }).title
  }
}
