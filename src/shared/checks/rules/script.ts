import { Converter } from 'opencc-js/t2cn'
import type { RuleGroup } from '../engine'
import { isHan } from '../text'

/**
 * 简繁 mixed: a Traditional character in the office's Simplified text. OpenCC converts by phrase, so a character
 * that is Traditional only in some words (乾 in 乾淨, not in 乾隆) is judged in its word. Built on first use: the
 * dictionaries take some tens of milliseconds to load, once per worker.
 */
let toSimplified: ((text: string) => string) | null = null

export const scriptRules: RuleGroup = {
  rulesFor: () => ['script.traditional'],
  run({ input, report }) {
    toSimplified ??= Converter({ from: 't', to: 'cn' })
    const convert = toSimplified
    // One conversion for the whole article (a call per paragraph costs more than the conversion itself).
    const SEPARATOR = '\u0001'
    const joined = input.segments.map((s) => s.text)
    const whole = joined.some((t) => t.includes(SEPARATOR)) ? null : convert(joined.join(SEPARATOR)).split(SEPARATOR)
    input.segments.forEach((segment, index) => {
      const text = segment.text
      if (!/[\u3400-\u9fff]/.test(text)) return
      if (segment.field === 'credit' && (input.options.creditScript ?? 'simplified') !== 'simplified') return
      const simplified = whole?.length === input.segments.length ? (whole[index] ?? convert(text)) : convert(text)
      // OpenCC keeps lengths for Traditional → Simplified except for a few phrases; then compare word by word below.
      if (simplified.length === text.length) {
        let i = 0
        while (i < text.length) {
          if (text.charAt(i) === simplified.charAt(i) || !isHan(text.charAt(i))) {
            i += 1
            continue
          }
          let end = i + 1
          while (end < text.length && text.charAt(end) !== simplified.charAt(end) && isHan(text.charAt(end))) end += 1
          report('script.traditional', index, i, end, { simplified: simplified.slice(i, end) }, { replacement: simplified.slice(i, end) })
          i = end
        }
        return
      }
      for (const match of text.matchAll(/\p{Script=Han}+/gu)) {
        const word = match[0]
        const converted = convert(word)
        if (converted !== word) report('script.traditional', index, match.index, match.index + word.length, { simplified: converted }, { replacement: converted })
      }
    })
  }
}
