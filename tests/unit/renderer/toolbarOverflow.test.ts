import { describe, expect, it } from 'vitest'
import { sectionsThatFit } from '../../../src/renderer/src/editor/plugins/toolbar/overflow'

describe('toolbar overflow', () => {
  it('keeps every section when the row is wide enough, without a 更多 button', () => {
    expect(sectionsThatFit([100, 100, 100], 300, 40)).toBe(3)
  })
  it('keeps the sections that fit beside the 更多 button', () => {
    expect(sectionsThatFit([100, 100, 100], 299, 40)).toBe(2)
    expect(sectionsThatFit([100, 100, 100], 239, 40)).toBe(1)
    expect(sectionsThatFit([100, 100, 100], 100, 40)).toBe(0)
  })
})
