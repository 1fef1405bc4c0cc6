import { describe, expect, it } from 'vitest'
import { ArticleMetadataSchema, emptyMetadata, parseNameList } from '../../../src/shared/model/metadata'
import { assetId } from './fixtures'

describe('ArticleMetadataSchema', () => {
  it('gives empty values for everything missing', () => {
    expect(emptyMetadata()).toEqual({
      column: '',
      title: '',
      subtitle: '',
      sourceDepartment: '',
      editor: '',
      authors: [],
      photographers: [],
      proofreader: '',
      reviewer: '',
      publishAt: null,
      summary: '',
      tags: [],
      coverAssetId: null
    })
  })

  it('trims text, drops blank names and credits each person once', () => {
    const parsed = ArticleMetadataSchema.parse({
      column: ' 校园动态 ',
      title: '\t学校召开推进会\n',
      editor: ' 陈八 ',
      authors: [' 张三', '', '张三 ', '李四', '   '],
      photographers: ['赵六', '赵六'],
      tags: [' 双高 ', '双高', '', '会议']
    })
    expect(parsed).toMatchObject({
      column: '校园动态',
      title: '学校召开推进会',
      editor: '陈八',
      authors: ['张三', '李四'],
      photographers: ['赵六'],
      tags: ['双高', '会议']
    })
  })

  it('strips fields it does not know', () => {
    expect(ArticleMetadataSchema.parse({ title: 'a', style: 'x' })).not.toHaveProperty('style')
  })

  it.each([
    ['a publication time without an offset', { publishAt: '2026-11-20 10:00' }],
    ['a cover that is a path', { coverAssetId: '/tmp/a.jpg' }],
    ['a cover that is a data URL', { coverAssetId: 'data:image/png;base64,AAAA' }],
    ['a title that is too long', { title: '长'.repeat(301) }],
    ['authors that are not a list', { authors: '张三' }],
    ['a name that is not text', { reviewer: 5 }]
  ])('refuses %s', (_name, input) => {
    expect(ArticleMetadataSchema.safeParse(input).success).toBe(false)
  })

  it('accepts a publication time with an offset and a stored cover', () => {
    const parsed = ArticleMetadataSchema.parse({ publishAt: '2026-11-20T10:00:00+08:00', coverAssetId: assetId(1) })
    expect(parsed.publishAt).toBe('2026-11-20T10:00:00+08:00')
    expect(parsed.coverAssetId).toBe(assetId(1))
  })
})

describe('parseNameList', () => {
  it.each([
    ['张三、李四', ['张三', '李四']],
    ['张三，李四,王五；赵六;钱七/孙九', ['张三', '李四', '王五', '赵六', '钱七', '孙九']],
    [' 张三 、、 张三 ', ['张三']],
    ['John Smith, 张三', ['John Smith', '张三']],
    ['', []]
  ])('%j', (text, names) => {
    expect(parseNameList(text)).toEqual(names)
  })
})
