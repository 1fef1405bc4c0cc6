import { createHash } from 'node:crypto'
import type { ArticleOutputSettings } from '../../../shared/article/articleOf'
import { DEFAULT_CREDIT_TEMPLATE } from '../../../shared/article/creditLine'
import type { Draft } from '../../../shared/model/draft'
import { canonicalContent, canonicalJson, type ContentHash, type SignedContent } from '../../../shared/model/workflow'

/** The content a sign-off vouches for, as stored in a history version. */
export function signedContentOf(draft: Pick<Draft, 'title' | 'column' | 'body' | 'metadata'>): SignedContent {
  return { title: draft.title, column: draft.column, body: draft.body, metadata: draft.metadata }
}

/**
 * The office's credit-line settings as a sign-off vouches for them: the published credit line is rendered
 * from them, so changing them after approval must void it like an edit. Null while they are the defaults,
 * which keeps the hashes of approvals made before the settings were covered (and of offices that never
 * changed them) as they were.
 */
export function creditSettingsInHash(output: ArticleOutputSettings | undefined): ArticleOutputSettings | null {
  if (output === undefined) return null
  const template = output.creditTemplate.trim()
  if ((template === '' || template === DEFAULT_CREDIT_TEMPLATE) && output.creditScript === 'simplified') return null
  return { creditTemplate: template === '' ? DEFAULT_CREDIT_TEMPLATE : template, creditScript: output.creditScript }
}

/**
 * SHA-256 of the canonical JSON of title, column, body and metadata (see canonicalContent), followed by the
 * credit settings when they are not the defaults (see creditSettingsInHash).
 */
export function contentHash(content: Pick<Draft, 'title' | 'column' | 'body' | 'metadata'>, output?: ArticleOutputSettings): ContentHash {
  const credit = creditSettingsInHash(output)
  const hash = createHash('sha256').update(canonicalContent(content), 'utf8')
  if (credit !== null) hash.update(`\n${canonicalJson({ credit })}`, 'utf8')
  return hash.digest('hex')
}
