import { escapeHtml } from '../../../shared/article/toHtml'

/**
 * An exported article page allows nothing but its own inline style and pictures from beside it: no
 * script, no remote resource, no form, no base. `file:` because the page is usually opened from disk.
 */
export const ARTICLE_PAGE_CSP = "default-src 'none'; img-src 'self' file: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

export type ArticlePage = {
  /** articleToHtml's output, placed as it is. */
  articleHtml: string
  title: string
  css: string
  hasCreditLine: boolean
  lang?: string
  /** Markup above the article inside the page, e.g. the local site's link home. */
  beforeArticle?: string
}

/** CSS placed in a <style> element cannot close it early. */
export function cssForStyleElement(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1')
}

/**
 * A standalone page: the article in the markup resources/preview/site.css styles (the preview builds the
 * same two wrappers), the site CSS in the head, UTF-8 declared first.
 */
export function articlePageHtml(page: ArticlePage): string {
  const articleClass = page.hasCreditLine ? 'news-article has-credit-line' : 'news-article'
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(page.lang ?? 'zh-CN')}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${ARTICLE_PAGE_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)}</title>`,
    '<style>',
    cssForStyleElement(page.css),
    '</style>',
    '</head>',
    '<body>',
    '<div class="news-page">',
    ...(page.beforeArticle === undefined ? [] : [page.beforeArticle]),
    `<article class="${articleClass}">`,
    page.articleHtml,
    '</article>',
    '</div>',
    '</body>',
    '</html>',
    ''
  ].join('\n')
}
