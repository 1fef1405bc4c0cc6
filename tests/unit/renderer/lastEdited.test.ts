import { describe, expect, it } from 'vitest'
import { formatLastEdited, lastEditedTexts } from '../../../src/renderer/src/library/lastEdited'

// Local-time constructors keep these independent of the machine's time zone.
const now = new Date(2026, 10, 20, 15, 30, 0)
const at = (...args: [number, number, number, number, number]) => new Date(...args).toISOString()

describe('formatLastEdited', () => {
  it('says "just now" within a minute, and also for a clock slightly ahead', () => {
    expect(formatLastEdited(new Date(2026, 10, 20, 15, 29, 30).toISOString(), now, 'zh-CN', '刚刚')).toBe('刚刚')
    expect(formatLastEdited(at(2026, 10, 20, 15, 29), now, 'zh-CN', '刚刚')).toBe('1分钟前')
    expect(formatLastEdited(new Date(now.getTime() + 5_000).toISOString(), now, 'zh-CN', '刚刚')).toBe('刚刚')
  })

  it('counts minutes within the hour', () => {
    expect(formatLastEdited(at(2026, 10, 20, 15, 25), now, 'zh-CN', '刚刚')).toBe('5分钟前')
    expect(formatLastEdited(at(2026, 10, 20, 15, 25), now, 'en', 'just now')).toBe('5 minutes ago')
  })

  it('names today and yesterday with the time', () => {
    expect(formatLastEdited(at(2026, 10, 20, 9, 5), now, 'zh-CN', '刚刚')).toBe('今天 09:05')
    expect(formatLastEdited(at(2026, 10, 19, 23, 50), now, 'zh-CN', '刚刚')).toBe('昨天 23:50')
  })

  it('gives month and day this year, and the year for older drafts', () => {
    expect(formatLastEdited(at(2026, 4, 3, 14, 5), now, 'zh-CN', '刚刚')).toBe('5月3日 14:05')
    expect(formatLastEdited(at(2025, 4, 3, 14, 5), now, 'zh-CN', '刚刚')).toBe('2025年5月3日 14:05')
  })

  it('leaves the clock off dates before yesterday in a row, and keeps the whole time for its tooltip', () => {
    const shown = (iso: string, locale = 'zh-CN', justNow = '刚刚') => lastEditedTexts(iso, now, locale, justNow).shown
    expect(shown(at(2026, 4, 3, 14, 5))).toBe('5月3日')
    expect(shown(at(2025, 4, 3, 14, 5))).toBe('2025年5月3日')
    expect(shown(at(2025, 4, 3, 14, 5), 'en', 'just now')).toBe('May 3, 2025')
    expect(shown(at(2026, 4, 3, 14, 5), 'en', 'just now')).toBe('May 3')
    // Today and yesterday keep their time: 今天 alone says too little.
    expect(shown(at(2026, 10, 20, 9, 5))).toBe('今天 09:05')
    expect(shown(at(2026, 10, 19, 23, 50))).toBe('昨天 23:50')
    expect(shown(at(2026, 10, 20, 15, 25))).toBe('5分钟前')
    expect(lastEditedTexts(at(2025, 4, 3, 14, 5), now, 'zh-CN', '刚刚')).toEqual({ shown: '2025年5月3日', whole: '2025年5月3日 14:05' })
    expect(lastEditedTexts(at(2026, 10, 20, 9, 5), now, 'zh-CN', '刚刚')).toEqual({ shown: '今天 09:05', whole: '今天 09:05' })
    expect(lastEditedTexts('not a date', now, 'zh-CN', '刚刚')).toEqual({ shown: '', whole: '' })
  })

  it('keeps each language its own words when the languages alternate (its formatters are made once per language)', () => {
    for (let round = 0; round < 2; round++) {
      expect(formatLastEdited(at(2025, 4, 3, 14, 5), now, 'zh-CN', '刚刚')).toBe('2025年5月3日 14:05')
      expect(formatLastEdited(at(2025, 4, 3, 14, 5), now, 'en', 'just now')).toBe('May 3, 2025, 02:05 PM')
      expect(formatLastEdited(at(2026, 4, 3, 14, 5), now, 'en', 'just now')).toBe('May 3, 02:05 PM')
      expect(formatLastEdited(at(2026, 10, 19, 23, 50), now, 'en', 'just now')).toBe('yesterday 11:50 PM')
    }
  })

  it('writes Chinese as ICU does for zh-CN, without Intl, on every kind of day and hour', () => {
    const relative = new Intl.RelativeTimeFormat('zh-CN', { numeric: 'auto' })
    const time = new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit' })
    const date = { month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' } as const
    const thisYear = new Intl.DateTimeFormat('zh-CN', date)
    const withYear = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', ...date })
    const thisYearDay = new Intl.DateTimeFormat('zh-CN', { month: 'long', day: 'numeric' })
    const withYearDay = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric' })
    const late = new Date(2026, 11, 31, 23, 59, 0)
    let compared = 0
    // Every 97 minutes across two years: midnight, single-digit hours, months and days, both years.
    for (let ms = late.getTime() - 2 * 365 * 86_400_000; ms < late.getTime() - 60_000; ms += 97 * 60_000) {
      const then = new Date(ms)
      const elapsed = late.getTime() - ms
      const startOfToday = new Date(late.getFullYear(), late.getMonth(), late.getDate()).getTime()
      const days = ms >= startOfToday ? 0 : ms >= startOfToday - 86_400_000 ? 1 : 2
      const icu =
        elapsed < 3_600_000
          ? relative.format(-Math.floor(elapsed / 60_000), 'minute')
          : days < 2
            ? `${relative.format(-days, 'day')} ${time.format(then)}`
            : (then.getFullYear() === late.getFullYear() ? thisYear : withYear).format(then)
      expect(formatLastEdited(then.toISOString(), late, 'zh-CN', '刚刚'), then.toString()).toBe(icu)
      if (days === 2) {
        const day = then.getFullYear() === late.getFullYear() ? thisYearDay : withYearDay
        expect(lastEditedTexts(then.toISOString(), late, 'zh-CN', '刚刚').shown, then.toString()).toBe(day.format(then))
      }
      compared++
    }
    for (let minutes = 1; minutes < 60; minutes++) {
      const then = new Date(late.getTime() - minutes * 60_000 - 1_000)
      expect(formatLastEdited(then.toISOString(), late, 'zh-CN', '刚刚')).toBe(relative.format(-minutes, 'minute'))
    }
    expect(compared).toBeGreaterThan(10_000)
  })

  it('returns nothing for a time it cannot read', () => {
    expect(formatLastEdited('not a date', now, 'zh-CN', '刚刚')).toBe('')
  })
})
