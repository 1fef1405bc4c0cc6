/**
 * A date as people in the office write it, whatever the computer's own date format: shown `2025年3月1日`, typed
 * that way or as 2025-3-1, 2025/03/01, 2025.3.1 or 20250301. The value is the `YYYY-MM-DD` of a date input.
 */

/** A written date's year, month and day (2025年3月1日, 2025-3-1, 2025/03/01, 2025.3.1); 发布时间 adds a time after it. */
export const WRITTEN_DATE = String.raw`(\d{4})\s*(?:年|-|\/|\.)\s*(\d{1,2})\s*(?:月|-|\/|\.)\s*(\d{1,2})\s*日?`

const WRITTEN = new RegExp(`^${WRITTEN_DATE}$`)
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/
const VALUE = /^(\d{4})-(\d{2})-(\d{2})$/

/** `YYYY-MM-DD` for a real calendar date (no 2月30日), null otherwise. */
export function calendarDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** `2025-03-01` → `2025年3月1日`; '' for no date or one that is not a `YYYY-MM-DD`. */
export function dateValueToText(value: string | null): string {
  const match = VALUE.exec(value ?? '')
  if (!match) return ''
  return `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日`
}

/** What was typed as a `YYYY-MM-DD`; '' for an empty field, null when it is not a real calendar date. */
export function textToDateValue(text: string): string | null {
  // Full-width digits (an IME's ２０２５) read as the plain ones.
  const trimmed = text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0)).trim()
  if (trimmed === '') return ''
  const match = WRITTEN.exec(trimmed) ?? COMPACT.exec(trimmed)
  if (!match) return null
  const year = Number(match[1])
  return year < 1000 ? null : calendarDate(year, Number(match[2]), Number(match[3]))
}
