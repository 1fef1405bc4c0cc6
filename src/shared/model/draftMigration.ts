/**
 * Versioned migrations of stored drafts (draft.json, and the draft.json of a .newsroom package), applied
 * before the current schema validates. Each step takes the raw JSON of one version to the next and never
 * touches anything it does not understand; the schema then judges the result.
 */

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value)

/**
 * Version 1 → 2: the fixed chain becomes the office's chain. Today's 校对 and 审核 become steps `proofread`
 * and `review` of the standard chain (the default), so a draft signed by today's app reads, gates and
 * prints exactly as before. 待校对/待审核 become waiting for those steps; a sign-off's `role` is gone (the
 * step says it); a return names the step it came from.
 */
const STATUS_V1_TO_V2: Record<string, string> = { proofreading: 'awaiting:proofread', review: 'awaiting:review' }
const STEP_OF_V1_ACTION: Record<string, { stepId: string; stepName: string }> = {
  submit: { stepId: 'submit', stepName: '提交' },
  proofread: { stepId: 'proofread', stepName: '校对' },
  review: { stepId: 'review', stepName: '审核' },
  publish: { stepId: 'publish', stepName: '发布' }
}

function statusV2(status: unknown): unknown {
  return typeof status === 'string' ? (STATUS_V1_TO_V2[status] ?? status) : status
}

function signOffV2(record: unknown): unknown {
  if (!isObject(record)) return record
  const { role: _role, ...rest } = record
  const action = record.action
  const from = statusV2(record.from)
  let step = typeof action === 'string' ? STEP_OF_V1_ACTION[action] : undefined
  if (action === 'return') step = from === 'awaiting:review' ? STEP_OF_V1_ACTION.review : STEP_OF_V1_ACTION.proofread
  return {
    ...rest,
    action: action === 'proofread' || action === 'review' ? 'sign' : action,
    ...(step ?? {}),
    from,
    to: statusV2(record.to)
  }
}

function v1ToV2(draft: Json): Json {
  return {
    ...draft,
    schemaVersion: 2,
    status: statusV2(draft.status),
    signOffs: Array.isArray(draft.signOffs) ? draft.signOffs.map(signOffV2) : draft.signOffs
  }
}

const MIGRATIONS: Record<number, (draft: Json) => Json> = { 1: v1ToV2 }

/** The raw draft JSON brought up to the current version; anything unrecognisable is left for the schema to refuse. */
export function migrateDraftRecord(raw: unknown): unknown {
  if (!isObject(raw)) return raw
  let draft = raw
  for (;;) {
    const version = draft.schemaVersion
    const step = typeof version === 'number' ? MIGRATIONS[version] : undefined
    if (!step) return draft
    draft = step(draft)
  }
}
