import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConfirmRequest } from '../../../src/main/services/settings/guardedSettings'
import { copyLibrary, LIBRARY_AUDIT_FILE } from '../../../src/main/services/settings/guardedSettings'
import { nodeServiceFs } from '../../../src/main/services/fs/serviceFs'
import { makeTempDir } from '../../support/draftFixtures'
import { attackableApp, valueOf } from './securityFixtures'

describe('attacks 4 and 11: the data folder and 先审后发 change only with the person in main’s own dialogs', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let asked: ConfirmRequest[]
  let answer: boolean
  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-attack-settings-'))
    asked = []
    answer = false
  })
  afterEach(() => cleanup())

  const make = () =>
    attackableApp(dir, {
      confirm: async (request) => {
        asked.push(request)
        return answer
      }
    })

  it('settings:set refuses a data folder from the page, so 清空回收站 cannot reach another folder', async () => {
    const { app, call } = make()
    const victim = join(dir, 'victim')
    await mkdir(join(victim, 'trash', 'keep'), { recursive: true })
    await writeFile(join(victim, 'trash', 'keep', 'file.txt'), 'not the library’s')
    const library = app.drafts().dataDir

    const refused = await call('settings:set', { dataDir: victim })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(app.drafts().dataDir).toBe(library)
    await call('drafts:emptyTrash', {})
    expect(await readdir(join(victim, 'trash'))).toEqual(['keep'])
    // `/` as the data folder would make 在文件夹中显示 pass for any file.
    expect((await call('settings:set', { dataDir: '/' })).ok).toBe(false)
    expect((await call('app:showInFolder', { path: '/etc/passwd' })).ok).toBe(false)
  })

  it('the data folder changes through the dialog and a confirmation naming it; the library is copied and the old one kept', async () => {
    const { app, call, dialog } = make()
    const draft = await app.drafts().create({ title: '搬家前的稿件' })
    const old = app.drafts().dataDir
    const chosen = join(dir, '新的资料文件夹')
    await mkdir(chosen)

    dialog.answers = [chosen]
    expect(valueOf(await call('settings:chooseDataDir', {}))).toEqual({ outcome: 'cancelled' })
    expect(asked.at(-1)?.message).toContain(chosen)
    expect(app.drafts().dataDir).toBe(old)
    expect(await readdir(chosen)).toEqual([])

    answer = true
    const changed = valueOf<{ outcome: string; copied: boolean }>(await call('settings:chooseDataDir', {}))
    expect(changed).toMatchObject({ outcome: 'changed', copied: true })
    expect(app.drafts().dataDir).toBe(chosen)
    expect((await app.drafts().open(draft.id)).title).toBe('搬家前的稿件')
    expect(await readdir(join(old, 'drafts'))).toEqual([draft.id])
    const log = await readFile(join(chosen, LIBRARY_AUDIT_FILE), 'utf8')
    expect(JSON.parse(log.trim().split('\n').at(-1) ?? '{}')).toMatchObject({ action: 'settings', setting: 'dataDir', to: chosen })

    // A folder inside the library, or one of someone's own files, is refused before any question.
    const before = asked.length
    dialog.answers = [join(chosen, 'drafts')]
    expect((await call('settings:chooseDataDir', {})).ok).toBe(false)
    const busy = join(dir, 'Documents')
    await mkdir(busy)
    await writeFile(join(busy, 'report.docx'), 'x')
    dialog.answers = [busy]
    expect((await call('settings:chooseDataDir', {})).ok).toBe(false)
    expect(asked.length).toBe(before)
    expect(await readdir(busy)).toEqual(['report.docx'])
  })

  it('a copied library leaves behind the caches and half-written temp files, which the index may be renaming away meanwhile', async () => {
    const from = join(dir, 'old-library')
    const to = join(dir, 'new-library')
    await mkdir(join(from, 'drafts', 'd1'), { recursive: true })
    await writeFile(join(from, 'drafts', 'd1', 'draft.json'), '{}')
    await writeFile(join(from, 'drafts', 'd1', 'draft.json.4242.7.tmp'), '{"half')
    await mkdir(join(from, '.search', 'v2', 'fresh'), { recursive: true })
    await writeFile(join(from, '.search', 'v2', 'pack.bin'), 'index')
    await writeFile(join(from, '.search', 'v2', 'fresh', 'd1.json.4242.tmp'), '{')
    await mkdir(join(from, '.cache'))
    await copyLibrary(nodeServiceFs, from, to)
    expect((await readdir(to)).sort()).toEqual(['drafts'])
    expect(await readdir(join(to, 'drafts', 'd1'))).toEqual(['draft.json'])
  })

  it('a page turning 先审后发 off is stopped unless the person confirms in main’s dialog, and the change is logged', async () => {
    const { app, call } = make()
    const refused = await call('settings:set', { requireApproval: false })
    expect(refused).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(app.settings.get().requireApproval).toBe(true)
    expect(asked).toHaveLength(1)
    expect(asked[0]?.message).toContain('先审后发')

    answer = true
    valueOf(await call('settings:set', { requireApproval: false, userName: '李老师' }))
    expect(app.settings.get()).toMatchObject({ requireApproval: false, userName: '李老师' })
    const lines = (await readFile(join(app.drafts().dataDir, LIBRARY_AUDIT_FILE), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as unknown)
    expect(lines).toEqual([
      expect.objectContaining({ setting: 'requireApproval', from: true, to: false, actor: '李老师' }),
      expect.objectContaining({ setting: 'userName', from: '', to: '李老师' })
    ])
    // Other settings ask nothing.
    valueOf(await call('settings:set', { autosaveDelayMs: 1000 }))
    expect(asked).toHaveLength(2)
  })

  it('a page cannot weaken the gate through the chain or the signature rule without the person confirming', async () => {
    const { app, call } = make()
    const before = app.settings.get()
    // Every step taken out of the gate: the same as switching 先审后发 off, so it is asked the same way.
    const open = { ...before.chain, preset: 'custom' as const, steps: before.chain.steps.map((step) => ({ ...step, gate: false })) }
    expect(await call('settings:set', { chain: open })).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(await call('settings:set', { requireSignatures: !before.requireSignatures })).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(app.settings.get().chain).toEqual(before.chain)
    expect(app.settings.get().requireSignatures).toBe(before.requireSignatures)
    expect(asked.map((request) => request.title)).toEqual(['更改审签流程', expect.stringContaining('签名密钥')])
    expect(asked[0]?.detail).toContain('无')

    answer = true
    valueOf(await call('settings:set', { chain: open }))
    expect(app.settings.get().chain.steps.every((step) => !step.gate)).toBe(true)
    const lines = (await readFile(join(app.drafts().dataDir, LIBRARY_AUDIT_FILE), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { setting: string })
    expect(lines.map((line) => line.setting)).toEqual(['chain'])
    // Sending the chain unchanged asks nothing.
    valueOf(await call('settings:set', { chain: app.settings.get().chain }))
    expect(asked).toHaveLength(3)
  })
})
