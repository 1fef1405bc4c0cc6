import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { composeApp } from '../../../src/main/compose'
import { createMemorySettingsStore } from '../../../src/main/services/settings/settingsService'
import { createAppLog } from '../../../src/main/services/log/appLog'
import type { DiagnosticsCapability } from '../../../src/main/services/log/diagnostics'

describe('设置 → 关于: the log and 复制诊断信息', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-diag-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })
  })

  function app(diagnostics?: DiagnosticsCapability) {
    const shown: string[] = []
    const services = composeApp({
      userDataDir: dir,
      settingsStore: createMemorySettingsStore(),
      shell: { openExternal: async () => {}, showInFolder: (p) => void shown.push(p) },
      appInfo: { version: '0.1.0', platform: 'win32', assetUrlBase: 'newsroom-asset://' },
      dialogs: { openFiles: async () => [], saveFile: async () => null },
      logger: { error: () => {} },
      ...(diagnostics ? { diagnostics } : {})
    })
    const call = (channel: string) => services.dispatch(channel, {}, { emit: () => {} })
    return { call, shown }
  }

  it('copies versions and the newest log lines with secrets scrubbed, and opens the log’s folder', async () => {
    const log = createAppLog({ file: join(dir, 'logs', 'main.log') })
    log.error('publish to https://editor:Passw0rd@news.example.edu.cn failed', new Error('401 Authorization: Basic ZWRpdG9yOlBhc3N3MHJk'))
    const copied: string[] = []
    const { call, shown } = app({
      logFile: log.file,
      runtime: () => ({ app: '0.1.0', electron: '41.7.1', os: 'Windows 10.0.19045' }),
      logTail: () => log.tail(),
      copy: (text) => void copied.push(text)
    })
    const answer = (await call('app:copyDiagnostics')) as { ok: true; value: { text: string } }
    expect(answer.ok).toBe(true)
    expect(copied).toEqual([answer.value.text])
    expect(answer.value.text).toContain('electron: 41.7.1')
    expect(answer.value.text).toContain('news.example.edu.cn failed')
    expect(answer.value.text).not.toMatch(/Passw0rd|ZWRpdG9yOlBhc3N3MHJk/)
    expect(await call('app:openLog')).toMatchObject({ ok: true })
    expect(shown).toEqual([log.file])
  })

  it('says there is no log rather than failing obscurely where the desktop keeps none', async () => {
    const { call } = app()
    expect(await call('app:copyDiagnostics')).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })
})
