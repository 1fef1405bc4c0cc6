import { DRAFT_SCHEMA_VERSION, type Draft } from '../../../src/shared/model/draft'
import { articleBody } from '../../../bench/lib/newsText'
import { emptyMetadata, type ArticleMetadata } from '../../../src/shared/model/metadata'

let counter = 0

/** A draft as the store writes it, with the given title, body text and metadata. */
export function draftWith(init: { id?: string; title?: string; body?: string; column?: string; status?: Draft['status']; metadata?: Partial<ArticleMetadata>; updatedAt?: string; createdAt?: string }): Draft {
  counter += 1
  const at = init.updatedAt ?? `2025-10-${String((counter % 28) + 1).padStart(2, '0')}T08:00:00.000Z`
  return {
    schemaVersion: DRAFT_SCHEMA_VERSION,
    id: init.id ?? `draft-${String(counter).padStart(4, '0')}`,
    title: init.title ?? '',
    column: init.column ?? '',
    status: init.status ?? 'draft',
    body: articleBody(init.body ?? ''),
    metadata: { ...emptyMetadata(), ...init.metadata },
    createdAt: init.createdAt ?? at,
    updatedAt: at,
    revision: 1,
    signOffs: []
  }
}
