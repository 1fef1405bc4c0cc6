import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import zhCN from '../../../src/renderer/src/i18n/zh-CN.json'
import type { AuditEntry } from '../../../src/shared/model/workflow'
import { auditActionText, auditDetailsText } from '../../../src/renderer/src/workflow/auditText'
import { DEFAULT_CHAIN, presetChain } from '../../../src/shared/model/chain'

const i18n = i18next.createInstance()
void i18n.init({ resources: { 'zh-CN': { translation: zhCN } }, lng: 'zh-CN', initAsync: false, interpolation: { escapeValue: false } })
const t = i18n.t.bind(i18n)

const entry = (action: AuditEntry['action'], details: Record<string, unknown>, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  at: '2026-11-20T06:05:00.000Z',
  actor: '李四',
  action,
  details,
  ...extra
})

describe('audit log wording', () => {
  it('names a sign-off by its step and words a return with its reason', () => {
    expect(auditActionText(entry('signoff', { step: 'proofread' }), t)).toBe('校对通过')
    expect(auditActionText(entry('signoff', { step: 'review' }), t)).toBe('审核通过')
    const back = entry('return', { from: 'review', to: 'returned', comment: '数据有误', revision: 7 })
    expect(auditActionText(back, t)).toBe('退回')
    expect(auditDetailsText(back, t, DEFAULT_CHAIN)).toBe('待审核 → 已退回；原因：数据有误；第 7 版')
  })

  it('says when a publish went out without approval, and how many sign-offs an edit voided', () => {
    expect(auditDetailsText(entry('publish', { from: 'draft', to: 'published', withoutApproval: true, revision: 3 }), t, DEFAULT_CHAIN)).toBe(
      '草稿 → 已发布；未经审核；第 3 版'
    )
    expect(auditDetailsText(entry('invalidate', { from: 'approved', to: 'proofreading', signOffIds: ['a', 'b'], revision: 9 }), t, DEFAULT_CHAIN)).toBe(
      '已审核 → 待校对；2 个签字失效；第 9 版'
    )
  })

  it('folds coalesced saves into a count, and leaves out details it has no words for', () => {
    const saves = entry('save', { revision: 12, somethingNew: { nested: true } }, { count: 5, until: '2026-11-20T06:09:00.000Z' })
    expect(auditDetailsText(saves, t, DEFAULT_CHAIN)).toMatch(/^保存 5 次，至 2026-11-20 \d\d:09:00；第 12 版$/)
    expect(auditDetailsText(entry('create', {}), t, DEFAULT_CHAIN)).toBe('')
    // Statuses and steps in the office's own words: the chain names them, the log keeps the name signed under.
    expect(auditActionText(entry('signoff', { step: 'second-review', stepName: '复审' }), t)).toBe('复审通过')
    expect(auditDetailsText(entry('signoff', { from: 'awaiting:second-review', to: 'awaiting:final-review' }), t, presetChain('three-reviews'))).toBe('待复审 → 待终审')
    expect(auditDetailsText(entry('export', { format: 'approval-pdf', file: '审批单.pdf' }), t, DEFAULT_CHAIN)).toBe('审批单 PDF；文件：审批单.pdf')
    expect(auditDetailsText(entry('export', { format: 'wechat', photos: 3, characters: 2958 }), t, DEFAULT_CHAIN)).toBe('复制到公众号（3 张照片）')
  })
})
