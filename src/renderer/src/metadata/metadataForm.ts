// Relative imports, not @shared: this module is unit-tested under Vitest, which has no @shared alias.
import { NAMES_MAX, parseNameList, uniqueNames, type ArticleMetadata } from '../../../shared/model/metadata'
import { DEFAULT_TIME_ZONE } from '../../../shared/article/creditTemplate'
import type { RequirableMetadataField } from '../../../shared/settings'
import { WRITTEN_DATE, calendarDate, dateValueToText } from '../components/dateText'

/** What ends a name in a token field besides Enter: the separators parseNameList splits on. */
const TOKEN_SEPARATOR = /[、,，;；/／|\n]/

/**
 * Splits what is in a token field's text box into finished names and the part still being typed:
 * `张三、李` → names [张三], rest `李`. Text after the last separator stays as typed, spaces included,
 * so the cursor never jumps.
 */
export function takeTokens(text: string): { names: string[]; rest: string } {
  if (!TOKEN_SEPARATOR.test(text)) return { names: [], rest: text }
  const parts = text.split(TOKEN_SEPARATOR)
  const rest = parts.pop() ?? ''
  return { names: parseNameList(parts.join('、')), rest }
}

/** The list with `added` appended: each name once, blanks dropped, at most `max` names. */
export function addTokens(list: readonly string[], added: readonly string[], max: number = NAMES_MAX): string[] {
  return uniqueNames([...list, ...added]).slice(0, max)
}

/** The values the required-field check looks at: the draft's column lives beside the metadata. */
export type RequiredCheckSource = Pick<ArticleMetadata, Exclude<RequirableMetadataField, 'column'>> & { column: string }

function filled(value: string | readonly string[] | null): boolean {
  if (value === null) return false
  if (typeof value === 'string') return value.trim() !== ''
  return value.some((item) => item.trim() !== '')
}

/** The required fields that are still empty, in the order given. */
export function missingRequired(source: RequiredCheckSource, required: readonly RequirableMetadataField[]): RequirableMetadataField[] {
  return required.filter((field) => !filled(source[field]))
}

const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** The zone's offset from UTC in minutes at `date` (Asia/Shanghai: +480, all year). */
export function zoneOffsetMinutes(date: Date, timeZone: string = DEFAULT_TIME_ZONE): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric'
  }).formatToParts(date)
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'))
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000)
}

/**
 * A `datetime-local` value read as wall-clock time in `timeZone`, as ISO 8601 with that zone's offset:
 * `2026-11-20T14:30` → `2026-11-20T14:30:00+08:00`. '' gives null; anything unreadable too.
 */
export function localInputToIso(value: string, timeZone: string = DEFAULT_TIME_ZONE): string | null {
  const match = LOCAL_DATETIME.exec(value.trim())
  if (!match) return null
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number]
  const wall = Date.UTC(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s)
  if (new Date(wall).getUTCDate() !== d) return null
  // The offset at the wall-clock instant, corrected once for zones whose offset changes near it.
  let offset = zoneOffsetMinutes(new Date(wall), timeZone)
  offset = zoneOffsetMinutes(new Date(wall - offset * 60_000), timeZone)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${String(y).padStart(4, '0')}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(Number.isNaN(s) ? 0 : s)}${offsetText(offset)}`
}

/** An ISO time as the `datetime-local` value showing it in `timeZone`: `2026-11-20T06:30:00Z` → `2026-11-20T14:30`. */
export function isoToLocalInput(iso: string | null, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (iso === null) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const local = new Date(date.getTime() + zoneOffsetMinutes(date, timeZone) * 60_000)
  return local.toISOString().slice(0, 16)
}

/** `2024年10月2日 09:30`: how 发布时间 is shown and typed, whatever the computer's own date format. */
export function isoToChineseDateTime(iso: string | null, timeZone: string = DEFAULT_TIME_ZONE): string {
  const local = isoToLocalInput(iso, timeZone)
  const match = LOCAL_DATETIME.exec(local)
  if (!match) return ''
  const [, y, mo, d, h, mi] = match
  return `${dateValueToText(`${y}-${mo}-${d}`)} ${h}:${mi}`
}

// 2024年10月2日 9:30, 2024年10月2日9点30分, 2024-10-02 09:30, 2024/10/2 9:30, or a date alone (00:00).
const CHINESE_DATETIME = new RegExp(`^${WRITTEN_DATE}(?:\\s*(\\d{1,2})\\s*(?::|：|点|时)\\s*(\\d{1,2})?\\s*分?)?$`)

/**
 * What a person typed in 发布时间, as the `datetime-local` value it means (`2024-10-02T09:30`);
 * '' for an empty field, null when it cannot be read as a real date and time.
 */
export function chineseDateTimeToLocalInput(text: string): string | null {
  const trimmed = text.trim().replace(/\s+/g, ' ')
  if (trimmed === '') return ''
  const match = CHINESE_DATETIME.exec(trimmed)
  if (!match) return null
  const [y, mo, d, h, mi] = [match[1], match[2], match[3], match[4] ?? '0', match[5] ?? '0'].map(Number) as [number, number, number, number, number]
  const date = h > 23 || mi > 59 ? null : calendarDate(y, mo, d)
  if (date === null) return null
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date}T${pad(h)}:${pad(mi)}`
}

/**
 * The required fields shown as errors: only those the person has left (blurred) empty, or all of them
 * once they asked to see what is missing. A fresh draft is not covered in red before anything was typed.
 */
export function requiredErrors(
  missing: readonly RequirableMetadataField[],
  left: ReadonlySet<RequirableMetadataField>,
  showAll: boolean
): RequirableMetadataField[] {
  return showAll ? [...missing] : missing.filter((field) => left.has(field))
}
