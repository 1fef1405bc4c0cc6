import { describe, expect, it } from 'vitest'
import { dateValueToText, textToDateValue } from '../../../src/renderer/src/components/dateText'

describe('dates as the office writes them', () => {
  it('shows a date input’s value as 2025年3月1日', () => {
    expect(dateValueToText('2025-03-01')).toBe('2025年3月1日')
    expect(dateValueToText('2024-12-31')).toBe('2024年12月31日')
    expect(dateValueToText('')).toBe('')
    expect(dateValueToText(null)).toBe('')
    expect(dateValueToText('03/01/2025')).toBe('')
  })

  it.each(['2025年3月1日', '2025年03月01日', '2025 年 3 月 1 日', '2025-3-1', '2025/03/01', '2025.3.1', '20250301', '２０２５年３月１日', ' 2025-03-01 '])(
    'reads %j as 2025-03-01',
    (text) => expect(textToDateValue(text)).toBe('2025-03-01')
  )

  it('reads an empty field as no date, and refuses what is not a real date', () => {
    expect(textToDateValue('')).toBe('')
    expect(textToDateValue('   ')).toBe('')
    for (const text of ['2025年2月29日', '2024年2月30日', '2025-13-01', '2025-00-10', '2025-1-0', '03/01/2025', '3月1日', '2025年3月', '0999-01-01', '2025-3-1 9:30', 'abc'])
      expect(textToDateValue(text), text).toBeNull()
    expect(textToDateValue('2024年2月29日')).toBe('2024-02-29')
  })

  it('shows back what it reads', () => {
    for (const value of ['2000-01-01', '2025-03-09', '2099-11-30']) expect(textToDateValue(dateValueToText(value))).toBe(value)
  })
})
