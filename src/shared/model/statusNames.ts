/**
 * Where a draft stands, as names and the rules that read them: no schemas here (draftStatus.ts adds those), so
 * the library's first screen can read statuses without building any. The fixed statuses are 草稿 draft, 退回
 * returned, 已签 approved (every step of the office's chain signed) and 已发布 published; between submit and
 * approval a draft waits for one step of the chain, `awaiting:<step id>` (待校对, 待初审 …, named by the chain in
 * src/shared/model/chain.ts).
 */
export const FIXED_STATUSES = ['draft', 'returned', 'approved', 'published'] as const
export type FixedStatus = (typeof FIXED_STATUSES)[number]

/** A chain step's id: short, lowercase, stable when the step is renamed (StepIdSchema checks the form). */
export type StepId = string

export type AwaitingStatus = `awaiting:${string}`
export type DraftStatus = FixedStatus | AwaitingStatus

export const awaiting = (stepId: StepId): AwaitingStatus => `awaiting:${stepId}`
/** The step a status waits for, or null for a fixed status. */
export const awaitedStep = (status: DraftStatus): StepId | null => (status.startsWith('awaiting:') ? status.slice('awaiting:'.length) : null)

/** The statuses in which the text is being written (both behave the same for editing). */
export const WRITING_STATUSES: readonly DraftStatus[] = ['draft', 'returned']
