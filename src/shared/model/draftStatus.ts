import { z } from 'zod'

/**
 * Where a draft stands. The fixed statuses are 草稿 draft, 退回 returned, 已签 approved (every step of the
 * office's chain signed) and 已发布 published; between submit and approval a draft waits for one step of the
 * chain, `awaiting:<step id>` (待校对, 待初审 …, named by the chain in src/shared/model/chain.ts). Kept apart
 * from draft.ts so the sign-off records a draft carries can name statuses without the two modules importing
 * each other.
 */
export const FIXED_STATUSES = ['draft', 'returned', 'approved', 'published'] as const
export type FixedStatus = (typeof FIXED_STATUSES)[number]

/** A chain step's id: short, lowercase, stable when the step is renamed. */
export const StepIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'not a step id')
export type StepId = z.infer<typeof StepIdSchema>

export type AwaitingStatus = `awaiting:${string}`
const AWAITING = /^awaiting:[a-z][a-z0-9-]{0,31}$/
export const AwaitingStatusSchema = z.custom<AwaitingStatus>((value) => typeof value === 'string' && AWAITING.test(value), 'not a status')

export const DraftStatusSchema = z.union([z.enum(FIXED_STATUSES), AwaitingStatusSchema])
export type DraftStatus = FixedStatus | AwaitingStatus

export const awaiting = (stepId: StepId): AwaitingStatus => `awaiting:${stepId}`
/** The step a status waits for, or null for a fixed status. */
export const awaitedStep = (status: DraftStatus): StepId | null => (status.startsWith('awaiting:') ? status.slice('awaiting:'.length) : null)
