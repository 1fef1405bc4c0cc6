import { z } from 'zod'
import { FIXED_STATUSES, type AwaitingStatus } from './statusNames'

/**
 * The schemas of a draft's status (the names and rules are in statusNames.ts). Kept apart from draft.ts so the
 * sign-off records a draft carries can name statuses without the two modules importing each other.
 */
export { FIXED_STATUSES, awaiting, awaitedStep, type FixedStatus, type StepId, type AwaitingStatus, type DraftStatus } from './statusNames'

/** A chain step's id: short, lowercase, stable when the step is renamed. */
export const StepIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'not a step id')

const AWAITING = /^awaiting:[a-z][a-z0-9-]{0,31}$/
export const AwaitingStatusSchema = z.custom<AwaitingStatus>((value) => typeof value === 'string' && AWAITING.test(value), 'not a status')

export const DraftStatusSchema = z.union([z.enum(FIXED_STATUSES), AwaitingStatusSchema])
