import { AhoCorasick } from '../ahoCorasick'
import type { CheckWordRule } from '../types'
import type { RuleGroup, RuleId } from '../engine'

/**
 * The office's 禁用词/慎用词 and its 异体字 preferences, found in one pass of one Aho–Corasick automaton over each
 * text (thousands of words cost the same scan as ten). The automaton is kept while the lists stay the same, so
 * typing does not rebuild it.
 */

type Entry = { rule: CheckWordRule } | { variant: string; preferred: string }

let cached: { key: string; matcher: AhoCorasick<Entry> | null } | null = null

function matcherFor(words: readonly CheckWordRule[], variants: Readonly<Record<string, string>>): AhoCorasick<Entry> | null {
  const key = JSON.stringify([words, variants])
  if (cached?.key === key) return cached.matcher
  const patterns: { pattern: string; data: Entry }[] = []
  for (const rule of words) if (rule.word !== '') patterns.push({ pattern: rule.word, data: { rule } })
  for (const [variant, preferred] of Object.entries(variants)) if (variant !== '' && variant !== preferred) patterns.push({ pattern: variant, data: { variant, preferred } })
  const matcher = patterns.length === 0 ? null : new AhoCorasick<Entry>(patterns)
  cached = { key, matcher }
  return matcher
}

const WORD_RULES: readonly RuleId[] = ['words.forbidden', 'words.caution']

export const wordRules: RuleGroup = {
  rulesFor(input) {
    const ids: RuleId[] = input.options.words.length > 0 ? [...WORD_RULES] : []
    if (Object.keys(input.options.variants).length > 0) ids.push('script.variant')
    return ids
  },
  run({ input, report }) {
    const matcher = matcherFor(input.options.words, input.options.variants)
    if (!matcher) return
    input.segments.forEach((segment, index) => {
      if (segment.text === '') return
      for (const match of matcher.search(segment.text)) {
        const entry = match.data
        if ('variant' in entry) {
          report('script.variant', index, match.start, match.end, { word: entry.variant, preferred: entry.preferred }, { replacement: entry.preferred })
          continue
        }
        const { rule } = entry
        const params = { word: rule.word, replacement: rule.replacement ?? '', note: rule.note ?? '' }
        const fix = rule.kind === 'forbidden' && rule.replacement ? { replacement: rule.replacement } : undefined
        report(rule.kind === 'forbidden' ? 'words.forbidden' : 'words.caution', index, match.start, match.end, params, fix)
      }
    })
  }
}
