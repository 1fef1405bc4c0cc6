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
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  if (elapsedMs < 60 * 60_000) return relative.format(-Math.floor(elapsedMs / 60_000), 'minute')

  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(then)
  const days = calendarDaysBetween(then, now)
  if (days === 0 || days === 1) return `${relative.format(-days, 'day')} ${time}`
  const sameYear = then.getFullYear() === now.getFullYear()
  return new Intl.DateTimeFormat(locale, {
    ...(sameYear ? {} : { year: 'numeric' }),
    month: locale.startsWith('zh') ? 'long' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit'
  }).format(then)
}

function calendarDaysBetween(earlier: Date, later: Date): number {
  const start = new Date(earlier.getFullYear(), earlier.getMonth(), earlier.getDate())
  const end = new Date(later.getFullYear(), later.getMonth(), later.getDate())
  return Math.round((end.getTime() - start.getTime()) / 86_400_000)
}
