/** Character classes and small text helpers the rules share. Pure, no DOM: runs in a Web Worker and in main. */

/**
 * A Han character by its first UTF-16 unit: CJK blocks, 〇, compatibility ideographs, and the high surrogates of
 * the supplementary ideograph planes. A range test, not \p{Script=Han}: the rules ask it of every character.
 */
export function isHan(ch: string | undefined): boolean {
  if (ch === undefined || ch === '') return false
  const code = ch.charCodeAt(0)
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    code === 0x3007 ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xd840 && code <= 0xd88f)
  )
}

/** Full-width punctuation that sits between Chinese words (what a half-width mark next to it should have been). */
export const FULLWIDTH_PUNCT = '，。、；：？！“”‘’（）《》〈〉【】…—·'

export function isFullwidthPunct(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && FULLWIDTH_PUNCT.includes(ch)
}

/** Chinese context: a Han character or full-width punctuation. */
export function isChineseContext(ch: string | undefined): boolean {
  return isHan(ch) || isFullwidthPunct(ch)
}

const isSpace = (ch: string) => ch === ' ' || ch === '\u3000' || ch === '\t' || ch === '\u00a0' || ch === '\n'

/** The character before `index`, skipping spaces (half- and full-width). */
export function prevVisible(text: string, index: number): string | undefined {
  for (let i = index - 1; i >= 0; i -= 1) if (!isSpace(text.charAt(i))) return text.charAt(i)
  return undefined
}

export function nextVisible(text: string, index: number): string | undefined {
  for (let i = index; i < text.length; i += 1) if (!isSpace(text.charAt(i))) return text.charAt(i)
  return undefined
}

/** Sentence ranges: up to and including 。！？；, or a line break. Lists of leaders are judged within one. */
export function sentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = []
  let start = 0
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i)
    if ('。！？；!?\n'.includes(ch)) {
      out.push({ start, end: i + 1 })
      start = i + 1
    }
  }
  if (start < text.length) out.push({ start, end: text.length })
  return out
}

export const CHINESE_DIGITS: Readonly<Record<string, number>> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** 一 … 九十九 (and 〇 … 九 digit by digit for years) as a number; null when it is not one. */
export function chineseNumber(text: string): number | null {
  if (text === '') return null
  if (/^[0-9０-９]+$/.test(text)) return Number(text.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)))
  const tens = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(text)
  if (tens) return (tens[1] ? (CHINESE_DIGITS[tens[1]] ?? 0) : 1) * 10 + (tens[2] ? (CHINESE_DIGITS[tens[2]] ?? 0) : 0)
  if (/^[〇零一二三四五六七八九]+$/.test(text)) return Number([...text].map((d) => CHINESE_DIGITS[d]).join(''))
  return null
}

/** The calendar date (YYYY-MM-DD) of an instant in the office's time zone (Beijing time, no DST). */
export function calendarDateOf(iso: string | null): string | null {
  if (iso === null) return null
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return null
  return new Date(time + 8 * 3600_000).toISOString().slice(0, 10)
}
