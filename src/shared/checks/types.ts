import type { ChineseScript } from '../article/creditLine'
/*
 * For the UI (from the rule engine's side):
 * - `runChecks(input)` in ./engine; `RULE_SEVERITY` / `RULE_IDS` there list every rule id; messages are
 *   `checks.rules.<ruleId>` (nested: checks.rules.punct.halfwidth) with the finding's params.
 * - `checkOptionsOf(directory, settings.checks, publishAt)` in ./input builds CheckOptions the way main does;
 *   `checkInputOf(storedDraft, …)` is main's flattening of a stored draft (same segments as articleSegments.ts).
 * - Settings: `settings.checks` (CheckSettingsSchema in ./settings, starter lists in ./starterWords).
 * - A photo finding points at the photo's caption segment (same key) or, with no caption, at segment 0.
 * - CheckLink may carry `start`/`end` (the linked words); without them a link finding marks the whole segment.
 * - Main's gate (workflow:sign / submit) re-runs the checks on the stored draft and matches waivers by
 *   `Waiver.key = findingKeyOf(finding, segments)` (engine.ts; same format as the panel's findingId). Send it:
 *   a waiver without a key falls back to rule id + the excerpt quoted in `finding`. Earlier valid sign-offs'
 *   waivers of the round count; `by` is set by main to the signer. Refusal: AppError code `checks-failed`.
 * - SignOff.checks = { rulesRun, errors, warnings } (null on old records), signed in form 2.
 * - CheckOptions.wechat / settings.checks.wechat (optional): 公众号 limits for 标题 and 摘要.
 */

/**
 * 发布前检查: the contract between the rule engine (pure, text-only, runs in a Web Worker) and the editor UI.
 *
 * The engine never sees Lexical: the UI flattens every text a reader sees into segments (标题, 副标题, each body
 * block, each 图注, 摘要, the credit line) and maps a finding's offsets back to editor nodes. So the same engine
 * checks a stored draft in main (the gate at 提交校对) and the live editor in the renderer.
 */

export const CHECK_FIELDS = ['title', 'subtitle', 'body', 'caption', 'summary', 'credit'] as const
export type CheckField = (typeof CHECK_FIELDS)[number]

/** One text a reader sees. `key` is the UI's handle back to where it came from (a Lexical node key, an asset id). */
export interface CheckSegment {
  field: CheckField
  key: string
  text: string
}

export type Severity = 'error' | 'warning' | 'info'

/** A fix that is certain (punctuation, 〇): replace [start, end) of the segment's text with `replacement`. */
export interface CheckFix {
  replacement: string
}

export interface Finding {
  /** Stable rule id, e.g. "punct.halfwidth-comma", "number.zero-in-year", "people.wrong-title". */
  ruleId: string
  severity: Severity
  /** i18n key under "checks.rules" and its parameters; the UI renders the message in the UI language. */
  messageKey: string
  params?: Record<string, string | number>
  /** Index into the input's `segments`, and the half-open UTF-16 range of the text the finding marks. */
  segment: number
  start: number
  end: number
  /** The marked text, kept so a waiver names what was let through even after the text moves. */
  excerpt: string
  fix?: CheckFix
}

/** A person the office knows, with the titles they held over time (the title in force at 发布时间 applies). */
export interface CheckPerson {
  name: string
  titles: { title: string; from: string | null }[]
  /** Leaders' rank: lower comes first in a list of leaders; null for people who are not ranked. */
  rank: number | null
}

export interface CheckWordRule {
  word: string
  kind: 'forbidden' | 'caution'
  replacement?: string
  note?: string
}

export interface CheckPhoto {
  key: string
  caption: string
  photographer: string
  width: number
  height: number
}

export interface CheckLink {
  segment: number
  href: string
  /** The linked words in the segment, when known; the finding marks them instead of the whole segment. */
  start?: number
  end?: number
}

export interface CheckOptions {
  people: CheckPerson[]
  words: CheckWordRule[]
  /** The school's own domains; links elsewhere are findings unless approved. */
  ownDomains: string[]
  titleMax: number | null
  summaryRequired: boolean
  minPhotoWidth: number | null
  /** Preferred 异体字 forms: variant → preferred. */
  variants: Record<string, string>
  /** ISO date-time of 发布时间, or null when not set. */
  publishAt: string | null
  /** The article also goes to the office's 微信公众号: its 标题 and 摘要 limits apply (WECHAT_LIMITS in rules/completeness.ts). */
  wechat?: boolean
  /**
   * The script 设置 chose for the credit line: a Traditional credit line is the office's choice, not a slip, so the
   * 简繁 rule leaves that segment alone. Simplified when not given.
   */
  creditScript?: ChineseScript
}

export interface CheckInput {
  segments: CheckSegment[]
  photos: CheckPhoto[]
  links: CheckLink[]
  options: CheckOptions
}

export interface CheckResult {
  findings: Finding[]
  /** Ids of every rule that ran, so a sign-off can say what was checked, not only what was found. */
  rulesRun: string[]
}
