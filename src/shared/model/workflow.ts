import { z } from 'zod'
import { ArticleBodySchema, DraftIdSchema } from './draft'
import { DraftStatusSchema } from './draftStatus'
import { COLUMN_MAX, TITLE_MAX } from './limits'
import { ArticleMetadataSchema, NAME_MAX } from './metadata'
import { ChainSchema, ChainStepSchema } from './chain'
import { ContentHashSchema, SignOffSchema, VerificationSchema, WorkflowActionSchema } from './signOff'

export * from './signOff'

/**
 * The 三审三校 workflow: who signed what, when, on which content; the per-draft audit log; and the
 * history of earlier versions. Shared by main (which records them), the renderer (which shows them), the
 * .newsroom package and the printed approval form (which carry them).
 */

const IsoTimeSchema = z.iso.datetime({ offset: true })

/**
 * The parts of a draft that a sign-off vouches for. Revision, times, status and the sign-offs themselves
 * are not content; the proofreader and reviewer names are filled in by the sign-offs, so they are left out
 * too (otherwise the review sign-off, writing 审核: 王五, would invalidate the proofread one).
 */
export const SignedContentSchema = z.object({
  title: z.string().max(TITLE_MAX),
  column: z.string().max(COLUMN_MAX),
  body: ArticleBodySchema.nullable(),
  metadata: ArticleMetadataSchema
})
export type SignedContent = z.output<typeof SignedContentSchema>

export const METADATA_FIELDS_OUTSIDE_HASH = ['title', 'column', 'proofreader', 'reviewer'] as const

/** Sorted-key JSON: the same value always gives the same text, whatever order its keys were written in. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    // undefined has no JSON form; it is dropped from objects below and written as null in arrays.
    return value === undefined ? 'null' : JSON.stringify(value)
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
}

/**
 * The text that is hashed for a sign-off: title, column, body and the metadata normalised by its schema
 * (trimmed, duplicates removed), without the fields in METADATA_FIELDS_OUTSIDE_HASH.
 */
export function canonicalContent(content: { title: string; column: string; body: unknown; metadata: unknown }): string {
  const outside: readonly string[] = METADATA_FIELDS_OUTSIDE_HASH
  const metadata = Object.fromEntries(Object.entries(ArticleMetadataSchema.parse(content.metadata ?? {})).filter(([field]) => !outside.includes(field)))
  return canonicalJson({ title: content.title, column: content.column, body: content.body ?? null, metadata })
}

/** A sign-off as this desk sees it: still valid or not, and how far its signer is proven. */
export const SignOffViewSchema = SignOffSchema.extend({
  valid: z.boolean(),
  verification: VerificationSchema,
  /** The signing key's fingerprint (see `keyFingerprint`), null for a typed name. */
  fingerprint: z.string().nullable()
})
export type SignOffView = z.output<typeof SignOffViewSchema>

/** One step of the office's chain in the current round: its valid sign-off on the current content, if any. */
export const ChainProgressSchema = z.object({
  step: ChainStepSchema,
  signOff: SignOffViewSchema.nullable(),
  /** The sign-off counts for the 先审后发 gate (valid, on this content, and proven enough for this desk). */
  counts: z.boolean()
})
export type ChainProgress = z.output<typeof ChainProgressSchema>

/** Where a draft stands in the workflow, computed by main from its sign-offs and the current content. */
export const WorkflowStateSchema = z.object({
  draftId: DraftIdSchema,
  status: DraftStatusSchema,
  revision: z.number().int().nonnegative(),
  contentHash: ContentHashSchema,
  /** Every sign-off ever made, oldest first, each marked valid or not, verified or not. */
  signOffs: z.array(SignOffViewSchema),
  /** The office's chain as configured now. */
  chain: ChainSchema,
  /** The current round, step by step. */
  progress: z.array(ChainProgressSchema),
  /** The step that may be signed now, or null. */
  nextStep: ChainStepSchema.nullable(),
  /** The approval gate from settings (先审后发). */
  requireApproval: z.boolean(),
  /** Only signed sign-offs count here (settings.requireSignatures). */
  requireSignatures: z.boolean(),
  /** What the person may do now; publish is listed when the gate is off even without a chain. */
  allowedActions: z.array(WorkflowActionSchema),
  /** Publishing now would be recorded as without approval. */
  publishWithoutApproval: z.boolean()
})
export type WorkflowState = z.output<typeof WorkflowStateSchema>

export { WRITING_STATUSES } from './statusNames'

// ---------------------------------------------------------------------------------------------------------
// Audit log

/**
 * What the audit log records. `save` entries of one person within a few minutes are coalesced into one
 * entry with a count; the others are one line each.
 */
export const AUDIT_ACTIONS = [
  'create',
  'save',
  'submit',
  'signoff',
  'return',
  'publish',
  'invalidate',
  'export',
  'package-export',
  'import',
  'restore-version',
  'snapshot',
  'duplicate',
  'rename',
  'trash',
  'restore'
] as const
export const AuditActionSchema = z.enum(AUDIT_ACTIONS)
export type AuditAction = z.infer<typeof AuditActionSchema>

export const AuditEntrySchema = z.object({
  at: IsoTimeSchema,
  /** Who: the sign-off's name, or settings.userName for saves and exports; '' when nobody set a name. */
  actor: z.string().max(NAME_MAX),
  action: AuditActionSchema,
  /** Small, action-specific facts: revision, status from/to, sign-off id, file name, reason … */
  details: z.record(z.string(), z.unknown()).default({}),
  /** Coalesced saves: how many saves this entry stands for, and the time of the last one. */
  count: z.number().int().positive().optional(),
  until: IsoTimeSchema.optional()
})
export type AuditEntry = z.output<typeof AuditEntrySchema>
export type AuditEntryInput = z.input<typeof AuditEntrySchema>

// ---------------------------------------------------------------------------------------------------------
// History

export const HISTORY_REASONS = ['signoff', 'interval', 'before-restore', 'manual'] as const
export const HistoryReasonSchema = z.enum(HISTORY_REASONS)
export type HistoryReason = z.infer<typeof HistoryReasonSchema>

/** File-safe, sortable by time: `20240501T083000123Z-r42-signoff`. */
export const HistoryVersionIdSchema = z.string().regex(/^[0-9]{8}T[0-9]{9}Z-r[0-9]+-[a-z-]+(?:-[0-9]+)?$/, 'not a version id')
export type HistoryVersionId = z.infer<typeof HistoryVersionIdSchema>

/** One stored earlier version of a draft (history/<id>.json in the draft folder). */
export const HistoryVersionSchema = z.object({
  id: HistoryVersionIdSchema,
  at: IsoTimeSchema,
  reason: HistoryReasonSchema,
  revision: z.number().int().nonnegative(),
  /** Who caused it (the signer, the person restoring, the person saving). */
  actor: z.string().max(NAME_MAX).default(''),
  /** The sign-off this version was taken for, when reason is 'signoff'. */
  signOffId: z.string().nullable().default(null),
  content: SignedContentSchema
})
export type HistoryVersion = z.output<typeof HistoryVersionSchema>

export const HistoryVersionSummarySchema = z.object({
  id: HistoryVersionIdSchema,
  at: IsoTimeSchema,
  reason: HistoryReasonSchema,
  revision: z.number().int().nonnegative(),
  actor: z.string(),
  signOffId: z.string().nullable(),
  title: z.string(),
  wordCount: z.number().int().nonnegative()
})
export type HistoryVersionSummary = z.output<typeof HistoryVersionSummarySchema>

// ---------------------------------------------------------------------------------------------------------
// Diffs ("what changed since the approval", history diff)

export const TextPartSchema = z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() })
export type TextPart = z.infer<typeof TextPartSchema>

/**
 * One paragraph (block) of the body: unchanged, added, removed, or changed — a changed paragraph carries
 * its character-level parts (which read well for Chinese, where there are no word breaks).
 */
export const DIFF_BLOCKS = ['paragraph', 'heading', 'quote', 'listitem', 'image', 'gallery', 'rule', 'other'] as const
export const ParagraphChangeSchema = z.object({
  kind: z.enum(['same', 'added', 'removed', 'changed']),
  /** What kind of block; for pictures the text is the caption (a replaced picture shows as changed). */
  block: z.enum(DIFF_BLOCKS),
  before: z.string().nullable(),
  after: z.string().nullable(),
  parts: z.array(TextPartSchema)
})
export type ParagraphChange = z.infer<typeof ParagraphChangeSchema>

/** A metadata field (or title/column) whose value differs; list fields are joined with 、. */
export const FieldChangeSchema = z.object({
  /** Key of the field: 'title', 'column', or an ArticleMetadata key ('subtitle', 'authors', …). */
  field: z.string(),
  before: z.string(),
  after: z.string()
})
export type FieldChange = z.infer<typeof FieldChangeSchema>

/** Which content a diff side stands for. */
export const DiffSideSchema = z.object({
  kind: z.enum(['version', 'current']),
  versionId: HistoryVersionIdSchema.nullable(),
  at: IsoTimeSchema,
  revision: z.number().int().nonnegative()
})
export type DiffSide = z.infer<typeof DiffSideSchema>

export const ContentDiffSchema = z.object({
  from: DiffSideSchema,
  to: DiffSideSchema,
  identical: z.boolean(),
  fields: z.array(FieldChangeSchema),
  paragraphs: z.array(ParagraphChangeSchema)
})
export type ContentDiff = z.infer<typeof ContentDiffSchema>

/** "What changed since the approval": the approval compared with now, or null when there never was one. */
export const ApprovalDiffSchema = z.object({
  /** The sign-off compared against: the last step signed (valid or invalidated). */
  signOff: SignOffSchema,
  valid: z.boolean(),
  /** Null when the signed content is not stored any more (e.g. a package that came without its history). */
  diff: ContentDiffSchema.nullable()
})
export type ApprovalDiff = z.infer<typeof ApprovalDiffSchema>
