import { describe, expect, it } from 'vitest'
import { bodyBlocks, diffBodies, diffFields } from '../../../src/main/services/workflow/contentDiff'
import { emptyMetadata } from '../../../src/shared/model/metadata'
import type { ArticleBody } from '../../../src/shared/model/draft'
import type { SignedContent } from '../../../src/shared/model/workflow'
import { article } from './fixtures'

const ASSET_A = `sha256-${'a'.repeat(64)}.jpg`
const ASSET_B = `sha256-${'b'.repeat(64)}.jpg`

function withBlocks(...children: Record<string, unknown>[]): ArticleBody {
  return { root: { type: 'root', children: children as ArticleBody['root']['children'] } }
}
const text = (value: string) => ({ type: 'text', text: value })

describe('bodyBlocks', () => {
  it('reads paragraphs, headings, list items (nested too), pictures by caption and rules', () => {
    const body = withBlocks(
      { type: 'heading', tag: 'h2', children: [text('一、总体情况')] },
      { type: 'paragraph', children: [text('第一行'), { type: 'linebreak' }, { type: 'link', children: [text('链接')] }] },
      {
        type: 'list',
        children: [
          { type: 'listitem', children: [text('甲')] },
          { type: 'listitem', children: [{ type: 'list', children: [{ type: 'listitem', children: [text('甲一')] }] }] }
        ]
      },
      { type: 'image', assetId: ASSET_A, caption: '开幕式现场' },
      { type: 'gallery', images: [{ assetId: ASSET_A, caption: '左' }, { assetId: ASSET_B, caption: '右' }] },
      { type: 'horizontalrule' }
    )
    expect(bodyBlocks(body).map(({ block, text }) => [block, text])).toEqual([
      ['heading', '一、总体情况'],
      ['paragraph', '第一行\n链接'],
      ['listitem', '甲'],
      ['listitem', '甲一'],
      ['image', '开幕式现场'],
      ['gallery', '左 / 右'],
      ['rule', '']
    ])
    expect(bodyBlocks(null)).toEqual([])
  })
})

describe('diffBodies', () => {
  it('marks a Chinese paragraph changed character by character, and keeps the others the same', () => {
    const before = article('今天上午，学校举行秋季运动会。', '共有1200名运动员参赛。')
    const after = article('今天下午，学校隆重举行秋季运动会。', '共有1200名运动员参赛。')
    const changes = diffBodies(before, after)
    expect(changes.map((c) => c.kind)).toEqual(['changed', 'same'])
    const parts = changes[0]?.parts ?? []
    expect(parts.map((p) => (p.kind === 'same' ? p.text : `[${p.kind === 'added' ? '+' : '-'}${p.text}]`)).join('')).toBe(
      '今天[-上][+下]午，学校[+隆重]举行秋季运动会。'
    )
    expect(changes[0]).toMatchObject({ before: '今天上午，学校举行秋季运动会。', after: '今天下午，学校隆重举行秋季运动会。' })
  })

  it('shows added and removed paragraphs as such, and an unrelated rewrite as removed + added', () => {
    const before = article('第一段。', '第二段要删掉。', '第三段。')
    const after = article('第一段。', '第三段。', '新增的结尾段落。')
    expect(diffBodies(before, after).map((c) => [c.kind, c.before ?? c.after])).toEqual([
      ['same', '第一段。'],
      ['removed', '第二段要删掉。'],
      ['same', '第三段。'],
      ['added', '新增的结尾段落。']
    ])
    const rewritten = diffBodies(article('天气晴朗，万里无云。'), article('报名截止到周五下午五点。'))
    expect(rewritten.map((c) => c.kind)).toEqual(['removed', 'added'])
  })

  it('shows a replaced picture as changed even when its caption is the same', () => {
    const before = withBlocks({ type: 'image', assetId: ASSET_A, caption: '颁奖现场' })
    const after = withBlocks({ type: 'image', assetId: ASSET_B, caption: '颁奖现场' })
    expect(diffBodies(before, after)).toMatchObject([{ kind: 'changed', block: 'image', before: '颁奖现场', after: '颁奖现场' }])
    expect(diffBodies(before, before).map((c) => c.kind)).toEqual(['same'])
  })
})

describe('diffFields', () => {
  const content = (patch: Partial<SignedContent>, meta: Partial<SignedContent['metadata']> = {}): SignedContent => ({
    title: '标题',
    column: '校园动态',
    body: null,
    ...patch,
    metadata: { ...emptyMetadata(), ...meta }
  })

  it('lists each changed field with before and after, lists joined with 、', () => {
    const before = content({}, { authors: ['刘晓'], tags: ['运动会'] })
    const after = content({ title: '新标题' }, { authors: ['刘晓', '陈晨'], tags: ['运动会'], summary: '摘要' })
    expect(diffFields(before, after)).toEqual([
      { field: 'title', before: '标题', after: '新标题' },
      { field: 'authors', before: '刘晓', after: '刘晓、陈晨' },
      { field: 'summary', before: '', after: '摘要' }
    ])
    expect(diffFields(before, before)).toEqual([])
  })
})
