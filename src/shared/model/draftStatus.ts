import { z } from 'zod'

/**
 * The 三审三校 life cycle (transitions: src/shared/model/workflow.ts). Kept apart from draft.ts so the
 * sign-off records a draft carries can name statuses without the two modules importing each other.
 */
export const DRAFT_STATUSES = ['draft', 'proofreading', 'review', 'approved', 'published', 'returned'] as const
export const DraftStatusSchema = z.enum(DRAFT_STATUSES)
export type DraftStatus = z.infer<typeof DraftStatusSchema>
