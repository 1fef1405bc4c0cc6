import { describe, expect, it } from 'vitest'
import { createMemorySettingsStore, createSettingsService } from '../../../src/main/services/settings/settingsService'

describe('workflow settings', () => {
  it('a settings file from before the workflow loads with the approval gate on and a 10-minute history interval', () => {
    const service = createSettingsService(createMemorySettingsStore({ language: 'en', autosaveDelayMs: 1500, dataDir: '' }))
    expect(service.get()).toMatchObject({ language: 'en', userName: '', requireApproval: true, historyIntervalMinutes: 10 })
  })

  it('keeps a name and the gate turned off, and refuses an interval out of range', () => {
    const service = createSettingsService(createMemorySettingsStore())
    expect(service.update({ userName: ' 张编辑 ', requireApproval: false })).toMatchObject({ userName: '张编辑', requireApproval: false })
    expect(() => service.update({ historyIntervalMinutes: 0 })).toThrow(expect.objectContaining({ code: 'invalid-request' }))
    expect(service.get().historyIntervalMinutes).toBe(10)
  })

  it('a hand-broken value falls back alone', () => {
    const service = createSettingsService(createMemorySettingsStore({ userName: '李校对', requireApproval: 'no', historyIntervalMinutes: 30 }))
    expect(service.get()).toMatchObject({ userName: '李校对', requireApproval: true, historyIntervalMinutes: 30 })
  })
})
