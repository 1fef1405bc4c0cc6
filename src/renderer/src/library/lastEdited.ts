/**
 * "When was this last edited", the way a person says it: 刚刚, 5分钟前, 今天 14:05, 昨天 09:30, 5月3日 14:05,
 * 2024年5月3日 14:05. Pure: the current time and the locale are passed in.
 */
export function formatLastEdited(iso: string, now: Date, locale: string, justNow: string): string {
  const at = moment(iso, now, locale, justNow)
  return typeof at === 'string' ? at : dated(at, true)
}

/**
 * A row's time in the list of drafts, `shown` with the clock left off dates before yesterday (5月3日, 2024年5月3日:
 * a narrow list has no room for it), and `whole` as formatLastEdited gives it, for the tooltip.
 */
export function lastEditedTexts(iso: string, now: Date, locale: string, justNow: string): { shown: string; whole: string } {
  const at = moment(iso, now, locale, justNow)
  return typeof at === 'string' ? { shown: at, whole: at } : { shown: dated(at, false), whole: dated(at, true) }
}

type Dated = { then: Date; words: Words; thisYear: boolean }

/** The words for a recent time, or what writing a date before yesterday needs. */
function moment(iso: string, now: Date, locale: string, justNow: string): string | Dated {
  const then = new Date(iso)
  if (Number.isNaN(then.getTime())) return ''
  const elapsedMs = now.getTime() - then.getTime()
  // A clock a little ahead (another computer, a synced folder) still reads as "just now".
  if (elapsedMs < 60_000) return justNow
  const words = locale.startsWith('zh') ? CHINESE : formatters(locale)
  if (elapsedMs < 60 * 60_000) return words.minutesAgo(Math.floor(elapsedMs / 60_000))
  const days = calendarDaysBetween(then, now)
  if (days === 0 || days === 1) return words.dayAt(days, then)
  return { then, words, thisYear: then.getFullYear() === now.getFullYear() }
}

const dated = ({ then, words, thisYear }: Dated, clock: boolean) => (thisYear ? words.date(then, clock) : words.dateWithYear(then, clock))

type Words = {
  minutesAgo(minutes: number): string
  /** 今天 / 昨天 (0 or 1 days ago) with the time. */
  dayAt(daysAgo: 0 | 1, then: Date): string
  date(then: Date, clock: boolean): string
  dateWithYear(then: Date, clock: boolean): string
}

const twoDigits = (value: number) => String(value).padStart(2, '0')
const chineseTime = (then: Date) => `${twoDigits(then.getHours())}:${twoDigits(then.getMinutes())}`

/**
 * Chinese, written out: the same words ICU gives for zh-CN (a unit test compares them), without Intl. Making the
 * first Intl formatters loads ICU's data, about 12 ms on the library's first screen, and the Chinese forms are fixed
 * whatever the system's locale.
 */
const CHINESE: Words = {
  minutesAgo: (minutes) => `${minutes}分钟前`,
  dayAt: (daysAgo, then) => `${daysAgo === 0 ? '今天' : '昨天'} ${chineseTime(then)}`,
  date: (then, clock) => `${then.getMonth() + 1}月${then.getDate()}日${clock ? ` ${chineseTime(then)}` : ''}`,
  dateWithYear: (then, clock) => `${then.getFullYear()}年${then.getMonth() + 1}月${then.getDate()}日${clock ? ` ${chineseTime(then)}` : ''}`
}

/**
 * Other languages through Intl, made once per locale: a new Intl formatter costs about a millisecond, and the list
 * formats a time per row.
 */
const byLocale = new Map<string, Words>()

function formatters(locale: string): Words {
  let made = byLocale.get(locale)
  if (!made) {
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
    const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' })
    const day = { month: 'short', day: 'numeric' } as const
    const clock = { hour: '2-digit', minute: '2-digit' } as const
    const date = new Intl.DateTimeFormat(locale, { ...day, ...clock })
    const dateWithYear = new Intl.DateTimeFormat(locale, { year: 'numeric', ...day, ...clock })
    const dayOnly = new Intl.DateTimeFormat(locale, day)
    const dayWithYear = new Intl.DateTimeFormat(locale, { year: 'numeric', ...day })
    made = {
      minutesAgo: (minutes) => relative.format(-minutes, 'minute'),
      dayAt: (daysAgo, then) => `${relative.format(-daysAgo, 'day')} ${time.format(then)}`,
      date: (then, withClock) => (withClock ? date : dayOnly).format(then),
      dateWithYear: (then, withClock) => (withClock ? dateWithYear : dayWithYear).format(then)
    }
    byLocale.set(locale, made)
  }
  return made
}

function calendarDaysBetween(earlier: Date, later: Date): number {
  const start = new Date(earlier.getFullYear(), earlier.getMonth(), earlier.getDate())
  const end = new Date(later.getFullYear(), later.getMonth(), later.getDate())
  return Math.round((end.getTime() - start.getTime()) / 86_400_000)
}
