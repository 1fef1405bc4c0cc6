import type { CheckFix, CheckInput, CheckResult, CheckSegment, Finding, Severity } from './types'
import { completenessRules } from './rules/completeness'
import { numberRules } from './rules/numbers'
import { peopleRules } from './rules/people'
import { punctuationRules } from './rules/punctuation'
import { scriptRules } from './rules/script'
import { wordRules } from './rules/words'

/**
 * 发布前检查: every rule over every text a reader sees. Pure and synchronous: the renderer runs it in a Web
 * Worker while someone types, main runs it on the stored draft before 提交校对 and every sign-off, and both get
 * the same findings for the same input.
 */

/** Every rule with the severity its findings carry; the message is `checks.rules.<id>` in the UI language. */
export const RULE_SEVERITY = {
  'people.wrong-title': 'error',
  'people.rank-order': 'error',
  'people.name-typo': 'error',
  'punct.halfwidth': 'error',
  'punct.space': 'warning',
  'punct.unpaired': 'error',
  'punct.ellipsis': 'error',
  'punct.dash': 'error',
  'punct.doubled': 'error',
  'punct.unify': 'warning',
  'number.zero-in-year': 'error',
  'number.mixed-date': 'error',
  'number.mixed': 'warning',
  'number.date-invalid': 'error',
  'number.weekday': 'error',
  'script.traditional': 'error',
  'script.variant': 'warning',
  'words.forbidden': 'error',
  'words.caution': 'warning',
  'complete.caption': 'error',
  'complete.credit': 'error',
  'complete.title-length': 'error',
  'complete.wechat-title': 'error',
  'complete.wechat-summary': 'error',
  'complete.summary': 'error',
  'complete.empty-paragraph': 'warning',
  'complete.duplicate-paragraph': 'error',
  'complete.external-link': 'error',
  'complete.photo-size': 'error'
} as const satisfies Record<string, Severity>

export type RuleId = keyof typeof RULE_SEVERITY
export const RULE_IDS = Object.keys(RULE_SEVERITY) as RuleId[]

/** What a rule group is handed: the input, and `report` to add a finding. */
export interface RuleContext {
  input: CheckInput
  report(ruleId: RuleId, segment: number, start: number, end: number, params?: Record<string, string | number>, fix?: CheckFix): void
}

export interface RuleGroup {
  /** The rules this group runs for this input: a rule with nothing to check against (no domains set) is not claimed. */
  rulesFor(input: CheckInput): readonly RuleId[]
  run(context: RuleContext): void
}

const GROUPS: readonly RuleGroup[] = [peopleRules, punctuationRules, numberRules, scriptRules, wordRules, completenessRules]

/**
 * Names a finding across edits and between the page and main: the rule, the field and the text it marks
 * (offsets move as people type). A waiver carries it as `key`.
 */
export function findingKeyOf(finding: Finding, segments: readonly CheckSegment[]): string {
  return `${finding.ruleId}|${segments[finding.segment]?.field ?? ''}|${finding.excerpt}`
}

export function messageKeyOf(ruleId: string): string {
  return `checks.rules.${ruleId}`
}

export function runChecks(input: CheckInput): CheckResult {
  const findings: Finding[] = []
  const rulesRun: string[] = []
  for (const group of GROUPS) {
    const active = new Set(group.rulesFor(input))
    if (active.size === 0) continue
    rulesRun.push(...active)
    group.run({
      input,
      report(ruleId, segment, start, end, params, fix) {
        if (!active.has(ruleId)) return
        const text = input.segments[segment]?.text ?? ''
        findings.push({
          ruleId,
          severity: RULE_SEVERITY[ruleId],
          messageKey: messageKeyOf(ruleId),
          ...(params ? { params } : {}),
          segment,
          start,
          end,
          excerpt: text.slice(start, end).slice(0, 200),
          ...(fix ? { fix } : {})
        })
      }
    })
  }
  findings.sort((a, b) => a.segment - b.segment || a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId))
  return { findings, rulesRun: RULE_IDS.filter((id) => rulesRun.includes(id)) }
}
