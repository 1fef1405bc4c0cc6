import { DEFAULT_CHECK_SETTINGS } from '../../../src/shared/checks/settings'
import { DEFAULT_CHAIN } from '../../../src/shared/model/chain'
import { readFile, writeFile } from 'node:fs/promises'
import Conf from 'conf'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSettingsService } from '../../../src/main/services/settings/settingsService'
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings'
import { DEFAULT_CREDIT_TEMPLATE } from '../../../src/shared/article/creditLine'
import { AppError } from '../../../src/shared/errors'
import { makeTempDir } from '../../support/draftFixtures'

describe('settingsService over a real conf store', () => {
  let dir: string
  let cleanup: () => Promise<void>
  const openConf = () => new Conf<Record<string, unknown>>({ cwd: dir, projectName: 'newsroom-test' })

  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-settings-'))
  })
  afterEach(async () => {
    await cleanup()
  })

  it('starts with zh-CN, an 800 ms autosave delay and the default data folder', () => {
    expect(createSettingsService(openConf()).get()).toEqual({
      language: 'zh-CN',
      autosaveDelayMs: 800,
      dataDir: '',
      userName: '',
      requireApproval: true,
      chain: DEFAULT_CHAIN,
      requireSignatures: false,
      lastSigners: {},
      historyIntervalMinutes: 10,
      requiredMetadata: ['column', 'sourceDepartment', 'editor', 'authors'],
      creditTemplate: DEFAULT_CREDIT_TEMPLATE,
      creditScript: 'simplified',
      photoCompression: { longEdge: 1920, quality: 82, format: 'jpeg', keepCaptureDate: false },
      wechatTemplate: { version: 1, accent: '#9b1c1c', text: '#333333', muted: '#888888', titleBar: true, endText: '' },
      checks: DEFAULT_CHECK_SETTINGS
    })
  })

  it('keeps an update across a new conf instance', async () => {
    const conf = openConf()
    const next = createSettingsService(conf).update({ language: 'en', autosaveDelayMs: 1500 })
    expect(next).toEqual({ ...DEFAULT_SETTINGS, language: 'en', autosaveDelayMs: 1500 })
    expect(createSettingsService(openConf()).get()).toEqual(next)
    expect(JSON.parse(await readFile(conf.path, 'utf8'))).toMatchObject({ language: 'en', autosaveDelayMs: 1500 })
  })

  it.each([
    ['an autosave delay of 5 ms', { autosaveDelayMs: 5 }],
    ['language fr', { language: 'fr' }],
    ['a valid and an invalid value together', { dataDir: '/srv/稿件', language: 'fr' }],
    ['a fractional delay', { autosaveDelayMs: 900.5 }]
  ])('refuses %s with invalid-request and changes nothing', async (_label, patch) => {
    const conf = openConf()
    const service = createSettingsService(conf)
    service.update({ autosaveDelayMs: 1200 })
    const fileBefore = await readFile(conf.path, 'utf8')
    const listener = vi.fn()
    service.onChange(listener)
    let error: unknown
    try {
      service.update(patch as Partial<Settings>)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'invalid-request' })
    expect(service.get()).toEqual({ ...DEFAULT_SETTINGS, autosaveDelayMs: 1200 })
    expect(await readFile(conf.path, 'utf8')).toBe(fileBefore)
    expect(listener).not.toHaveBeenCalled()
  })

  it('falls back to the default for a hand-corrupted value and keeps the others', async () => {
    const conf = openConf()
    createSettingsService(conf).update({ language: 'en', autosaveDelayMs: 2000, dataDir: '/srv/宣传部' })
    const raw = JSON.parse(await readFile(conf.path, 'utf8')) as Record<string, unknown>
    await writeFile(conf.path, JSON.stringify({ ...raw, autosaveDelayMs: 'fast' }))
    const service = createSettingsService(openConf())
    expect(service.get()).toEqual({ ...DEFAULT_SETTINGS, language: 'en', autosaveDelayMs: 800, dataDir: '/srv/宣传部' })

    await writeFile(conf.path, JSON.stringify({ ...raw, language: 'fr' }))
    expect(createSettingsService(openConf()).get()).toEqual({ ...DEFAULT_SETTINGS, language: 'zh-CN', autosaveDelayMs: 2000, dataDir: '/srv/宣传部' })
  })

  it('tells listeners the new and the previous settings, until they unsubscribe', () => {
    const service = createSettingsService(openConf())
    const listener = vi.fn()
    const unsubscribe = service.onChange(listener)
    service.update({ autosaveDelayMs: 3000 })
    expect(listener).toHaveBeenCalledExactlyOnceWith(
      { ...DEFAULT_SETTINGS, autosaveDelayMs: 3000 },
      DEFAULT_SETTINGS
    )
    unsubscribe()
    service.update({ language: 'en' })
    expect(listener).toHaveBeenCalledTimes(1)
  })
})
