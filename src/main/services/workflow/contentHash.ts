import { createHash } from 'node:crypto'
import type { Draft } from '../../../shared/model/draft'
import { canonicalContent, type ContentHash, type SignedContent } from '../../../shared/model/workflow'

/** The content a sign-off vouches for, as stored in a history version. */
export function signedContentOf(draft: Pick<Draft, 'title' | 'column' | 'body' | 'metadata'>): SignedContent {
  return { title: draft.title, column: draft.column, body: draft.body, metadata: draft.metadata }
}

/** SHA-256 of the canonical JSON of title, column, body and metadata (see canonicalContent). */
export function contentHash(content: Pick<Draft, 'title' | 'column' | 'body' | 'metadata'>): ContentHash {
  return createHash('sha256').update(canonicalContent(content), 'utf8').digest('hex')
}
