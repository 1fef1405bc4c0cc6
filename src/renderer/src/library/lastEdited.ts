/**
 * "When was this last edited", the way a person says it: 刚刚, 5分钟前, 今天 14:05, 昨天 09:30, 5月3日 14:05,
 * 2024年5月3日 14:05. Pure: the current time and the locale are passed in.
 */
export function formatLastEdited(iso: string, now: Date, locale: string, justNow: string): string {
  const then = new Date(iso)
  if (Number.isNaN(then.getTime())) return ''
  const elapsedMs = now.getTime() - then.getTime()
  // A clock a little ahead (another computer, a synced folder) still reads as "just now".
  if (elapsedMs < 60_000) return justNow
  const relative = formatters(locale).relative
  if (elapsedMs < 60 * 60_000) return relative.format(-Math.floor(elapsedMs / 60_000), 'minute')

  const time = formatters(locale).time.format(then)
  const days = calendarDaysBetween(then, now)
  if (days === 0 || days === 1) return `${relative.format(-days, 'day')} ${time}`
  const sameYear = then.getFullYear() === now.getFullYear()
  return (sameYear ? formatters(locale).date : formatters(locale).dateWithYear).format(then)
}

type Formatters = { relative: Intl.RelativeTimeFormat; time: Intl.DateTimeFormat; date: Intl.DateTimeFormat; dateWithYear: Intl.DateTimeFormat }

/**
 * Made once per locale: a new Intl formatter costs about a millisecond, and the list formats a time per row,
 * which made the first screen of the library some 60 ms slower to draw.
 */
const byLocale = new Map<string, Formatters>()

function formatters(locale: string): Formatters {
  let made = byLocale.get(locale)
  if (!made) {
    const date = { month: locale.startsWith('zh') ? 'long' : 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' } as const
    made = {
      relative: new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
      time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }),
      date: new Intl.DateTimeFormat(locale, date),
      dateWithYear: new Intl.DateTimeFormat(locale, { year: 'numeric', ...date })
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
