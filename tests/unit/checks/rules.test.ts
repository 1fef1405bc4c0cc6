import { describe, expect, it } from 'vitest'
import { AhoCorasick } from '../../../src/shared/checks/ahoCorasick'
import { RULE_IDS, RULE_SEVERITY, runChecks } from '../../../src/shared/checks/engine'
import { DEFAULT_CHECK_SETTINGS } from '../../../src/shared/checks/settings'
import type { CheckInput, CheckOptions, CheckSegment } from '../../../src/shared/checks/types'
import { soundsAlike, titleFits } from '../../../src/shared/checks/rules/people'
import en from '../../../src/renderer/src/i18n/en.json'
import zh from '../../../src/renderer/src/i18n/zh-CN.json'
import { CORPUS_PEOPLE } from '../../fixtures/checks/people'

const options = (extra: Partial<CheckOptions> = {}): CheckOptions => ({
  ...DEFAULT_CHECK_SETTINGS,
  ownDomains: ['zjut-demo.edu.cn'],
  people: CORPUS_PEOPLE,
  publishAt: '2024-09-10T10:00:00+08:00',
  ...extra
})

function check(body: string | string[], extra: Partial<CheckOptions> = {}, more: Partial<CheckInput> = {}) {
  const segments: CheckSegment[] = (Array.isArray(body) ? body : [body]).map((text, i) => ({ field: 'body', key: `p${i}`, text }))
  return runChecks({ segments, photos: [], links: [], options: options(extra), ...more }).findings
}

/** [ruleId, excerpt, fix] of each finding, for compact expectations. */
const brief = (body: string | string[], extra?: Partial<CheckOptions>) => check(body, extra).map((f) => [f.ruleId, f.excerpt, f.fix?.replacement ?? null])
const rules = (body: string | string[], extra?: Partial<CheckOptions>) => check(body, extra).map((f) => f.ruleId)

describe('Aho–Corasick', () => {
  it('finds every pattern in one pass, leftmost-longest without overlaps, at UTF-16 offsets', () => {
    const ac = new AhoCorasick(['截止目前', '截止到目前', '目前', '𠮷野家'].map((pattern) => ({ pattern, data: pattern })))
    expect(ac.search('截止到目前，截止目前在𠮷野家').map((m) => [m.data, m.start, m.end])).toEqual([
      ['截止到目前', 0, 5],
      ['截止目前', 6, 10],
      ['𠮷野家', 11, 15]
    ])
    expect(ac.all('截止目前').map((m) => m.data)).toEqual(['截止目前', '目前'])
  })
})

describe('people and titles', () => {
  it('flags a known person with a title that is not theirs at 发布时间, and leaves former titles alone', () => {
    expect(brief('副校长赵敏主持会议。赵敏校长讲话。')).toEqual([['people.wrong-title', '赵敏校长', null]])
    expect(brief('原副校长李明出席。校长李明讲话。')).toEqual([])
    expect(rules('副校长李明讲话。')).toEqual(['people.wrong-title'])
    expect(rules('副校长李明讲话。', { publishAt: '2024-06-30T10:00:00+08:00' })).toEqual([])
    expect(rules('党委副书记、校长李明，党委书记王建国。')).toContain('people.rank-order')
  })

  it('judges 校长 for a 副校长 wrong, and 书记 for a 党委书记 right', () => {
    expect(titleFits('校长', ['副校长'])).toBe(false)
    expect(titleFits('书记', ['党委书记'])).toBe(true)
    expect(titleFits('书记', ['党委副书记'])).toBe(false)
    expect(titleFits('副校长', ['校长'])).toBe(false)
    expect(titleFits('副书记', ['党委副书记', '校长'])).toBe(true)
  })

  it('flags leaders listed against rank in one sentence, but not a sentence where they do different things', () => {
    expect(brief('副校长刘海涛、赵敏出席。')).toEqual([['people.rank-order', '刘海涛、赵敏', null]])
    expect(rules('副校长刘海涛主持会议，党委书记王建国讲话。')).toEqual([])
    expect(rules('刘海涛出席。赵敏出席。')).toEqual([])
  })

  it('flags a name one character off a known one, 同音 or 形近, where a name stands', () => {
    expect(brief('副校长黄伟东出席。')).toEqual([['people.name-typo', '黄伟东', null]])
    expect(brief('副校长刘海滔、赵敏出席。').map((f) => f[1])).toContain('刘海滔')
    expect(brief('校长李鸣讲话。').map((f) => f[0])).toEqual(['people.name-typo'])
    // A guest with a different name is not a typo of ours; neither is a name with an unrelated character.
    expect(rules('浙江大学副校长黄先海出席。')).toEqual([])
    expect(rules('副校长李强出席。')).toEqual([])
    expect(soundsAlike('明', '鸣')).toBe(true)
    expect(soundsAlike('明', '敏')).toBe(false)
  })
})

describe('punctuation (GB/T 15834)', () => {
  it('fixes half-width marks in Chinese with certainty, leaving English, numbers and times alone', () => {
    expect(brief('今天,我们开会.大家说:好!')).toEqual([
      ['punct.halfwidth', ',', '，'],
      ['punct.halfwidth', '.', '。'],
      ['punct.halfwidth', ':', '：'],
      ['punct.halfwidth', '!', '！']
    ])
    expect(brief('会议8:30开始，增长3.5%，Dr. Smith说“This is great.”，网址www.zjut-demo.edu.cn。')).toEqual([])
    // An Arabic ordinal takes the half-width 下脚点 (GB/T 15834).
    expect(brief('会议议程：1.开幕式；2.主旨报告。')).toEqual([])
    expect(brief('他说"好",走了。')).toEqual([
      ['punct.halfwidth', '"', '“'],
      ['punct.halfwidth', '"', '”'],
      ['punct.halfwidth', ',', '，']
    ])
    expect(brief('这是(括号)里的话。')).toEqual([
      ['punct.halfwidth', '(', '（'],
      ['punct.halfwidth', ')', '）']
    ])
  })

  it('wants no space between Chinese and Latin letters or digits, or around Chinese marks', () => {
    expect(brief('学校与 MIT 合作，共 3 项。')).toEqual([
      ['punct.space', ' ', ''],
      ['punct.space', ' ', ''],
      ['punct.space', ' ', ''],
      ['punct.space', ' ', '']
    ])
    expect(brief('参加IEEE ICRA 2025会议。')).toEqual([])
    expect(brief('　　学校召开会议。')).toEqual([])
  })

  it('finds unpaired quotes, brackets and 书名号, but lets a quotation run over paragraphs', () => {
    expect(brief('他说：“好。')).toEqual([['punct.unpaired', '“', null]])
    expect(brief('学习《纲要（2024—2035年）。')).toEqual([['punct.unpaired', '《', null]])
    expect(brief('他说：好。”')).toEqual([['punct.unpaired', '”', null]])
    expect(brief(['他说：“第一段。', '“第二段。”'])).toEqual([])
    expect(brief('O’Brien教授说。')).toEqual([])
  })

  it('fixes 省略号, 破折号 and doubled marks', () => {
    expect(brief('写春联...包饺子。。。还有…')).toEqual([
      ['punct.ellipsis', '...', '……'],
      ['punct.ellipsis', '。。。', '……'],
      ['punct.ellipsis', '…', '……']
    ])
    expect(brief('她说--好。')).toEqual([['punct.dash', '--', '——']])
    expect(brief('2024—2035年，北京—上海，他说——好。')).toEqual([])
    expect(brief('会上，，他说。')).toEqual([['punct.doubled', '，，', '，']])
    expect(brief('他问：“好吗？！”')).toEqual([])
  })

  it('unifies 「」 to “” for Simplified text', () => {
    expect(brief('他说「好」。')).toEqual([
      ['punct.unify', '「', '“'],
      ['punct.unify', '」', '”']
    ])
  })
})

describe('numbers (GB/T 15835)', () => {
  it('fixes 0, O, ○ and 零 for 〇 in a year of Chinese numerals, and leaves 2000年 alone', () => {
    expect(brief('二0二四年、二○二五年、二零二三年、二O二二年，2000年。')).toEqual([
      ['number.zero-in-year', '二0二四', '二〇二四'],
      ['number.zero-in-year', '二○二五', '二〇二五'],
      ['number.zero-in-year', '二零二三', '二〇二三'],
      ['number.zero-in-year', '二O二二', '二〇二二']
    ])
  })

  it('flags a date mixing numerals, dates that do not exist, and a wrong weekday', () => {
    expect(rules('2024年3月十日')).toEqual(['number.mixed-date'])
    expect(brief('2023年2月29日、4月31日、13月1日，2024年2月29日。').map((f) => f[1])).toEqual(['2023年2月29日', '4月31日', '13月1日'])
    expect(brief('2024年9月10日（星期三）')).toEqual([['number.weekday', '2024年9月10日（星期三）', null]])
    expect(brief('2024年9月10日（星期二），9月11日（周三）')).toEqual([])
    // Without a year: the year of 发布时间, or the year before for a month still to come.
    expect(rules('12月30日（星期一）', { publishAt: '2025-01-03T10:00:00+08:00' })).toEqual([])
  })

  it('warns when the article tells most dates one way and a few the other', () => {
    const found = check('9月1日开学，9月8日开学典礼，十月一日放假。')
    expect(found.map((f) => [f.ruleId, f.severity, f.excerpt])).toEqual([['number.mixed', 'warning', '十月一日']])
  })
})

describe('简繁 and 异体字', () => {
  it('flags Traditional characters in Simplified text with the Simplified form as a fix, judged by phrase', () => {
    expect(brief('学校召開会议。')).toEqual([['script.traditional', '開', '开']])
    expect(brief('著名的乾隆皇帝，干部发展。')).toEqual([])
  })

  it('leaves a Traditional credit line alone when 设置 chose that script for it, and only then', () => {
    const segments: CheckSegment[] = [
      { field: 'body', key: 'p0', text: '学校召开会议。' },
      { field: 'credit', key: 'credit', text: '（雙高辦 張三供稿）' }
    ]
    const ruleIds = (extra: Partial<CheckOptions>) => runChecks({ segments, photos: [], links: [], options: options(extra) }).findings.map((f) => [f.ruleId, f.excerpt])
    expect(ruleIds({ creditScript: 'traditional-tw' })).toEqual([])
    expect(ruleIds({ creditScript: 'simplified' })).toContainEqual(['script.traditional', '雙'])
    expect(ruleIds({})).toContainEqual(['script.traditional', '雙'])
  })

  it('prefers the office’s forms', () => {
    expect(brief('这是惟一的帐号。')).toEqual([
      ['script.variant', '惟一', '唯一'],
      ['script.variant', '帐号', '账号']
    ])
  })
})

describe('word lists', () => {
  it('flags 禁用词 as errors with the replacement, 慎用词 as warnings with the note', () => {
    const found = check('中共浙江省省委书记莅临学校，截止目前圆满成功。')
    expect(found.map((f) => [f.ruleId, f.severity, f.excerpt, f.fix?.replacement ?? null])).toEqual([
      ['words.forbidden', 'error', '省省委', '省委'],
      ['words.caution', 'warning', '莅临', null],
      ['words.forbidden', 'error', '截止目前', '截至目前'],
      ['words.caution', 'warning', '圆满成功', null]
    ])
    expect(found[1]?.params?.note).toMatch(/上级领导/)
  })

  it('uses the office’s own list when it edits it', () => {
    expect(rules('学校领导莅临。', { words: [{ word: '学校领导', kind: 'forbidden', replacement: '校领导' }] })).toEqual(['words.forbidden'])
  })
})

describe('completeness', () => {
  const base = (extra: Partial<CheckInput>): CheckInput => ({
    segments: [
      { field: 'title', key: 'title', text: '标题' },
      { field: 'body', key: 'p0', text: '正文。' }
    ],
    photos: [],
    links: [],
    options: options(),
    ...extra
  })

  it('wants a caption and a photographer for every photo, and photos wide enough for the site', () => {
    const found = runChecks(base({ photos: [{ key: 'ph', caption: '', photographer: '', width: 640, height: 480 }] })).findings
    expect(found.map((f) => f.ruleId).sort()).toEqual(['complete.caption', 'complete.credit', 'complete.photo-size'])
  })

  it('keeps the title within the limit, wants a summary when required, flags empty and doubled paragraphs', () => {
    const segments: CheckSegment[] = [
      { field: 'title', key: 'title', text: '这'.repeat(45) },
      { field: 'body', key: 'p0', text: '学校召开新学期工作会议，部署重点工作。' },
      { field: 'body', key: 'p1', text: '' },
      { field: 'body', key: 'p2', text: '学校召开新学期工作会议，部署重点工作。' },
      { field: 'body', key: 'p3', text: '' }
    ]
    const found = runChecks(base({ segments, options: options({ summaryRequired: true }) })).findings
    expect(found.map((f) => [f.ruleId, f.segment])).toEqual([
      ['complete.summary', 0],
      ['complete.title-length', 0],
      ['complete.empty-paragraph', 2],
      ['complete.duplicate-paragraph', 3]
    ])
  })

  it('applies the 公众号 limits for 标题 (32) and 摘要 (128) only when the office posts there', () => {
    const segments: CheckSegment[] = [
      { field: 'title', key: 'title', text: '学校召开2025年全面从严治党工作会议暨党风廉政建设和反腐败工作会议' },
      { field: 'summary', key: 'summary', text: '会'.repeat(130) }
    ]
    expect(runChecks(base({ segments })).findings.map((f) => f.ruleId)).toEqual([])
    const found = runChecks(base({ segments, options: options({ wechat: true }) })).findings
    expect(found.map((f) => [f.ruleId, f.params?.length, f.params?.max])).toEqual([
      ['complete.wechat-title', 34, 32],
      ['complete.wechat-summary', 130, 128]
    ])
  })

  it('flags links and written-out addresses outside the school’s domains', () => {
    const segments: CheckSegment[] = [{ field: 'body', key: 'p0', text: '详见学校官网和新闻稿，也可访问www.example.com/a。' }]
    const links = [
      { segment: 0, href: 'https://news.zjut-demo.edu.cn/a.html', start: 2, end: 6 },
      { segment: 0, href: 'https://mp.weixin.qq.com/s/x', start: 7, end: 10 }
    ]
    const found = runChecks(base({ segments, links })).findings
    expect(found.map((f) => [f.ruleId, f.excerpt])).toEqual([
      ['complete.external-link', '新闻稿'],
      ['complete.external-link', 'www.example.com/a']
    ])
  })
})

describe('the rule set', () => {
  it('says which rules ran: a rule with nothing configured to check against is not claimed', () => {
    const ran = runChecks({ segments: [{ field: 'body', key: 'p', text: '正文。' }], photos: [], links: [], options: options({ ownDomains: [], people: [], titleMax: null }) }).rulesRun
    expect(ran).not.toContain('complete.external-link')
    expect(ran).not.toContain('people.wrong-title')
    expect(ran).toContain('punct.halfwidth')
  })

  it('has a message in both languages for every rule', () => {
    const message = (json: unknown, id: string) => id.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], (json as { checks: { rules: unknown } }).checks.rules)
    for (const id of RULE_IDS) {
      expect(typeof message(zh, id), `zh-CN checks.rules.${id}`).toBe('string')
      expect(typeof message(en, id), `en checks.rules.${id}`).toBe('string')
      expect(['error', 'warning', 'info']).toContain(RULE_SEVERITY[id])
    }
  })
})
