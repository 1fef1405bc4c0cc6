import { z } from 'zod'
import { PersonRoleSchema, type OfficeDirectory, type PersonRole } from './directory'
import { awaitedStep, awaiting, StepIdSchema, type DraftStatus, type StepId } from './draftStatus'
import { NAME_MAX } from './metadata'

/**
 * The office's own 三审三校 chain: the steps a draft goes through between 提交 and 发布, in order. Each step's
 * name is the office's word for it and is shown everywhere (buttons, statuses, history, audit, approval
 * form). Submit and publish are not steps of the chain: they open and close it.
 *
 * Other features read statuses through `statusesOf(chain)` and `nextStepFor(draft, chain)` below, never
 * by spelling a step id.
 */

export const CHAIN_VERSION = 1
export const STEP_NAME_MAX = 16
export const CHAIN_STEPS_MAX = 8

/**
 * Optional separation of duties, checked when a step is signed: the signer is not one of the article's
 * 供稿 authors, not its 编辑 editor or the person who submitted it, not someone who signed an earlier step
 * of this round.
 */
export const SEPARATION_RULES = ['not-author', 'not-editor', 'not-earlier-signer'] as const
export const SeparationRuleSchema = z.enum(SEPARATION_RULES)
export type SeparationRule = z.infer<typeof SeparationRuleSchema>

/** The credit line's field a step writes its signer into (both are outside the content hash). */
export const CREDIT_FIELDS = ['proofreader', 'reviewer'] as const

export const ChainStepSchema = z.object({
  id: StepIdSchema,
  name: z.string().trim().min(1).max(STEP_NAME_MAX),
  /** Directory roles whose holders may sign; with `people`, empty for both means anyone may. */
  roles: z.array(PersonRoleSchema).max(5).default([]),
  people: z.array(z.string().trim().min(1).max(NAME_MAX)).max(50).default([]),
  /** The 先审后发 gate needs a valid sign-off of this step. */
  gate: z.boolean().default(true),
  separation: z.array(SeparationRuleSchema).default([]),
  creditField: z.enum(CREDIT_FIELDS).nullable().default(null)
})
export type ChainStep = z.output<typeof ChainStepSchema>
export type ChainStepInput = z.input<typeof ChainStepSchema>

export const CHAIN_PRESETS = ['standard', 'three-reviews', 'three-proofs-three-reviews', 'unit-head-first'] as const
export type ChainPreset = (typeof CHAIN_PRESETS)[number]

export const ChainSchema = z
  .object({
    version: z.literal(CHAIN_VERSION),
    /** The preset the steps came from, or custom once a person changed them. */
    preset: z.enum([...CHAIN_PRESETS, 'custom']),
    steps: z.array(ChainStepSchema).min(1).max(CHAIN_STEPS_MAX)
  })
  .refine((chain) => new Set(chain.steps.map((step) => step.id)).size === chain.steps.length, 'step ids must be unique')
  .refine((chain) => new Set(chain.steps.map((step) => step.name)).size === chain.steps.length, 'step names must be unique')
export type Chain = z.output<typeof ChainSchema>

const step = (id: string, name: string, rest: Partial<ChainStep> = {}): ChainStep => ({
  id,
  name,
  roles: [],
  people: [],
  gate: true,
  separation: [],
  creditField: null,
  ...rest
})

/** The step ids today's drafts carry (schema version 1: 校对 proofread, 审核 review). */
export const STANDARD_PROOFREAD: StepId = 'proofread'
export const STANDARD_REVIEW: StepId = 'review'

/**
 * Step names are the office's words, Chinese in every UI language, as they are printed on the 审批单. Presets
 * let anyone sign (an office names roles or people per step once its directory is set up).
 */
export const CHAIN_PRESET_STEPS: Record<ChainPreset, ChainStep[]> = {
  standard: [step(STANDARD_PROOFREAD, '校对', { creditField: 'proofreader' }), step(STANDARD_REVIEW, '审核', { creditField: 'reviewer' })],
  'three-reviews': [
    step('first-review', '初审'),
    step('second-review', '复审', { separation: ['not-earlier-signer'] }),
    step('final-review', '终审', { separation: ['not-earlier-signer'], creditField: 'reviewer' })
  ],
  'three-proofs-three-reviews': [
    step('proof-1', '一校', { separation: ['not-author'] }),
    step('proof-2', '二校', { separation: ['not-author'] }),
    step('proof-3', '三校', { separation: ['not-author'], creditField: 'proofreader' }),
    step('first-review', '初审'),
    step('second-review', '复审', { separation: ['not-earlier-signer'] }),
    step('final-review', '终审', { separation: ['not-earlier-signer'], creditField: 'reviewer' })
  ],
  'unit-head-first': [
    step('unit-head', '单位预审', { gate: false }),
    step(STANDARD_PROOFREAD, '校对', { creditField: 'proofreader' }),
    step(STANDARD_REVIEW, '审核', { creditField: 'reviewer' })
  ]
}

export function presetChain(preset: ChainPreset): Chain {
  return { version: CHAIN_VERSION, preset, steps: CHAIN_PRESET_STEPS[preset].map((s) => ({ ...s })) }
}

/** Today's chain (校对 → 审核), the default: offices that never open the setting keep working as before. */
export const DEFAULT_CHAIN: Chain = presetChain('standard')

export const stepById = (chain: Chain, id: StepId | null): ChainStep | null => chain.steps.find((s) => s.id === id) ?? null

/** Every status a draft can have under this chain, in the order work goes (for filters and lists). */
export function statusesOf(chain: Chain): DraftStatus[] {
  return ['draft', ...chain.steps.map((s) => awaiting(s.id)), 'approved', 'published', 'returned']
}

/**
 * The step the draft waits for, or null when it waits for none (being written, approved, published). A
 * status naming a step the office has since removed falls to the chain's first step.
 */
export function nextStepFor(draft: { status: DraftStatus }, chain: Chain): ChainStep | null {
  const id = awaitedStep(draft.status)
  if (id === null) return null
  return stepById(chain, id) ?? chain.steps[0] ?? null
}

/** Who may sign a step: anyone when it names no roles and no people; else a listed person or a holder of a listed role. */
export function maySign(step: ChainStep, name: string, directory: Pick<OfficeDirectory, 'people'> | null): boolean {
  if (step.roles.length === 0 && step.people.length === 0) return true
  const key = name.trim().toLowerCase()
  if (step.people.some((person) => person.toLowerCase() === key)) return true
  const person = directory?.people.find((p) => p.name.toLowerCase() === key)
  return person !== undefined && step.roles.some((role: PersonRole) => person.roles.includes(role))
}
