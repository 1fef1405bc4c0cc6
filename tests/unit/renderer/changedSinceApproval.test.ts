import { describe, expect, it } from 'vitest'
import { changedSinceApproval } from '../../../src/renderer/src/workflow/changedSinceApproval'

const hashA = `sha256:${'a'.repeat(64)}`
const hashB = `sha256:${'b'.repeat(64)}`
const signOff = (action: 'submit' | 'sign' | 'return', contentHash: string) => ({ action, contentHash }) as never

describe('查看改动 is offered only when something changed since the last approval', () => {
  it('not before anything is signed, nor for a submit alone', () => {
    expect(changedSinceApproval(null)).toBe(false)
    expect(changedSinceApproval({ contentHash: hashA, signOffs: [] })).toBe(false)
    expect(changedSinceApproval({ contentHash: hashB, signOffs: [signOff('submit', hashA)] })).toBe(false)
  })

  it('not while the content is what the last step signed', () => {
    expect(changedSinceApproval({ contentHash: hashB, signOffs: [signOff('sign', hashA), signOff('sign', hashB)] })).toBe(false)
  })

  it('once the content differs from what the last step signed', () => {
    expect(changedSinceApproval({ contentHash: hashB, signOffs: [signOff('sign', hashA)] })).toBe(true)
    expect(changedSinceApproval({ contentHash: hashA, signOffs: [signOff('sign', hashB), signOff('submit', hashA)] })).toBe(true)
  })
})
