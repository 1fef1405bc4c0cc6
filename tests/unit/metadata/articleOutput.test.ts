import { describe, expect, it } from 'vitest'
import { articleOf } from '../../../src/shared/article/articleOf'
import { DEFAULT_CREDIT_TEMPLATE } from '../../../src/shared/article/creditLine'
import { articleToHtml, articleToPlainText } from '../../../src/shared/article/toHtml'
import { emptyMetadata } from '../../../src/shared/model/metadata'
import { createMemorySettingsStore, createSettingsService } from '../../../src/main/services/settings/settingsService'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'

const metadata = {
  ...emptyMetadata(),
  sourceDepartment: '双高办',
  authors: ['张三'],
  photographers: ['张三'],
  proofreader: '李四',
  reviewer: '王五',
  editor: '赵六',
  publishAt: '2026-11-20T14:30:00+08:00'
}
const draft = { title: '运动会', column: '校园动态', body: null, metadata }

describe('articleOf', () => {
  it('takes the people from the draft and title and column from its top', () => {
    const article = articleOf({ ...draft, metadata: { ...metadata, title: 'ignored', column: 'ignored' } })
    expect(article.metadata).toMatchObject({ title: '运动会', column: '校园动态', authors: ['张三'], reviewer: '王五' })
    expect(articleToPlainText(article)).toBe('（双高办 张三供稿/图；李四校对；王五审核）')
  })

  it('builds an article from a source without metadata (older callers)', () => {
    expect(articleOf({ title: 'T', column: '', body: null }).metadata).toEqual({ ...emptyMetadata(), title: 'T' })
  })

  it('trims what the editor form holds, as the save does', () => {
    const article = articleOf({ ...draft, metadata: { ...metadata, authors: [' 张三 '], summary: '  摘要 ' } })
    expect(article.metadata.authors).toEqual(['张三'])
    expect(article.metadata.summary).toBe('摘要')
  })

  it('uses the office template and script from the settings for the credit and editor lines', () => {
    const article = articleOf(draft, { creditTemplate: '[{authors}{role.authors}]；[{reviewer}{role.reviewer}]', creditScript: 'traditional-tw' })
    const html = articleToHtml(article, () => null, { header: true })
    expect(html).toContain('<p>（張三供稿；王五審核）</p>')
    expect(html).toContain('<p>編輯：趙六\u3000發佈日期：2026年11月20日</p>')
  })

  it('lets render options override the settings (the approval form leaves the credit line out)', () => {
    const article = articleOf(draft, { creditTemplate: DEFAULT_CREDIT_TEMPLATE, creditScript: 'traditional-hk' })
    expect(articleToPlainText(article, { creditLine: false })).toBe('')
  })
})

describe('metadata and credit settings', () => {
  it('loads settings written before these existed with the defaults', () => {
    const service = createSettingsService(createMemorySettingsStore({ language: 'en', autosaveDelayMs: 1200 }))
    expect(service.get()).toMatchObject({
      requiredMetadata: ['column', 'sourceDepartment', 'editor', 'authors'],
      creditTemplate: DEFAULT_CREDIT_TEMPLATE,
      creditScript: 'simplified'
    })
  })

  it('falls back to the default template when the stored one is broken, keeping the other settings', () => {
    const service = createSettingsService(createMemorySettingsStore({ creditTemplate: '[{nobody}]', creditScript: 'traditional-hk', requiredMetadata: ['tags', 'editor', 'bogus'] }))
    expect(service.get().creditTemplate).toBe(DEFAULT_CREDIT_TEMPLATE)
    expect(service.get().creditScript).toBe('traditional-hk')
    // One unknown field name makes the list unreadable: the default list is used.
    expect(service.get().requiredMetadata).toEqual(DEFAULT_SETTINGS.requiredMetadata)
  })

  it('refuses a broken template and keeps required fields in the panel order', () => {
    const service = createSettingsService(createMemorySettingsStore())
    expect(() => service.update({ creditTemplate: '[{authors}' })).toThrow(/invalid-request|creditTemplate/)
    expect(service.update({ requiredMetadata: ['tags', 'editor', 'editor'] }).requiredMetadata).toEqual(['editor', 'tags'])
    expect(service.update({ requiredMetadata: [] }).requiredMetadata).toEqual([])
  })
})
