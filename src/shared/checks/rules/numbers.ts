import type { RuleGroup } from '../engine'
import { calendarDateOf, chineseNumber } from '../text'

/**
 * Numbers per GB/T 15835-2011 (出版物上数字用法): 〇 not 0 in a year of Chinese numerals, one kind of numeral per
 * date, the same kind across the article's dates, and dates that exist on the calendar with their weekday.
 * Dates after 发布时间 told in the past tense are out of scope: guessing tense makes false alarms.
 */

/** 0, Ｏ, O, ○ and 零 standing for 〇 in a year: 二0二四年, 二○二四年, 二零二四年. */
const ZERO_LIKE = '0０OoΟ○零'
const YEAR_OF_CHINESE = /(?<![〇零一二三四五六七八九十0-9０-９OoΟ○])([〇零一二三四五六七八九0０OoΟ○]{4})年/g

const DIGITS = '0-9０-９'
const CN = '〇零一二三四五六七八九十'
/** A date with year, month and day in any mix of numerals: 2024年3月5日, 二〇二四年三月五日, 2024年三月5日. */
const DATE = new RegExp(`(?<![${DIGITS}${CN}])(?:([${DIGITS}]{4}|[${CN}OoΟ○]{4})年)?([${DIGITS}]{1,2}|[${CN}]{1,3})月([${DIGITS}]{1,2}|[${CN}]{1,3})[日号]`, 'g')
const WEEKDAY_AFTER = /^\s*[（(]?\s*(?:星期|周|礼拜)([一二三四五六日天])\s*[）)]?/
const WEEKDAYS = '日一二三四五六'

const isArabic = (text: string) => /^[0-9０-９]+$/.test(text)

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay()
}

export const numberRules: RuleGroup = {
  rulesFor: () => ['number.zero-in-year', 'number.mixed-date', 'number.mixed', 'number.date-invalid', 'number.weekday'],
  run({ input, report }) {
    const published = calendarDateOf(input.options.publishAt)
    const publishedYear = published ? Number(published.slice(0, 4)) : null
    const publishedMonth = published ? Number(published.slice(5, 7)) : null
    const kinds: { kind: 'arabic' | 'chinese'; segment: number; start: number; end: number }[] = []
    input.segments.forEach((segment, index) => {
      const text = segment.text
      for (const match of text.matchAll(YEAR_OF_CHINESE)) {
        const year = match[1] ?? ''
        const zeros = [...year].filter((ch) => ZERO_LIKE.includes(ch)).length
        // A year of Chinese numerals with a stand-in for 〇: at least one real Chinese digit, so 2000年 is left alone.
        if (zeros === 0 || !/[一二三四五六七八九]/.test(year)) continue
        const fixed = [...year].map((ch) => (ZERO_LIKE.includes(ch) ? '〇' : ch)).join('')
        report('number.zero-in-year', index, match.index, match.index + year.length, { year, fixed }, { replacement: fixed })
      }
      for (const match of text.matchAll(DATE)) {
        const [whole, yearText, monthText = '', dayText = ''] = match
        const parts = [yearText, monthText, dayText].filter((p): p is string => p !== undefined)
        const arabic = parts.map(isArabic)
        const start = match.index
        const end = start + whole.length
        if (arabic.some((a) => a) && arabic.some((a) => !a)) {
          report('number.mixed-date', index, start, end)
          continue
        }
        const year = yearText === undefined ? null : chineseNumber(yearText.replace(/[OoΟ○零]/g, '〇'))
        const month = chineseNumber(monthText)
        const day = chineseNumber(dayText)
        if (month === null || day === null) continue
        kinds.push({ kind: arabic[0] ? 'arabic' : 'chinese', segment: index, start, end })
        if (month < 1 || month > 12 || day < 1 || day > (year === null ? daysIn(2024, month) : daysIn(year, month))) {
          report('number.date-invalid', index, start, end, { date: whole })
          continue
        }
        const weekday = WEEKDAY_AFTER.exec(text.slice(end))
        if (!weekday) continue
        const written = WEEKDAYS.indexOf(weekday[1] === '天' ? '日' : (weekday[1] ?? ''))
        // Without a year the date is in the year of 发布时间, or the year before for a month still to come.
        const years = year !== null ? [year] : publishedYear !== null ? (publishedMonth !== null && month > publishedMonth ? [publishedYear, publishedYear - 1] : [publishedYear]) : []
        if (years.length === 0 || years.some((y) => weekdayOf(y, month, day) === written)) continue
        const actual = weekdayOf(years[0] ?? 0, month, day)
        report('number.weekday', index, start, end + weekday[0].length, { date: whole, written: `星期${WEEKDAYS.charAt(written)}`, actual: `星期${WEEKDAYS.charAt(actual)}` })
      }
    })
    // Dates in the body are told one way: a 二〇二四年 in the 落款 of a quoted document is the exception, so a warning.
    const arabic = kinds.filter((k) => k.kind === 'arabic').length
    const chinese = kinds.length - arabic
    if (arabic > 0 && chinese > 0) {
      const minority = arabic >= chinese ? 'chinese' : 'arabic'
      for (const k of kinds) if (k.kind === minority) report('number.mixed', k.segment, k.start, k.end, { kind: minority })
    }
  }
}
