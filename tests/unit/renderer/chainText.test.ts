import { describe, expect, it } from 'vitest'
import { offeredSigner } from '../../../src/renderer/src/workflow/chainText'
import { DEFAULT_CHAIN, presetChain } from '../../../src/shared/model/chain'

describe('the signer the sign-off dialog offers', () => {
  const [proofread] = DEFAULT_CHAIN.steps
  const [firstReview] = presetChain('three-reviews').steps

  it('is the step person named in 稿件信息, then the last signer of the step here, then 我的姓名', () => {
    expect(offeredSigner(proofread ?? null, { proofreader: ' 李校对 ' }, { proofread: '旧校对' }, '张编辑')).toBe('李校对')
    expect(offeredSigner(proofread ?? null, { proofreader: '' }, { proofread: '旧校对' }, '张编辑')).toBe('旧校对')
    expect(offeredSigner(proofread ?? null, null, {}, '张编辑')).toBe('张编辑')
    // A step that fills no credit field goes by the last signer alone.
    expect(offeredSigner(firstReview ?? null, { proofreader: '李校对', reviewer: '王审核' }, { 'first-review': '陈初审' }, '张编辑')).toBe('陈初审')
    expect(offeredSigner(null, null, { proofread: '旧校对' }, '张编辑')).toBe('张编辑')
  })
})
