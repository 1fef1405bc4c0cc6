import { describe, expect, it } from 'vitest'
import { approvalFormHtml } from '../../../src/main/services/approval/approvalForm'
import { DraftSchema } from '../../../src/shared/model/draft'
import { SignOffSchema, type Waiver } from '../../../src/shared/model/workflow'

const draft = DraftSchema.parse({
  schemaVersion: 2,
  id: 'draft-waivers',
  title: '学校召开2026年工作会议',
  column: '校园动态',
  status: 'approved',
  body: { root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text: '会议由副校长张三主持。' }] }] } },
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-02T08:00:00.000Z',
  revision: 3
})

const signOff = (stepId: string, stepName: string, name: string, waivers: Waiver[], checks: { rulesRun: string[]; errors: number; warnings: number } | null = null) =>
  SignOffSchema.parse({
    id: `sign-${stepId}`,
    action: 'sign',
    stepId,
    stepName,
    name,
    at: '2026-11-02T01:05:00.000Z',
    from: `awaiting:${stepId}`,
    to: 'approved',
    revision: 2,
    contentHash: 'a'.repeat(64),
    waivers,
    checks
  })

describe('the approval form lists what each signer let through', () => {
  it('names the step, the person, the rule, the finding and the reason; markup in a reason stays text', () => {
    const waiver = { ruleId: 'people.wrong-title', finding: '正文：“张三校长”：张三的职务是副校长', reason: '引用<b>原话</b>，保留', by: '王审核' }
    const html = approvalFormHtml({ draft, signOffs: [signOff('proofread', '校对', '李校对', []), signOff('review', '审核', '王审核', [waiver], { rulesRun: ['people.wrong-title', 'punct.halfwidth'], errors: 1, warnings: 0 })], resolveAsset: () => null }, 'zh-CN')
    const section = html.slice(html.indexOf('<h2>发布前检查放行</h2>'))
    expect(section).toContain('<li>审核（王审核）签署时运行 2 项检查：错误 1，警告 0。</li>')
    expect(section).toContain('<table class="waivers">')
    expect(section).toContain('<td>审核</td><td>王审核</td>')
    expect(section).toContain('<code>people.wrong-title</code>')
    expect(section).toContain('正文：“张三校长”：张三的职务是副校长')
    expect(section).toContain('引用&lt;b&gt;原话&lt;/b&gt;，保留')
    expect(section).not.toContain('<b>原话')
  })

  it('says plainly when nothing was let through', () => {
    const html = approvalFormHtml({ draft, signOffs: [signOff('review', 'Review', 'Wang', [])], resolveAsset: () => null }, 'en')
    expect(html).toContain('<h2>Checks let through</h2>\n<p>No check was let through')
    expect(html).not.toContain('<table class="waivers">')
  })
})
