import { lintText } from '../zhlintCore'
import type { RuleContext, RuleGroup } from '../engine'
import { isChineseContext, isHan, nextVisible, prevVisible, sentences } from '../text'

/**
 * Punctuation per GB/T 15834-2011. zhlint judges half-width marks and spaces in Chinese text (its tokenizer knows
 * abbreviations, numbers, times and English runs); it is configured to the office's convention of no space
 * between Chinese and Latin letters or digits. What zhlint does not check is here: unpaired quotes, brackets and
 * 书名号, 省略号 and 破折号 typed as dots and hyphens, doubled marks.
 *
 * zhlint takes about 10 µs a character, too slow for every keystroke on a long article, and most sentences have
 * nothing for it to find: it runs only on sentences with a half-width mark or a space next to Chinese.
 */

const ZHLINT_RULES = {
  halfwidthPunctuation: '',
  fullwidthPunctuation: '，。：；？！“”‘’（）《》〈〉【】',
  adjustedFullwidthPunctuation: '',
  unifiedPunctuation: 'simplified' as const,
  spaceBetweenHalfwidthContent: true,
  noSpaceBetweenFullwidthContent: true,
  spaceBetweenMixedwidthContent: false,
  noSpaceBeforePauseOrStop: true,
  noSpaceAfterFullwidthPauseOrStop: true,
  noSpaceOutsideFullwidthQuotation: true,
  noSpaceInsideQuotation: true,
  noSpaceOutsideFullwidthBracket: true,
  noSpaceInsideBracket: true,
  skipPureWestern: true
}

// zhlint's messages (lib/rules/messages.js) are its only rule names.
const WIDTH_MESSAGE = '此处标点符号需要使用全角'
const UNIFY_MESSAGES = new Set(['此处字符需要统一', '此处标点符号需要统一到简体'])
const SPACE_MESSAGES = new Set([
  '此处全角内容之间不需要空格',
  // zhlint gives the "no space between Chinese and Latin" finding the same text as its opposite.
  '此处中英文内容之间需要一个空格',
  '此处标点符号前不需要空格',
  '此处标点符号后不需要空格',
  '此处括号的内部不需要空格',
  '此处括号的外部不需要空格',
  '此处引号的内部不需要空格',
  '此处引号的外部不需要空格'
])

const FULLWIDTH_OF: Readonly<Record<string, string>> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）', '.': '。' }
const UNIFIED: Readonly<Record<string, string>> = { '「': '“', '」': '”', '『': '‘', '』': '’' }
const SPACE = /[ \t\u00a0\u3000]/

/** A half-width mark or a space with Chinese on one side: the only places zhlint is asked about. */
const SUSPECT = /[,;:?!().「」『』 \t\u00a0\u3000]/g

function suspects(text: string): number[] {
  const at: number[] = []
  for (const match of text.matchAll(SUSPECT)) {
    const i = match.index
    if (match[0] in UNIFIED || isChineseContext(text.charAt(i - 1)) || isChineseContext(text.charAt(i + 1))) at.push(i)
  }
  return at
}

function lintSentence(context: RuleContext, segment: number, text: string, from: number, to: number): void {
  // Leading and trailing spaces are the paragraph's indent, not a spacing error.
  let start = from
  let end = to
  while (start < end && SPACE.test(text.charAt(start))) start += 1
  while (end > start && SPACE.test(text.charAt(end - 1))) end -= 1
  if (start === end) return
  const sentence = text.slice(start, end)
  const reported = new Set<number>()
  for (const v of lintText(sentence, ZHLINT_RULES)) {
    if (v.message === WIDTH_MESSAGE && v.target === 'value' && v.length === 1) {
      const at = start + v.index
      const ch = text.charAt(at)
      const fixed = FULLWIDTH_OF[ch]
      // English inside Chinese keeps its own marks (Dr. Smith, “This is great.”): only a mark touching Chinese is wrong.
      if (!fixed || !(isChineseContext(prevVisible(text, at)) || isHan(nextVisible(text, at + 1)))) continue
      // “1.开幕式”: GB/T 15834 writes an Arabic ordinal with the half-width 下脚点.
      if (ch === '.' && /[0-9]/.test(text.charAt(at - 1))) continue
      if (reported.has(at)) continue
      reported.add(at)
      const certain = ch !== '.' || at + 1 >= text.length || isHan(text.charAt(at + 1))
      context.report('punct.halfwidth', segment, at, at + 1, { mark: ch, fixed }, certain ? { replacement: fixed } : undefined)
    } else if (UNIFY_MESSAGES.has(v.message)) {
      const at = start + v.index
      const ch = text.charAt(at)
      const fixed = UNIFIED[ch]
      if (fixed) context.report('punct.unify', segment, at, at + 1, { mark: ch, fixed }, { replacement: fixed })
    } else if (SPACE_MESSAGES.has(v.message) && v.target === 'spaceAfter') {
      const at = start + v.index + v.length
      let stop = at
      while (stop < end && SPACE.test(text.charAt(stop))) stop += 1
      if (stop === at) continue
      // Only spaces with Chinese on a side: between two English words a space is the office's convention too.
      if (!isChineseContext(text.charAt(at - 1)) && !isChineseContext(text.charAt(stop))) continue
      if (reported.has(at)) continue
      reported.add(at)
      context.report('punct.space', segment, at, stop, {}, { replacement: '' })
    }
  }
}

/** “ with ”, ‘ with ’, （ with ）, 《 with 》, 〈 with 〉, 【 with 】 within a paragraph (a quotation running over paragraphs opens each one with “ and closes only at its end). */
const PAIRS: Readonly<Record<string, string>> = { '“': '”', '‘': '’', '（': '）', '《': '》', '〈': '〉', '【': '】', '(': ')' }
const CLOSERS = new Map(Object.entries(PAIRS).map(([open, close]) => [close, open]))

const PAIR_MARKS = /[“”‘’（）《》〈〉【】()]/g

function unpaired(context: RuleContext): void {
  const segments = context.input.segments
  const nextOfField = new Map<string, number>()
  const following = segments.map(() => -1)
  for (let i = segments.length - 1; i >= 0; i -= 1) {
    const field = segments[i]?.field ?? ''
    following[i] = nextOfField.get(field) ?? -1
    nextOfField.set(field, i)
  }
  segments.forEach((segment, index) => {
    const text = segment.text
    const stack: { ch: string; at: number }[] = []
    for (const mark of text.matchAll(PAIR_MARKS)) {
      const i = mark.index
      const ch = mark[0]
      // An apostrophe in O’Brien or it’s is not a closing quote.
      if (ch === '’' && /[A-Za-z]/.test(text.charAt(i - 1)) && /[A-Za-z]/.test(text.charAt(i + 1))) continue
      if (ch in PAIRS) {
        stack.push({ ch, at: i })
        continue
      }
      const open = CLOSERS.get(ch)
      if (open === undefined) continue
      const match = stack.findLastIndex((entry) => entry.ch === open)
      if (match === -1) {
        // ASCII ) closes list numbers like 1) and a) in English text; only a Chinese one counts.
        if (ch !== ')') context.report('punct.unpaired', index, i, i + 1, { mark: ch })
        continue
      }
      // Openers left inside the pair just closed were never closed themselves.
      for (const inner of stack.splice(match).slice(1)) if (inner.ch !== '(') context.report('punct.unpaired', index, inner.at, inner.at + 1, { mark: inner.ch })
    }
    const next = segments[following[index] ?? -1]
    for (const left of stack) {
      if (left.ch === '(') continue
      if (left.ch === '“' && segment.field === 'body' && next?.text.trimStart().startsWith('“')) continue
      context.report('punct.unpaired', index, left.at, left.at + 1, { mark: left.ch })
    }
  })
}

const ELLIPSIS = /\.{3,}|。{3,}|・{3,}|．{3,}|(?<!…)…(?!…)|…{3,}/g
const DASH = /-{2,}|－{2,}|—{3,}|(?<!—)(?:—-|-—)(?!—)/g
// Three or more 。 are an ellipsis (reported as that), so a doubled mark stands alone.
const DOUBLED = /(?<![，、；：。])(?:([，、；：。])\1|[，、；：][，、；：。]|。[，、；：])(?![，、；：。])/g

function marks(context: RuleContext): void {
  context.input.segments.forEach((segment, index) => {
    const text = segment.text
    const chinese = (start: number, end: number) => isChineseContext(prevVisible(text, start)) || isChineseContext(nextVisible(text, end))
    for (const m of text.matchAll(ELLIPSIS)) {
      if (m[0].startsWith('.') && !chinese(m.index, m.index + m[0].length)) continue
      context.report('punct.ellipsis', index, m.index, m.index + m[0].length, { mark: m[0] }, { replacement: '……' })
    }
    for (const m of text.matchAll(DASH)) {
      if (!chinese(m.index, m.index + m[0].length)) continue
      context.report('punct.dash', index, m.index, m.index + m[0].length, { mark: m[0] }, { replacement: '——' })
    }
    // A straight " in Chinese text: “ when it opens (an even number before it in the paragraph), ” when it closes.
    let quotes = 0
    for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) {
      const fixed = quotes % 2 === 0 ? '“' : '”'
      quotes += 1
      if (chinese(i, i + 1)) context.report('punct.halfwidth', index, i, i + 1, { mark: '"', fixed }, { replacement: fixed })
    }
    for (const m of text.matchAll(DOUBLED)) {
      const same = m[0].charAt(0) === m[0].charAt(1)
      context.report('punct.doubled', index, m.index, m.index + m[0].length, { mark: m[0] }, same ? { replacement: m[0].charAt(0) } : undefined)
    }
  })
}

export const punctuationRules: RuleGroup = {
  rulesFor: () => ['punct.halfwidth', 'punct.space', 'punct.unpaired', 'punct.ellipsis', 'punct.dash', 'punct.doubled', 'punct.unify'],
  run(context) {
    context.input.segments.forEach((segment, index) => {
      // The credit line is spaced by the office's template (供稿：… 文字：… 摄影：…), not typed.
      if (segment.field === 'credit') return
      const at = suspects(segment.text)
      if (at.length === 0) return
      let i = 0
      for (const sentence of sentences(segment.text)) {
        while (i < at.length && (at[i] ?? 0) < sentence.start) i += 1
        if (i < at.length && (at[i] ?? 0) < sentence.end) lintSentence(context, index, segment.text, sentence.start, sentence.end)
      }
    })
    unpaired(context)
    marks(context)
  }
}
