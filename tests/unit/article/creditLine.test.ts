import { describe, expect, it } from 'vitest'
import {
  CreditTemplateError,
  DEFAULT_CREDIT_TEMPLATE,
  formatCreditLine,
  formatEditorLine,
  parseCreditTemplate,
  validateCreditTemplate,
  type CreditLineOptions,
  type CreditTemplateIssueCode
} from '../../../src/shared/article/creditLine'
import { metadata } from './fixtures'

interface People {
  dept?: string
  authors?: string[]
  photos?: string[]
  proof?: string
  review?: string
  editor?: string
}

const people = ({ dept = '', authors = [], photos = [], proof = '', review = '', editor = '' }: People) =>
  metadata({ sourceDepartment: dept, authors, photographers: photos, proofreader: proof, reviewer: review, editor })

const full: People = { dept: '双高办', authors: ['张三'], photos: ['张三'], proof: '李四', review: '王五' }

const cases: { name: string; people: People; options?: CreditLineOptions; expected: string }[] = [
  { name: 'the school’s usual form, writer took the photos', people: full, expected: '（双高办 张三供稿/图；李四校对；王五审核）' },
  {
    name: 'a different photographer',
    people: { ...full, photos: ['赵六'] },
    expected: '（双高办 张三供稿，赵六摄影；李四校对；王五审核）'
  },
  { name: 'everything empty', people: {}, expected: '' },
  { name: 'only blanks', people: { dept: '  ', authors: [' ', ''], photos: ['\t'], proof: ' ', review: '' }, expected: '' },
  { name: 'photographers only', people: { photos: ['赵六'] }, expected: '（赵六摄影）' },
  { name: 'no department: no leading space', people: { ...full, dept: '' }, expected: '（张三供稿/图；李四校对；王五审核）' },
  { name: 'department alone is the source', people: { dept: '双高办' }, expected: '（双高办供稿）' },
  { name: 'department and photographer', people: { dept: '双高办', photos: ['赵六'] }, expected: '（双高办供稿，赵六摄影）' },
  { name: 'several writers', people: { authors: ['张三', '李四'] }, expected: '（张三、李四供稿）' },
  {
    name: 'several writers who took the photos, in another order',
    people: { dept: '宣传部', authors: ['张三', '李四'], photos: ['李四', '张三'] },
    expected: '（宣传部 张三、李四供稿/图）'
  },
  {
    name: 'one writer also among several photographers',
    people: { authors: ['张三'], photos: ['张三', '赵六'] },
    expected: '（张三供稿，张三、赵六摄影）'
  },
  { name: 'writer without photos', people: { authors: ['张三'] }, expected: '（张三供稿）' },
  { name: 'proofreader only', people: { proof: '李四' }, expected: '（李四校对）' },
  { name: 'reviewer only', people: { review: '王五' }, expected: '（王五审核）' },
  { name: 'proofreader and reviewer', people: { proof: '李四', review: '王五' }, expected: '（李四校对；王五审核）' },
  { name: 'photographer and reviewer', people: { photos: ['赵六'], review: '王五' }, expected: '（赵六摄影；王五审核）' },
  { name: 'no proofreader', people: { ...full, proof: '' }, expected: '（双高办 张三供稿/图；王五审核）' },
  { name: 'no reviewer', people: { ...full, review: '' }, expected: '（双高办 张三供稿/图；李四校对）' },
  {
    name: 'no writers but a department and photographer and checkers',
    people: { dept: '双高办', photos: ['赵六'], proof: '李四', review: '王五' },
    expected: '（双高办供稿，赵六摄影；李四校对；王五审核）'
  },
  {
    name: 'names trimmed and each credited once',
    people: { dept: ' 双高办 ', authors: [' 张三', '张三 ', '李四'], photos: ['赵六', ' 赵六'], proof: ' 李四 ', review: '王五\n' },
    expected: '（双高办 张三、李四供稿，赵六摄影；李四校对；王五审核）'
  },
  { name: 'the editor is not in the default line', people: { editor: '陈八' }, expected: '' },
  { name: 'no brackets', people: full, options: { brackets: null }, expected: '双高办 张三供稿/图；李四校对；王五审核' },
  { name: 'half-width brackets', people: { proof: '李四' }, options: { brackets: ['(', ')'] }, expected: '(李四校对)' },
  { name: 'name separator', people: { authors: ['张三', '李四'] }, options: { nameSeparator: ' ' }, expected: '（张三 李四供稿）' },
  {
    name: 'source separator',
    people: full,
    options: { sourceSeparator: '\u3000' },
    expected: '（双高办\u3000张三供稿/图；李四校对；王五审核）'
  },
  { name: 'photo joiner', people: full, options: { photosJoiner: '、' }, expected: '（双高办 张三供稿、图；李四校对；王五审核）' },
  {
    name: 'office’s own role words',
    people: { ...full, photos: ['赵六'] },
    options: { roles: { authors: '文', photographers: '图', proofreader: '校', reviewer: '审' } },
    expected: '（双高办 张三文，赵六图；李四校；王五审）'
  },
  {
    name: 'role word for photos by the writers',
    people: full,
    options: { roles: { photos: '摄' } },
    expected: '（双高办 张三供稿/摄；李四校对；王五审核）'
  },
  {
    name: 'Traditional (Taiwan)',
    people: full,
    options: { script: 'traditional-tw' },
    expected: '（雙高辦 張三供稿/圖；李四校對；王五審核）'
  },
  {
    name: 'Traditional (Hong Kong), different photographer',
    people: { ...full, photos: ['赵六'] },
    options: { script: 'traditional-hk' },
    expected: '（雙高辦 張三供稿，趙六攝影；李四校對；王五審核）'
  },
  { name: 'Traditional with nothing to credit', people: {}, options: { script: 'traditional-tw' }, expected: '' },
  {
    name: 'template: roles first, labelled',
    people: { ...full, photos: ['赵六'] },
    options: { template: '[{role.authors}：{authors}]　[{role.photographers}：{photographers}]　[{role.reviewer}：{reviewer}]' },
    expected: '（供稿：张三\u3000摄影：赵六\u3000审核：王五）'
  },
  {
    name: 'template: hidden middle segment keeps the separator before the next shown one',
    people: { authors: ['张三'], review: '王五' },
    options: { template: '[{authors}写]，[{allPhotographers}拍]；[{reviewer}审]' },
    expected: '（张三写；王五审）'
  },
  {
    name: 'template: allPhotographers names them even when they wrote',
    people: full,
    options: { template: '[{authors}{role.authors}]，[{allPhotographers}{role.photographers}]' },
    expected: '（张三供稿，张三摄影）'
  },
  {
    name: 'template: department as its own segment, with editor',
    people: { ...full, editor: '陈八' },
    options: { template: '[来源：{dept}]　[{role.editor}：{editor}]', brackets: ['【', '】'] },
    expected: '【来源：双高办\u3000编辑：陈八】'
  },
  {
    name: 'template: a segment with two names shows when either has a value',
    people: { proof: '李四' },
    options: { template: '[{proofreader}/{reviewer}]' },
    expected: '（李四/）'
  },
  {
    name: 'template: whitespace around it is ignored',
    people: { review: '王五' },
    options: { template: '  [{reviewer}审核]\n' },
    expected: '（王五审核）'
  }
]

describe('formatCreditLine', () => {
  it.each(cases)('$name', ({ people: p, options, expected }) => {
    expect(formatCreditLine(people(p), options)).toBe(expected)
  })

  it('has 30+ cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30)
  })

  it('never leaves an empty role, a dangling separator or empty brackets, whatever is missing', () => {
    const names = { dept: '双高办', authors: ['张三'], photos: ['赵六'], proof: '李四', review: '王五' } as const
    const keys = Object.keys(names) as (keyof typeof names)[]
    for (let mask = 0; mask < 1 << keys.length; mask += 1) {
      const p: People = {}
      keys.forEach((key, bit) => {
        if (mask & (1 << bit)) Object.assign(p, { [key]: names[key] })
      })
      const line = formatCreditLine(people(p))
      if (mask === 0) {
        expect(line).toBe('')
        continue
      }
      expect(line, JSON.stringify(p)).toMatch(/^（[^（）]+）$/)
      // No separator next to a bracket or another separator, no role word without a name before it.
      expect(line).not.toMatch(/（[；，\s]|[；，\s]）|[；，]{2}|；\s|\s；/)
      expect(line).not.toMatch(/[（；，](供稿|摄影|校对|审核)/)
      for (const key of keys) {
        const value = names[key]
        if (mask & (1 << keys.indexOf(key))) expect(line).toContain(typeof value === 'string' ? value : value[0])
      }
    }
  })
})

describe('credit line templates', () => {
  it('accepts the default template', () => {
    expect(validateCreditTemplate(DEFAULT_CREDIT_TEMPLATE)).toEqual({ ok: true })
    expect(parseCreditTemplate(DEFAULT_CREDIT_TEMPLATE).segments).toHaveLength(4)
  })

  const broken: { template: string; code: CreditTemplateIssueCode; index: number }[] = [
    { template: '', code: 'empty', index: 0 },
    { template: '   ', code: 'empty', index: 0 },
    { template: '（[{authors}]', code: 'text-outside-segment', index: 0 },
    { template: '[{authors}]供稿', code: 'text-outside-segment', index: 11 },
    { template: '[{authors}[{reviewer}]]', code: 'nested-segment', index: 10 },
    { template: '[{authors}', code: 'unclosed-segment', index: 0 },
    { template: '{authors}]', code: 'stray-brace', index: 0 },
    { template: '[{authors}]]', code: 'unopened-segment', index: 11 },
    { template: '[{authors]', code: 'unclosed-placeholder', index: 1 },
    { template: '[{authors}}]', code: 'stray-brace', index: 10 },
    { template: '[{author}供稿]', code: 'unknown-placeholder', index: 1 },
    { template: '[{role.author}]', code: 'unknown-placeholder', index: 1 },
    { template: '[{constructor}]', code: 'unknown-placeholder', index: 1 },
    { template: '[{authors}]；[{role.reviewer}审核]', code: 'segment-without-name', index: 12 },
    { template: '[{photosByAuthors}]', code: 'segment-without-name', index: 0 },
    { template: `[{authors}${'。'.repeat(600)}]`, code: 'too-long', index: 500 }
  ]

  it.each(broken)('refuses $template with $code', ({ template, code, index }) => {
    const result = validateCreditTemplate(template)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issue.code).toBe(code)
    expect(result.issue.index).toBe(index)
    expect(result.issue.message.length).toBeGreaterThan(10)
    expect(() => formatCreditLine(people(full), { template })).toThrow(CreditTemplateError)
  })

  it('names the unknown placeholder in its message', () => {
    const result = validateCreditTemplate('[{作者}]')
    expect(result.ok ? '' : result.issue.message).toContain('{作者}')
  })
})

describe('formatEditorLine', () => {
  const at = '2026-11-20T02:00:00Z'
  it.each([
    { editor: '张三', publishAt: at, locale: 'zh-CN', expected: '编辑：张三\u3000发布日期：2026年11月20日' },
    { editor: '张三', publishAt: null, locale: 'zh-CN', expected: '编辑：张三' },
    { editor: '', publishAt: at, locale: 'zh-CN', expected: '发布日期：2026年11月20日' },
    { editor: '  ', publishAt: null, locale: 'zh-CN', expected: '' },
    { editor: ' 张三 ', publishAt: '2026-01-05T09:00:00+08:00', locale: 'zh-CN', expected: '编辑：张三\u3000发布日期：2026年1月5日' },
    // 15:30 UTC is 23:30 in Beijing: still the 31st.
    { editor: '', publishAt: '2026-12-31T15:30:00Z', locale: 'zh-CN', expected: '发布日期：2026年12月31日' },
    // 16:30 UTC is past midnight in Beijing: the Chinese date is the next day.
    { editor: '', publishAt: '2026-12-31T16:30:00Z', locale: 'zh-CN', expected: '发布日期：2027年1月1日' },
    { editor: '张三', publishAt: at, locale: 'zh-TW', expected: '編輯：張三\u3000發佈日期：2026年11月20日' },
    { editor: '张三', publishAt: at, locale: 'en', expected: 'Editor: 张三 | Published: 20 November 2026' },
    { editor: '', publishAt: at, locale: 'en', expected: 'Published: 20 November 2026' },
    { editor: '张三', publishAt: 'not a date', locale: 'zh-CN', expected: '编辑：张三' }
  ] as const)('$locale $editor $publishAt', ({ editor, publishAt, locale, expected }) => {
    expect(formatEditorLine({ editor, publishAt }, locale)).toBe(expected)
  })

  it('formats the date in the time zone it is given', () => {
    const m = { editor: '', publishAt: '2026-12-31T16:30:00Z' }
    expect(formatEditorLine(m, 'zh-CN', { timeZone: 'UTC' })).toBe('发布日期：2026年12月31日')
    expect(formatEditorLine(m, 'zh-CN', { timeZone: 'Asia/Shanghai' })).toBe('发布日期：2027年1月1日')
  })
})
