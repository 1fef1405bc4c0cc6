import { ArticleMetadataSchema, type ArticleMetadata } from '../model/metadata'
import type { Draft } from '../model/draft'
import type { Article } from './toHtml'

/** What a draft holds of its article: the saved draft, or what the editor holds right now. */
export type DraftArticleSource = Pick<Draft, 'title' | 'column' | 'body'>

/**
 * The article a draft stands for: what preview, export and publishing render. Until drafts carry their
 * own metadata (editor, writers, publication date …) it is built from the title and column alone; this is
 * the one place that changes when they do.
 */
export function articleOf(draft: DraftArticleSource): Article {
  const metadata: ArticleMetadata = ArticleMetadataSchema.parse({ title: draft.title, column: draft.column })
  return { body: draft.body, metadata }
}
