import { existsSync, readFileSync, renameSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { damagedSettingsName, damagedSettingsNotice, openSettingsStore } from '../../../src/main/shell/settingsFile'
import { languageFromSystem, startupFailureMessage, startupStageOf } from '../../../src/main/shell/startup'

describe('startupFailureMessage', () => {
  const logFile = 'C:\\Users\\张老师\\AppData\\Roaming\\campus-newsroom\\logs\\main.log'

  it('says in Chinese what failed, what to do and where the log is', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
    const { title, content } = startupFailureMessage({ language: 'zh-CN', stage: startupStageOf('other', full), error: full, logFile })
    expect(title).toBe('校园新闻编辑器无法启动')
    expect(content).toContain('无法读写稿件文件夹')
    expect(content).toContain('磁盘空间已满')
    expect(content).toContain(`日志文件：${logFile}`)
    expect(content).toContain('ENOSPC')
  })

  it('speaks English when that is the UI language, and cuts a long detail', () => {
    const { title, content } = startupFailureMessage({ language: 'en', stage: 'window', error: new Error('x'.repeat(1000)), logFile: null })
    expect(title).toBe('Campus Newsroom could not start')
    expect(content).toContain('editor window could not be opened')
    expect(content).not.toMatch(/[\u4e00-\u9fff]/)
    expect(content.length).toBeLessThan(700)
  })

  it.each([
    [['zh-CN'], 'zh-CN'],
    [['zh-Hans-CN', 'en-US'], 'zh-CN'],
    [['en-GB'], 'en'],
    [['fr-FR', 'en-US'], 'en'],
    [['ja-JP'], 'zh-CN'],
    [[], 'zh-CN']
  ] as const)('the system languages %j give %s before settings can be read', (preferred, expected) => {
    expect(languageFromSystem(preferred)).toBe(expected)
  })
})

describe('openSettingsStore with a damaged settings.json', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-settings-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  const fs = { exists: existsSync, rename: renameSync }
  const open = () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', projectName: 'campus-newsroom' })
  const at = new Date('2026-12-06T08:00:00.000Z')

  it('opens a healthy file as it is', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ language: 'en' }))
    const result = openSettingsStore({ file: join(dir, 'settings.json'), open, fs })
    expect(result.setAside).toBeNull()
    expect(result.store.get('language')).toBe('en')
  })

  it('keeps the damaged file under another name and starts with defaults (conf throws on it today)', async () => {
    const file = join(dir, 'settings.json')
    const damaged = '{"language":"en","dataDir":"D:\\\\稿件'
    await writeFile(file, damaged)
    expect(open).toThrow(SyntaxError)
    const result = openSettingsStore({ file, open, fs, now: () => at })
    expect(result.setAside).toBe(join(dir, 'settings.damaged-2026-12-06T08-00-00-000Z.json'))
    expect(readFileSync(result.setAside ?? '', 'utf8')).toBe(damaged)
    expect(result.store.store).toEqual({})
    result.store.set('language', 'zh-CN')
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ language: 'zh-CN' })
  })

  it('lets a failure that is not the file’s through', () => {
    const denied = Object.assign(new Error('EACCES'), { code: 'EACCES' })
    expect(() =>
      openSettingsStore({
        file: join(dir, 'settings.json'),
        open: () => {
          throw denied
        },
        fs
      })
    ).toThrow(denied)
  })

  it('tells the person, in their language, that their drafts are safe and where the old file is', () => {
    const path = damagedSettingsName('/home/li/.config/campus-newsroom/settings.json', at)
    expect(path).toBe('/home/li/.config/campus-newsroom/settings.damaged-2026-12-06T08-00-00-000Z.json')
    expect(damagedSettingsNotice('zh-CN', path).detail).toContain(path)
    expect(damagedSettingsNotice('zh-CN', path).message).toContain('默认设置')
    expect(damagedSettingsNotice('en', path).message).toContain('default settings')
  })
})
