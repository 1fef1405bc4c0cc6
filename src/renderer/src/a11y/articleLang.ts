/**
 * The office writes its articles in Chinese whatever language the UI speaks: fields holding the article (title,
 * body, 稿件信息 values) carry this, so a screen reader in the English UI reads them with a Chinese voice.
 */
export const ARTICLE_LANG = 'zh-CN'
