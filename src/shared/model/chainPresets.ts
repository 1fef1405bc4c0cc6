import type { Chain, ChainStep } from './chain'
import type { OfficeDirectory } from './directory'
import type { PersonRole } from './roles'
import { awaitedStep, awaiting, type DraftStatus, type StepId } from './statusNames'

/**
 * The office's chain without its schemas (chain.ts has those and re-exports all of this): the presets, today's
 * default and the rules that read a chain. The library's first screen needs these and no schema.
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
export type SeparationRule = (typeof SEPARATION_RULES)[number]

/** The credit line's field a step writes its signer into (both are outside the content hash). */
export const CREDIT_FIELDS = ['proofreader', 'reviewer'] as const

export const CHAIN_PRESETS = ['standard', 'three-reviews', 'three-proofs-three-reviews', 'unit-head-first'] as const
export type ChainPreset = (typeof CHAIN_PRESETS)[number]

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
