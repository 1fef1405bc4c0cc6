import { z } from 'zod'
import { PersonRoleSchema } from './directory'
import { StepIdSchema } from './draftStatus'
import { NAME_MAX } from './limits'
import { CHAIN_PRESETS, CHAIN_STEPS_MAX, CHAIN_VERSION, CREDIT_FIELDS, SEPARATION_RULES, STEP_NAME_MAX } from './chainPresets'

/**
 * The office's own 三审三校 chain: the steps a draft goes through between 提交 and 发布, in order. Each step's
 * name is the office's word for it and is shown everywhere (buttons, statuses, history, audit, approval
 * form). Submit and publish are not steps of the chain: they open and close it.
 *
 * Other features read statuses through `statusesOf(chain)` and `nextStepFor(draft, chain)`, never
 * by spelling a step id. The schemas are here; the presets, the default and the rules in chainPresets.ts.
 */
export * from './chainPresets'

export const SeparationRuleSchema = z.enum(SEPARATION_RULES)

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
