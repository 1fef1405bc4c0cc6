import { generateKeyPairSync, sign } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDirectoryService } from '../../../src/main/services/directory/directoryService'
import { createDraftStore, type DraftStore } from '../../../src/main/services/drafts/draftStore'
import { rawPublicKey, signatureChecks, signedBytes } from '../../../src/main/services/signing/signedForm'
import { createWorkflowService, type WorkflowService, type WorkflowSettings } from '../../../src/main/services/workflow/workflowService'
import { DEFAULT_CHECK_SETTINGS } from '../../../src/shared/checks/settings'
import { ArticleMetadataSchema } from '../../../src/shared/model/metadata'
import { SignOffSchema, type SignOff } from '../../../src/shared/model/workflow'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import { makeTempDir, sequentialIds, steppingClock } from '../../support/draftFixtures'
import { article, manualClock } from '../workflow/fixtures'

/**
 * Main's gate through the real services: the draft store, the directory, the workflow. The page's panel is not
 * involved at all; a request carries only what a page can send (the step, a name, waivers).
 */
describe('发布前检查 gate in main', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let store: DraftStore
  let workflow: WorkflowService
  let settings: WorkflowSettings

  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-gate-'))
    const clock = manualClock()
    store = createDraftStore({ dataDir: dir, clock, newId: sequentialIds() })
    const directory = createDirectoryService({ dataDir: () => dir, clock: steppingClock() })
    await directory.savePerson({ name: '王建国', roles: [], department: '党委', titles: [{ title: '党委书记', from: '2021-09-01' }], rank: 1 })
    await directory.savePerson({ name: '李明', roles: [], department: '校长办公室', titles: [{ title: '副校长', from: '2019-03-01' }, { title: '校长', from: '2024-07-01' }], rank: 2 })
    settings = { ...DEFAULT_SETTINGS, userName: '张编辑', checks: { ...DEFAULT_CHECK_SETTINGS, ownDomains: ['zjut.edu.cn'] } }
    workflow = createWorkflowService({ drafts: () => store, settings: () => settings, clock, directory: () => directory.get() })
  })
  afterEach(() => cleanup())

  async function draftWith(texts: string[], publishAt: string) {
    const draft = await store.create()
    const metadata = ArticleMetadataSchema.parse({ publishAt, authors: ['张编辑'] })
    await workflow.save(draft.id, { title: '学校召开新学期工作会议', column: '校园动态', body: article(...texts), metadata })
    return draft.id
  }

  it('refuses 提交 while an error has no waiver, whatever the page claims, and records nothing', async () => {
    const id = await draftWith(['9月2日上午，学校召开二0二四年秋季学期工作会议，党委书记王建国、副校长李明出席。'], '2024-09-02T10:00:00+08:00')
    const refused = workflow.step(id, { action: 'submit', name: '张编辑', waivers: [] })
    await expect(refused).rejects.toMatchObject({ code: 'checks-failed' })
    await expect(refused).rejects.toThrow(/number\.zero-in-year “二0二四”.*people\.wrong-title “副校长李明”/)
    const after = await store.open(id)
    expect(after.status).toBe('draft')
    expect(after.signOffs).toEqual([])
    // A waiver for another finding, or one without a reason, lets nothing through.
    const wrongKey = { ruleId: 'number.zero-in-year', finding: '二〇二四', reason: '原文如此', by: '张编辑', key: 'number.zero-in-year|body|二〇二四' }
    await expect(workflow.step(id, { action: 'submit', name: '张编辑', waivers: [wrongKey] })).rejects.toMatchObject({ code: 'checks-failed' })
    const blank = { ruleId: 'number.zero-in-year', finding: '二0二四', reason: '  ', by: '张编辑', key: 'number.zero-in-year|body|二0二四' }
    await expect(workflow.step(id, { action: 'submit', name: '张编辑', waivers: [blank] })).rejects.toMatchObject({ code: 'checks-failed' })
  })

  it('uses the title in force at 发布时间: 副校长李明 is right in June 2024 and wrong in September', async () => {
    const june = await draftWith(['6月28日，党委书记王建国、副校长李明出席毕业典礼。'], '2024-06-28T10:00:00+08:00')
    const submitted = await workflow.step(june, { action: 'submit', name: '张编辑' })
    expect(submitted.signOff.checks?.errors).toBe(0)
    const september = await draftWith(['9月2日，党委书记王建国、副校长李明出席开学典礼。'], '2024-09-02T10:00:00+08:00')
    await expect(workflow.step(september, { action: 'submit', name: '张编辑' })).rejects.toThrow(/people\.wrong-title/)
  })

  it('takes waivers with reasons, stores them and the rules that ran in the record under the signer, and the next signer inherits them', async () => {
    const id = await draftWith(['9月2日上午，学校召开二0二四年秋季学期工作会议，副校长李明、党委书记王建国出席。'], '2024-09-02T10:00:00+08:00')
    const waivers = [
      { ruleId: 'number.zero-in-year', finding: '正文 “二0二四”', reason: '引用文件标题原文', by: '别人', key: 'number.zero-in-year|body|二0二四' },
      { ruleId: 'people.wrong-title', finding: '正文 “副校长李明”', reason: '会议时尚未任命', by: '别人', key: 'people.wrong-title|body|副校长李明' }
    ]
    await expect(workflow.step(id, { action: 'submit', name: '张编辑', waivers })).rejects.toThrow(/people\.rank-order “李明、党委书记王建国”/)
    const all = [...waivers, { ruleId: 'people.rank-order', finding: '正文 “李明、党委书记王建国”', reason: '按发言顺序', by: '张编辑', key: 'people.rank-order|body|李明、党委书记王建国' }]
    const submitted = await workflow.step(id, { action: 'submit', name: '张编辑', waivers: all })
    expect(submitted.signOff.waivers.map((w) => [w.ruleId, w.by])).toEqual([
      ['number.zero-in-year', '张编辑'],
      ['people.wrong-title', '张编辑'],
      ['people.rank-order', '张编辑']
    ])
    expect(submitted.signOff.checks).toMatchObject({ errors: 3 })
    expect(submitted.signOff.checks?.rulesRun).toEqual(expect.arrayContaining(['people.wrong-title', 'people.rank-order', 'punct.halfwidth', 'number.zero-in-year', 'words.forbidden', 'complete.external-link']))
    // The proofreader is not asked to waive again what the editor let through in this round.
    const proofread = await workflow.step(id, { action: 'sign', stepId: 'proofread', name: '李校对' })
    expect(proofread.signOff.checks?.errors).toBe(3)
    expect(proofread.signOff.waivers).toEqual([])
    // New errors typed in later stop the next signer, and the earlier waivers went with the records the edit voided.
    const draft = await store.open(id)
    await workflow.save(id, { title: draft.title, column: draft.column, body: article('9月2日上午，学校召开二0二四年秋季学期工作会议，副校长李明、党委书记王建国出席.', '详见www.example.com/news。'), metadata: draft.metadata })
    const next = (await store.open(id)).status === 'awaiting:proofread' ? { action: 'sign' as const, stepId: 'proofread' } : { action: 'submit' as const }
    const stopped = workflow.step(id, { ...next, name: '李校对', waivers: all })
    await expect(stopped).rejects.toThrow(/punct\.halfwidth “\.”/)
    await expect(stopped).rejects.toThrow(/complete\.external-link “www\.example\.com\/news”/)
    expect((await store.open(id)).signOffs).toHaveLength(2)
  })

  it('keeps records signed in form 1 verifiable after form 2 added the checks to what is signed', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const base: SignOff = SignOffSchema.parse({
      id: 'sign-old', action: 'sign', stepId: 'review', stepName: '审核', name: '王审核', at: '2026-11-02T08:00:00.000Z',
      from: 'awaiting:review', to: 'approved', revision: 4, contentHash: 'c'.repeat(64),
      waivers: [{ ruleId: 'words.caution', finding: '“莅临”', reason: '上级领导', by: '王审核' }]
    })
    const signWith = (record: SignOff, form: number): SignOff => ({
      ...record,
      signature: { form, algorithm: 'ed25519', publicKey: rawPublicKey(publicKey), value: sign(null, signedBytes(record, form) ?? Buffer.alloc(0), privateKey).toString('base64') }
    })
    const old = signWith(base, 1)
    expect(signatureChecks(old)).toBe(true)
    const current = signWith({ ...base, checks: { rulesRun: ['words.caution'], errors: 0, warnings: 1 } }, 2)
    expect(signatureChecks(current)).toBe(true)
    // Form 2 covers what was checked: claiming more rules ran breaks the signature.
    expect(signatureChecks({ ...current, checks: { rulesRun: ['words.caution', 'people.wrong-title'], errors: 0, warnings: 1 } })).toBe(false)
    expect(signatureChecks({ ...current, waivers: [{ ...base.waivers[0]!, key: 'words.caution|body|莅临' }] })).toBe(false)
  })
})
