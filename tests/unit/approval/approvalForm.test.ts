import { describe, expect, it } from 'vitest'
import { presetChain } from '../../../src/shared/model/chain'
import { approvalFormHtml, contentHashOf, FORM_FONT_STACK, type ApprovalFormInput } from '../../../src/main/services/approval/approvalForm'
import { articleToPlainText } from '../../../src/shared/article/toHtml'
import { countWords } from '../../../src/shared/article/wordCount'
import { DraftSchema, type Draft } from '../../../src/shared/model/draft'
import type { SignOff } from '../../../src/shared/model/workflow'

const ASSET_A = `sha256-${'a'.repeat(64)}.jpg`
const ASSET_B = `sha256-${'b'.repeat(64)}.png`
const ASSET_C = `sha256-${'c'.repeat(64)}.png`
const HOSTILE_TITLE = '秋季运动会<script>alert("t")</script>开幕'
const HOSTILE_COMMENT = '请改正</td></tr><img src=x onerror=alert(1)>第二段'

function draft(overrides: Partial<Draft> = {}): Draft {
  return DraftSchema.parse({
    schemaVersion: 1,
    id: 'draft-0001',
    title: HOSTILE_TITLE,
    column: '校园动态',
    status: 'approved',
    body: {
      root: {
        type: 'root',
        children: [
          { type: 'paragraph', children: [{ type: 'text', text: '今天上午，学校在田径场隆重举行第十届秋季运动会。' }] },
          { type: 'image', assetId: ASSET_A, caption: '开幕式现场', alt: '开幕式', credit: '赵六', width: 'full', align: 'center' },
          {
            type: 'gallery',
            images: [
              { assetId: ASSET_B, caption: '男子百米', alt: '', credit: '' },
              { assetId: ASSET_C, caption: '<b>女子</b>跳远', alt: '', credit: '' }
            ]
          },
          { type: 'paragraph', children: [{ type: 'text', text: 'About 2,000 students took part.' }] }
        ]
      }
    },
    metadata: {
      subtitle: '全校师生参加',
      sourceDepartment: '体育部',
      editor: '张编辑',
      authors: ['王小明', '陈晓'],
      photographers: ['赵六'],
      proofreader: '李四',
      reviewer: '王五',
      publishAt: '2026-11-20T02:30:00.000Z'
    },
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedAt: '2026-11-02T08:00:00.000Z',
    revision: 7,
    ...overrides
  })
}

function signOff(overrides: Partial<SignOff>): SignOff {
  return {
    id: 'so',
    action: 'sign',
    stepId: 'proofread',
    stepName: '校对',
    name: '李四',
    at: '2026-11-02T01:05:00.000Z',
    comment: '',
    from: 'awaiting:proofread',
    to: 'awaiting:review',
    revision: 5,
    contentHash: 'f'.repeat(64),
    withoutApproval: false,
    invalidatedAt: null,
    invalidatedRevision: null,
    versionId: null,
    waivers: [],
    checks: null,
    signature: null,
    importedAt: null,
    ...overrides
  }
}

function input(overrides: Partial<ApprovalFormInput> = {}): ApprovalFormInput {
  const d = draft()
  return {
    draft: d,
    signOffs: [
      signOff({ id: 'a', comment: '已校对', contentHash: '1234567890abcdef'.repeat(4), invalidatedAt: '2026-11-02T02:00:00.000Z', invalidatedRevision: 6 }),
      signOff({ id: 'b', comment: HOSTILE_COMMENT, contentHash: contentHashOf(d), at: '2026-11-02T03:00:00.000Z' }),
      signOff({ id: 'c', action: 'sign', stepId: 'review', stepName: '审核', name: '王五', comment: '同意发布', contentHash: contentHashOf(d), from: 'awaiting:review', to: 'approved', at: '2026-11-02T04:10:00.000Z' })
    ],
    directory: { version: 2, people: [{ id: 'p-1', name: '王五', roles: ['reviewer'], department: '党委宣传部', publicKey: null, titles: [], rank: null }], departments: [], columns: [] },
    resolveAsset: (assetId) => (assetId === ASSET_A ? 'data:image/jpeg;base64,/9j/4AAQ' : assetId === ASSET_B ? 'javascript:alert(1)' : null),
    printedAt: new Date('2026-11-03T00:00:00.000Z'),
    ...overrides
  }
}

/** Every tag in the document: the form escapes all text, so each `<` starts a tag the form wrote. */
function tags(html: string): { name: string; attributes: string[] }[] {
  return [...html.matchAll(/<(\/?[a-zA-Z][a-zA-Z0-9]*|!DOCTYPE)([^>]*)>/g)].map((m) => ({
    name: (m[1] ?? '').replace('/', '').toLowerCase(),
    attributes: [...(m[2] ?? '').matchAll(/([a-zA-Z-]+)=/g)].map((a) => (a[1] ?? '').toLowerCase())
  }))
}

/** The text of the table row whose header cell says `label`. */
function row(html: string, label: string): string {
  const match = new RegExp(`<tr><th scope="row">${label}</th><td>(.*?)</td></tr>`).exec(html)
  if (!match) throw new Error(`no row ${label}`)
  return (match[1] ?? '').replace(/<[^>]+>/g, '')
}

describe('稿件审批单 (approval form HTML)', () => {
  const html = approvalFormHtml(input(), 'zh-CN')

  it('is a complete A4 document with a CJK font stack and no script', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toContain('<html lang="zh-CN">')
    expect(html).toContain('<meta charset="utf-8">')
    expect(html).toMatch(/@page \{ size: A4; margin: [^}]+\}/)
    expect(html).toContain(`font-family: ${FORM_FONT_STACK}`)
    expect(FORM_FONT_STACK).toMatch(/^"Noto Serif CJK SC", "Noto Sans CJK SC".*SimSun.*serif$/)
    const names = new Set(tags(html).map((t) => t.name))
    expect(names.has('script')).toBe(false)
    expect([...names].sort()).toEqual(
      ['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'section', 'h1', 'h2', 'div', 'span', 'code', 'table', 'tr', 'th', 'td', 'thead', 'tbody', 'colgroup', 'col', 'p', 'figure', 'img', 'figcaption'].sort()
    )
    for (const tag of tags(html)) expect(tag.attributes.filter((a) => a.startsWith('on'))).toEqual([])
  })

  it('lists every field of the article, Chinese intact, with the counts', () => {
    const d = draft()
    expect(row(html, '标题')).toBe('秋季运动会&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;开幕')
    expect(row(html, '副标题')).toBe('全校师生参加')
    expect(row(html, '栏目')).toBe('校园动态')
    expect(row(html, '供稿单位')).toBe('体育部')
    expect(row(html, '编辑')).toBe('张编辑')
    expect(row(html, '供稿')).toBe('王小明、陈晓')
    expect(row(html, '摄影')).toBe('赵六')
    expect(row(html, '校对')).toBe('李四')
    expect(row(html, '审核')).toBe('王五（党委宣传部）')
    expect(row(html, '发布日期')).toBe('2026年11月20日 10:30')
    const words = countWords(articleToPlainText({ body: d.body, metadata: d.metadata }, { captions: false, creditLine: false }))
    // 22 characters of Chinese, 5 English words (2,000 is one).
    expect(words).toBe(22 + 5)
    expect(row(html, '字数')).toBe(String(words))
    expect(row(html, '图片数')).toBe('3')
    expect(row(html, '状态')).toBe('已审核')
    expect(row(html, '内容指纹')).toBe(contentHashOf(d).slice(0, 12))
  })

  const history = (doc: string) => doc.slice(doc.indexOf('<h2>审签记录（全部）</h2>'))
  const cells = (doc: string) =>
    [...doc.matchAll(/<tr><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><td class="hash">(.*?)<\/td><td[^>]*>(.*?)<\/td><td class="(\w+)">(.*?)<\/td><\/tr>/g)].map((m) =>
      m.slice(1).map((cell) => cell.replace(/<span class="dept">(.*?)<\/span>/, '$1').replace(/<span class="fingerprint">(.*?)<\/span>/, ' $1'))
    )

  it('shows each sign-off with step, name, time, comment, short hash, whether it still holds and how it is proven', () => {
    const hash = contentHashOf(draft()).slice(0, 12)
    expect(cells(history(html)).map((r) => r.slice(0, 6))).toEqual([
      ['校对', '李四', '2026年11月2日 09:05', '已校对', '1234567890ab', '已失效'],
      ['校对', '李四', '2026年11月2日 11:00', '请改正&lt;/td&gt;&lt;/tr&gt;&lt;img src=x onerror=alert(1)&gt;第二段', hash, '有效'],
      ['审核', '王五（党委宣传部）', '2026年11月2日 12:10', '同意发布', hash, '有效']
    ])
    // Records without a verdict read as typed names made here.
    expect(cells(history(html)).map((r) => r.slice(6))).toEqual([
      ['typed', '输入姓名'],
      ['typed', '输入姓名'],
      ['typed', '输入姓名']
    ])
    const signed = approvalFormHtml(
      input({
        signOffs: [
          { ...signOff({ id: 'v', signature: { form: 1, algorithm: 'ed25519', publicKey: 'A'.repeat(43) + '=', value: 'A'.repeat(86) + '==' } }), verification: 'verified', fingerprint: '3f2a 91c0 aaaa bbbb cccc dddd eeee ffff' },
          { ...signOff({ id: 'u', stepId: 'review', stepName: '审核', importedAt: '2026-11-02T05:00:00.000Z' }), verification: 'unverified', fingerprint: null }
        ]
      }),
      'zh-CN'
    )
    expect(cells(history(signed)).map((r) => r.slice(6))).toEqual([
      ['verified', '已验证 密钥指纹 3f2a 91c0 aaaa bbbb cccc dddd eeee ffff'],
      ['unverified', '未验证']
    ])
  })

  it('holds the details, the chain with opinions and states, and the signature lines on its first page; body and log follow', () => {
    const first = html.slice(html.indexOf('<section class="first-page">'), html.indexOf('</section>'))
    expect(html).toContain('.first-page { break-after: page; }')
    expect(first).toContain('<h2>稿件信息</h2>')
    expect(first).toContain('<h2>审签环节</h2>')
    expect(first).toContain('<div class="signatures">')
    expect(first).not.toContain('稿件正文')
    expect(html.indexOf('稿件正文')).toBeGreaterThan(html.indexOf('</section>'))
    // Without a submit record there is no current round: each step reads 未签.
    expect(first).toContain('<tr><td>校对</td><td colspan="6">未签</td></tr>')
    const round = approvalFormHtml(
      input({
        signOffs: [
          signOff({ id: 's', action: 'submit', stepId: 'submit', stepName: '提交', name: '张编辑' }),
          signOff({ id: 'p', comment: '无误' }),
          signOff({ id: 'r', stepId: 'review', stepName: '审核', name: '王五', comment: '同意发布' })
        ]
      }),
      'zh-CN'
    )
    const roundFirst = round.slice(round.indexOf('<section class="first-page">'), round.indexOf('</section>'))
    expect(cells(roundFirst).map((r) => [r[0], r[1], r[3], r[5]])).toEqual([
      ['校对', '李四', '无误', '有效'],
      ['审核', '王五（党委宣传部）', '同意发布', '有效']
    ])
  })

  it('prints the full article with captions and photo credit; only safe picture addresses are used', () => {
    expect(html).toContain('<p>今天上午，学校在田径场隆重举行第十届秋季运动会。</p>')
    expect(html).toContain('<figure><img src="data:image/jpeg;base64,/9j/4AAQ" alt="开幕式"><figcaption>开幕式现场（摄影：赵六）</figcaption></figure>')
    // A javascript: address and a picture without one both print as their caption.
    expect(html).not.toContain('javascript:')
    expect(html).toContain('<p>男子百米</p>')
    expect(html).toContain('<p>&lt;b&gt;女子&lt;/b&gt;跳远</p>')
    expect(html).toContain('（体育部 王小明、陈晓供稿，赵六摄影；李四校对；王五审核）')
  })

  it('has signature lines for writer, editor and each step of the office chain', () => {
    expect([...html.matchAll(/<div class="signature"><span>(.*?)：<\/span>/g)].map((m) => m[1])).toEqual(['供稿人签字', '编辑签字', '校对签字', '审核签字'])
    const threeReviews = approvalFormHtml(input({ chain: presetChain('three-reviews') }), 'zh-CN')
    expect([...threeReviews.matchAll(/<div class="signature"><span>(.*?)：<\/span>/g)].map((m) => m[1])).toEqual(['供稿人签字', '编辑签字', '初审签字', '复审签字', '终审签字'])
  })

  it('says when there are no sign-offs, and lists the log when given', () => {
    const bare = approvalFormHtml(
      input({ signOffs: [], audit: [{ at: '2026-11-02T00:00:00.000Z', actor: '张编辑', action: 'save', details: {}, count: 4 }] }),
      'zh-CN'
    )
    expect(bare).toContain('<p>尚无审签记录。</p>')
    expect(bare).toContain('<tr><td>2026年11月2日 08:00</td><td>张编辑</td><td>保存 ×4</td></tr>')
  })

  it('speaks English when asked', () => {
    const en = approvalFormHtml(input(), 'en')
    expect(en).toContain('<html lang="en">')
    expect(en).toContain('<h1 class="form-title">Article approval form</h1>')
    expect(row(en, 'Reviewer')).toBe('王五 (党委宣传部)')
    expect(row(en, 'Publication date')).toBe('2026-11-20 10:30')
    expect(en).toContain('<td class="invalid">Invalid</td>')
    expect(en).toContain('Invalid: the content changed after the sign-off.')
  })
})

describe('the approval form and the office’s credit settings', () => {
  it('prints the credit line in the template and script the office chose', async () => {
    const { approvalFormHtml } = await import('../../../src/main/services/approval/approvalForm')
    const { emptyMetadata } = await import('../../../src/shared/model/metadata')
    const draft = {
      schemaVersion: 1 as const,
      id: 'mabc123-credit',
      title: '運動會',
      column: '校园动态',
      status: 'draft' as const,
      body: { root: { type: 'root' as const, children: [{ type: 'paragraph', children: [{ type: 'text', text: '正文', format: 0, version: 1 }], version: 1, format: '', indent: 0, direction: null }] } },
      metadata: { ...emptyMetadata(), sourceDepartment: '体育部', authors: ['张三'], photographers: ['张三'], proofreader: '李四', reviewer: '王五' },
      signOffs: [],
      createdAt: '2026-11-20T08:00:00.000Z',
      updatedAt: '2026-11-20T08:00:00.000Z',
      revision: 1
    }
    const base = { draft, signOffs: [], resolveAsset: () => null }
    const simplified = approvalFormHtml(base as never, 'zh-CN')
    expect(simplified).toContain('（体育部 张三供稿/图；李四校对；王五审核）')
    const { DEFAULT_SETTINGS } = await import('../../../src/shared/settings')
    const traditional = approvalFormHtml({ ...base, output: { creditTemplate: DEFAULT_SETTINGS.creditTemplate, creditScript: 'traditional-tw' } } as never, 'zh-CN')
    expect(traditional).toContain('王五審核')
  })
})
