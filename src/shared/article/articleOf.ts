import { ArticleMetadataSchema, type ArticleMetadata } from '../model/metadata'
import type { Draft } from '../model/draft'
import type { Settings } from '../settings'
import type { ChineseScript, EditorLineLocale } from './creditLine'
import type { Article } from './toHtml'

/**
 * What a draft holds of its article: the saved draft, or what the editor holds right now. Metadata is
 * optional for sources from before drafts carried it.
 */
export type DraftArticleSource = Pick<Draft, 'title' | 'column' | 'body'> & { metadata?: ArticleMetadata | undefined }

/** The office's settings that shape the published article: the credit line's template and script. */
export type ArticleOutputSettings = Pick<Settings, 'creditTemplate' | 'creditScript'>

const EDITOR_LINE_LOCALE: Readonly<Record<ChineseScript, EditorLineLocale>> = {
  simplified: 'zh-CN',
  'traditional-tw': 'zh-TW',
  'traditional-hk': 'zh-HK'
}

/**
 * The article a draft stands for: what preview, export and publishing render. Title and column come from
 * the top of the draft (the metadata's copies are ignored); the credit line follows the office's
 * settings when given, the defaults otherwise. This is the one place that builds it.
 */
export function articleOf(draft: DraftArticleSource, output?: ArticleOutputSettings): Article {
  const parsed = ArticleMetadataSchema.safeParse({ ...draft.metadata, title: draft.title, column: draft.column })
  // Unsaveable values (only the editor's unsaved form can hold them) fall back to title and column alone.
  const metadata: ArticleMetadata = parsed.success ? parsed.data : ArticleMetadataSchema.parse({ title: draft.title, column: draft.column })
  if (!output) return { body: draft.body, metadata }
  return {
    body: draft.body,
    metadata,
    creditLine: { template: output.creditTemplate, script: output.creditScript },
    locale: EDITOR_LINE_LOCALE[output.creditScript]
  }
}

/**
 * The one rule for the date an article shows (编辑/发布日期 line), in the preview and every output: its
 * 发布时间, or, while none is set, the moment it is rendered (previewed, exported or published).
 */
export function withShownDate<A extends Article>(article: A, now: Date): A {
  if (article.metadata.publishAt !== null) return article
  return { ...article, metadata: { ...article.metadata, publishAt: now.toISOString() } }
}
