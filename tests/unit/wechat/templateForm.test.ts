import { describe, expect, it } from 'vitest'
import { DEFAULT_WECHAT_TEMPLATE } from '../../../src/shared/article/wechatTemplate'
import { nextWechatTemplate } from '../../../src/renderer/src/wechat/templateForm'

describe('nextWechatTemplate', () => {
  const saved = { ...DEFAULT_WECHAT_TEMPLATE, version: 3 }

  it('saves nothing when the look did not change, even in another letter case or with spaces around the end line', () => {
    expect(nextWechatTemplate(saved, { ...saved, accent: saved.accent.toUpperCase() })).toBeNull()
    expect(nextWechatTemplate({ ...saved, endText: '— 完 —' }, { ...saved, endText: ' — 完 — ' })).toBeNull()
  })

  it('raises the version by one for a changed look', () => {
    expect(nextWechatTemplate(saved, { ...saved, accent: '#1D4ED8' })).toEqual({ ...saved, accent: '#1d4ed8', version: 4 })
    expect(nextWechatTemplate(saved, { ...saved, titleBar: false })?.version).toBe(4)
  })
})
