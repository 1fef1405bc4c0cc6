import { describe, expect, it } from 'vitest'
import { domainsText, parseDomains, parseOptionalLimit, parseVariants, variantsText } from '../../../src/renderer/src/checks/checkSettingsForm'
import { rankOfText, titleRowsOf, titlesOfRows } from '../../../src/renderer/src/settings/directory/personTitles'

describe('设置 → 检查 fields as typed', () => {
  it('reads one domain a line, a pasted address for its host, and names the lines it cannot read', () => {
    expect(parseDomains('example.edu.cn\n\nhttps://News.Example.edu.cn/2024/1.html\nexample.edu.cn\n不是域名\nlocalhost')).toEqual({
      value: ['example.edu.cn', 'news.example.edu.cn'],
      bad: [5, 6]
    })
    expect(parseDomains(domainsText(['a.edu.cn', 'b.gov.cn'])).value).toEqual(['a.edu.cn', 'b.gov.cn'])
  })

  it('reads 异体字 preferences as variant=preferred and round-trips them', () => {
    expect(parseVariants('着=著\n 綫 → 线\n裏 里\n坏行\n同=同')).toEqual({ value: { 着: '著', 綫: '线', 裏: '里' }, bad: [4, 5] })
    expect(parseVariants(variantsText({ 着: '著', 綫: '线' })).value).toEqual({ 着: '著', 綫: '线' })
  })

  it('takes an empty limit for none and refuses what is not a whole number in range', () => {
    expect(parseOptionalLimit(' ', 5, 200)).toBeNull()
    expect(parseOptionalLimit('40', 5, 200)).toBe(40)
    expect(parseOptionalLimit('4', 5, 200)).toBeUndefined()
    expect(parseOptionalLimit('4.5', 1, 200)).toBeUndefined()
  })
})

describe('a person’s 职务 and rank as typed', () => {
  it('keeps dated titles, drops rows without a title, refuses a date that is not one', () => {
    expect(titlesOfRows([{ title: ' 副校长 ', from: '2023-09-01' }, { title: '', from: '2024-01-01' }, { title: '教授', from: '' }])).toEqual([
      { title: '副校长', from: '2023-09-01' },
      { title: '教授', from: null }
    ])
    expect(titlesOfRows([{ title: '校长', from: '2024/9/1' }])).toBeNull()
    expect(titleRowsOf([{ title: '校长', from: null }])).toEqual([{ title: '校长', from: '' }])
  })

  it('reads a rank of 1–999, empty for none', () => {
    expect(rankOfText('')).toBeNull()
    expect(rankOfText(' 2 ')).toBe(2)
    expect(rankOfText('0')).toBeUndefined()
    expect(rankOfText('1000')).toBeUndefined()
    expect(rankOfText('一')).toBeUndefined()
  })
})
