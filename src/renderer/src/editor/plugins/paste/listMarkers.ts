/**
 * Word writes a list item as a paragraph whose visible number or bullet is plain text in a span marked
 * `mso-list:Ignore`. What kind of list it was has to be read back from that text.
 */

export type ListKind = 'number' | 'bullet'
export type ListMarker = { kind: ListKind; start: number }

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 }
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'
const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 }

function romanValue(text: string): number {
  let total = 0
  for (let i = 0; i < text.length; i++) {
    const value = ROMAN[text[i] ?? ''] ?? 0
    const next = ROMAN[text[i + 1] ?? ''] ?? 0
    total += value < next ? -value : value
  }
  return total
}

function chineseValue(text: string): number {
  // 一 … 九十九 is as far as a list in a news article goes.
  const [tens, ones] = text.includes('十') ? text.split('十') : ['', text]
  const tenValue = tens === undefined || tens === '' ? (text.includes('十') ? 1 : 0) : (CHINESE_DIGITS[tens] ?? 0)
  return tenValue * 10 + (ones ? (CHINESE_DIGITS[ones] ?? 0) : 0)
}

/**
 * Numbers are digits, letters, roman numerals, Chinese numerals or circled digits, followed by `.`, `)`,
 * `、`, `．` or wrapped in brackets. Everything else (·, o, §, ▪, Wingdings' private-use glyphs…) is a bullet.
 * A lone `o` is Word's second-level bullet, never the letter.
 */
export function listMarkerOf(raw: string): ListMarker {
  const text = raw.replace(/[\s\u00a0]+/g, '')
  if (text === '') return { kind: 'bullet', start: 1 }
  const circled = CIRCLED.indexOf(text)
  if (text.length === 1 && circled >= 0) return { kind: 'number', start: circled + 1 }
  const match = /^[(（]?([0-9]{1,4}|[a-zA-Z]{1,4}|[一二三四五六七八九十]{1,3})[.)）、．:：]?$/.exec(text)
  const core = match?.[1]
  if (!core) return { kind: 'bullet', start: 1 }
  const bracketed = /^[(（]/.test(text) || /[.)）、．:：]$/.test(text)
  if (/^[0-9]+$/.test(core)) return { kind: 'number', start: Math.max(1, Number(core)) }
  if (!bracketed) return { kind: 'bullet', start: 1 }
  if (/^[一二三四五六七八九十]+$/.test(core)) return { kind: 'number', start: Math.max(1, chineseValue(core)) }
  // A first item marked i. opens a roman list far more often than a letter list that starts at its ninth item.
  if (/^[ivxlcdm]+$/i.test(core) && (core.length > 1 || /^i$/i.test(core))) return { kind: 'number', start: Math.max(1, romanValue(core.toLowerCase())) }
  if (core.length === 1) return { kind: 'number', start: core.toLowerCase().charCodeAt(0) - 96 }
  return { kind: 'number', start: 1 }
}
