import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import Conf from 'conf'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { composeApp, type AppCapabilities } from '../../../src/main/compose'
import { makeTempDir, steppingClock } from '../../support/draftFixtures'

describe('composeApp and the data folder setting', () => {
  let dir: string
  let cleanup: () => Promise<void>

  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-compose-'))
  })
  afterEach(async () => {
    await cleanup()
  })

  const capabilities = (): AppCapabilities => ({
    userDataDir: join(dir, 'userData'),
    settingsStore: new Conf<Record<string, unknown>>({ cwd: join(dir, 'config'), projectName: 'newsroom-test' }),
    shell: { openExternal: async () => undefined, showInFolder: () => undefined },
    appInfo: { version: '0.0.0-test', platform: 'linux', assetUrlBase: 'newsroom-asset://' },
      dialogs: { openFiles: async () => [], saveFile: async () => null },
    clock: steppingClock()
  })

  it('switches the draft store to the new folder when dataDir changes', async () => {
    const app = composeApp(capabilities())
    const defaultDir = join(dir, 'userData', 'library')
    expect(app.drafts().dataDir).toBe(defaultDir)
    const first = await app.drafts().create({ title: '默认文件夹里的稿件' })

    const shared = join(dir, '共享盘', '宣传部')
    app.settings.update({ dataDir: shared })
    expect(app.drafts().dataDir).toBe(shared)
    expect((await app.drafts().list('active')).drafts).toEqual([])
    const second = await app.drafts().create({ title: '共享盘里的稿件' })
    expect(await readdir(join(shared, 'drafts'))).toEqual([second.id])

    // Settings persist: a restarted app starts on the chosen folder.
    const restarted = composeApp(capabilities())
    expect(restarted.drafts().dataDir).toBe(shared)

    app.settings.update({ dataDir: '' })
    expect(app.drafts().dataDir).toBe(defaultDir)
    expect((await app.drafts().list('active')).drafts.map((d) => d.id)).toEqual([first.id])
  })

  it('keeps the same store when other settings change', () => {
    const app = composeApp(capabilities())
    const before = app.drafts()
    app.settings.update({ language: 'en', autosaveDelayMs: 1000 })
    expect(app.drafts()).toBe(before)
  })
})
