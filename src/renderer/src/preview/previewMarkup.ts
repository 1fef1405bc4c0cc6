// Relative imports, not @shared: this module is unit-tested under Vitest, which has no @shared alias.
import { articleOf, withShownDate, type ArticleOutputSettings, type DraftArticleSource } from '../../../shared/article/articleOf'
import { formatCreditLine } from '../../../shared/article/creditLine'
import { articleToHtml, escapeHtml, type Article } from '../../../shared/article/toHtml'

/** Schemes the preview's picture addresses may use: the app's own, or the E2E harness's loopback server. */
const PREVIEW_IMAGE_PROTOCOLS = ['newsroom-asset:', 'http:', 'https:']

/** The article as the site will show it once published, dated by the same rule as every output. */
export function previewArticle(source: DraftArticleSource, now: Date, output?: ArticleOutputSettings): Article {
  return withShownDate(articleOf(source, output), now)
}

export type PreviewMarkupOptions = {
  draftId: string
  /** `newsroom.app.info().assetUrlBase`: a stored picture is at `${assetUrlBase}${draftId}/${assetId}`. */
  assetUrlBase: string
  /** Shown where the credit line goes while the article has none. */
  creditPlaceholder: string
}

/**
 * The markup inside the preview's `.news-page`: the same <article> the exported page holds, with
 * articleToHtml's output as it is. Only a placeholder for a missing credit line is added.
 */
export function previewMarkup(article: Article, options: PreviewMarkupOptions): string {
  const html = articleToHtml(article, (assetId) => `${options.assetUrlBase}${options.draftId}/${assetId}`, {
    header: true,
    imageProtocols: PREVIEW_IMAGE_PROTOCOLS
  })
  const hasCreditLine = formatCreditLine(article.metadata, article.creditLine) !== ''
  const placeholder = hasCreditLine ? '' : `\n<p class="preview-credit-placeholder">${escapeHtml(options.creditPlaceholder)}</p>`
  return `<article class="news-article${hasCreditLine ? ' has-credit-line' : ''}">\n${html}${placeholder}\n</article>`
}

/** Preview-only rules, inside the shadow root before the site's style. */
export const PREVIEW_FRAME_CSS = `
:host { all: initial; display: block; }
.news-article > p.preview-credit-placeholder {
  margin-top: 1.6em;
  padding: 6px 10px;
  border: 1px dashed #c8c8c8;
  border-radius: 4px;
  color: #6b6b6b;
  font-size: 14px;
  text-align: right;
  text-indent: 0;
}
`
