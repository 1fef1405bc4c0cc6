import { z } from 'zod'
import { COLUMN_MAX, TITLE_MAX } from './limits'
import { ArticleMetadataSchema, emptyMetadata } from './metadata'
import { DraftStatusSchema } from './draftStatus'
import { SignOffListSchema } from './signOff'
import { migrateDraftRecord } from './draftMigration'
import { WechatArticleSchema } from './wechat'

/** 2: the office's chain (statuses `awaiting:<step>`, sign-offs with step ids); version 1 files are migrated on load. */
export const DRAFT_SCHEMA_VERSION = 2

/** Folder-safe draft id: lowercase letters, digits and dashes only, so it can never escape the data folder. */
export const DraftIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{5,63}$/, 'not a draft id')
export type DraftId = z.infer<typeof DraftIdSchema>

export { FIXED_STATUSES, DraftStatusSchema, type DraftStatus } from './draftStatus'

const IsoTimeSchema = z.iso.datetime({ offset: true })

/**
 * Lexical's serialized editor state. The node schema is closed later by the editor issue; here we only
 * insist on the shape Lexical itself needs to load it, and keep unknown node fields.
 */
export const ArticleBodySchema = z.object({
  root: z.looseObject({
    type: z.literal('root'),
    children: z.array(z.looseObject({ type: z.string() }))
  })
})
export type ArticleBody = z.infer<typeof ArticleBodySchema>

export { COLUMN_MAX, TITLE_MAX } from './limits'

export const DraftRecordSchema = z.object({
  schemaVersion: z.literal(DRAFT_SCHEMA_VERSION),
  id: DraftIdSchema,
  title: z.string().max(TITLE_MAX),
  column: z.string().max(COLUMN_MAX),
  status: DraftStatusSchema,
  body: ArticleBodySchema.nullable(),
  /**
   * The article's people, department, date … Title and column live at the top of the draft (the list shows
   * them); their copies in here are ignored. Drafts written before metadata existed load with empty values.
   */
  metadata: ArticleMetadataSchema.default(() => emptyMetadata()),
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
  /** Increases by one with every save; lets the renderer ignore stale answers. */
  revision: z.number().int().nonnegative(),
  /** The workflow's sign-offs, oldest first (src/shared/model/workflow.ts); drafts from before the workflow have none. */
  signOffs: SignOffListSchema.default(() => []),
  /** The 公众号 version's 摘要 and cover crop (docs/wechat.md); absent until someone sets them. */
  wechat: WechatArticleSchema.optional()
})

/** A stored draft of any known version, migrated to the current one (src/shared/model/draftMigration.ts). */
export const DraftSchema = z.preprocess(migrateDraftRecord, DraftRecordSchema)
export type Draft = z.output<typeof DraftRecordSchema>

export const DraftSummarySchema = z.object({
  id: DraftIdSchema,
  title: z.string(),
  column: z.string(),
  status: DraftStatusSchema,
  excerpt: z.string(),
  createdAt: IsoTimeSchema,
  updatedAt: IsoTimeSchema,
  /** Set for drafts in the trash. */
  trashedAt: IsoTimeSchema.nullable()
})
export type DraftSummary = z.infer<typeof DraftSummarySchema>

export const QUARANTINE_REASONS = ['empty-file', 'invalid-json', 'invalid-schema', 'unreadable'] as const
export const QuarantineReasonSchema = z.enum(QUARANTINE_REASONS)
export type QuarantineReason = z.infer<typeof QuarantineReasonSchema>

/** A draft folder whose draft.json could not be loaded; it is moved aside, never deleted. */
export const QuarantinedDraftSchema = z.object({
  id: z.string(),
  /** Title recovered from the damaged file when one could be read, else empty. */
  recoveredTitle: z.string(),
  reason: QuarantineReasonSchema,
  detail: z.string(),
  /** Absolute path of the folder that now holds the damaged files. */
  folder: z.string(),
  quarantinedAt: IsoTimeSchema,
  acknowledged: z.boolean()
})
export type QuarantinedDraft = z.infer<typeof QuarantinedDraftSchema>

/** What the renderer sends on every autosave: the parts a person edits. */
export const DraftContentSchema = z.object({
  title: z.string().max(TITLE_MAX),
  column: z.string().max(COLUMN_MAX),
  body: ArticleBodySchema.nullable(),
  /** Left out by editors that do not edit metadata: the stored metadata is then kept as it is. */
  metadata: ArticleMetadataSchema.optional()
})
export type DraftContent = z.infer<typeof DraftContentSchema>
