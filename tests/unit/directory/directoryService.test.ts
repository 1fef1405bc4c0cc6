import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { composeApp, type AppServices } from '../../../src/main/compose'
import { testCapabilities } from '../../support/testApp'
import { createDirectoryService, type DirectoryService } from '../../../src/main/services/directory/directoryService'
import { OfficeDirectorySchema } from '../../../src/shared/model/directory'
import { makeTempDir, steppingClock } from '../../support/draftFixtures'

const utf8 = (text: string) => new TextEncoder().encode(text)

function sequentialDirectoryIds(): (prefix: string) => string {
  let n = 0
  return (prefix) => `${prefix}-${String(++n).padStart(3, '0')}`
}

describe('office directory', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let service: DirectoryService
  const make = () => createDirectoryService({ dataDir: () => dir, clock: steppingClock(), newId: sequentialDirectoryIds() })
  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-directory-'))
    service = make()
  })
  afterEach(() => cleanup())

  it('starts empty and keeps people, departments and columns in directory.json, written atomically', async () => {
    expect(await service.get()).toEqual({ version: 2, people: [], departments: [], columns: [] })
    await service.savePerson({ name: ' 张三 ', roles: ['proofreader', 'editor', 'editor'], department: '宣传部' })
    await service.saveDepartment({ name: '宣传部' })
    await service.saveColumn({ name: '校园动态' })
    const onDisk = OfficeDirectorySchema.parse(JSON.parse(await readFile(join(dir, 'directory.json'), 'utf8')))
    expect(onDisk.people).toEqual([{ id: 'p-001', name: '张三', roles: ['editor', 'proofreader'], department: '宣传部', publicKey: null, titles: [], rank: null }])
    expect(onDisk.departments.map((d) => d.name)).toEqual(['宣传部'])
    expect(onDisk.columns.map((c) => c.name)).toEqual(['校园动态'])
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([])
    expect(await make().get()).toEqual(onDisk)
  })

  it('edits and removes by id, and refuses a second entry with the same name', async () => {
    const first = await service.savePerson({ name: '张三', roles: ['editor'], department: '' })
    const id = first.people[0]?.id ?? ''
    await service.savePerson({ id, name: '张三', roles: ['reviewer'], department: '校办' })
    expect((await service.get()).people).toEqual([{ id, name: '张三', roles: ['reviewer'], department: '校办', publicKey: null, titles: [], rank: null }])
    await expect(service.savePerson({ name: '张三', roles: [], department: '' })).rejects.toMatchObject({ code: 'already-exists' })
    await expect(service.saveColumn({ name: '校园动态' }).then(() => service.saveColumn({ name: '校园动态' }))).rejects.toMatchObject({ code: 'already-exists' })
    await expect(service.removePerson('p-999')).rejects.toMatchObject({ code: 'not-found' })
    expect((await service.removePerson(id)).people).toEqual([])
  })

  it('suggests people by role, by name prefix or pinyin initials, then by any part of the name', async () => {
    await service.savePerson({ name: '张晓明', roles: ['proofreader'], department: '宣传部' })
    await service.savePerson({ name: '周小红', roles: ['proofreader', 'reviewer'], department: '' })
    await service.savePerson({ name: '李明', roles: ['author'], department: '教务处' })
    await service.savePerson({ name: '新同事', roles: [], department: '' })
    expect(await service.suggest('proofreader', '')).toEqual(['张晓明', '周小红', '新同事'])
    expect(await service.suggest('proofreader', '张')).toEqual(['张晓明'])
    expect(await service.suggest('proofreader', 'zx')).toEqual(['张晓明', '周小红'])
    expect(await service.suggest('proofreader', 'zxm')).toEqual(['张晓明'])
    expect(await service.suggest('proofreader', 'Z')).toEqual(['张晓明', '周小红'])
    expect(await service.suggest('authors', '明')).toEqual(['李明'])
    expect(await service.suggest('reviewer', 'zxm')).toEqual([])
    await service.saveDepartment({ name: '团委' })
    expect(await service.suggest('sourceDepartment', '')).toEqual(['团委', '教务处', '宣传部'])
    await service.saveColumn({ name: '校园动态' })
    expect(await service.suggest('column', 'xy')).toEqual(['校园动态'])
  })

  it('previews a staff list without changing anything, then applies exactly that file', async () => {
    await service.savePerson({ name: '张三', roles: ['editor'], department: '宣传部' })
    const csv = utf8('姓名,角色,部门\n张三,审核,\n李四,校对、摄影,教务处\n,编辑,\n王五,Typist,团委\n')
    const before = await readFile(join(dir, 'directory.json'), 'utf8')
    const preview = await service.previewCsv(csv)
    expect(preview.report).toEqual({
      added: 2,
      updated: 1,
      unchanged: 0,
      departmentsAdded: 2,
      skipped: [{ line: 4, reason: 'missing-name', detail: ',编辑,' }],
      warnings: [{ line: 5, reason: 'unknown-role', detail: 'Typist' }],
      skippedTotal: 1,
      warningsTotal: 1
    })
    expect(await readFile(join(dir, 'directory.json'), 'utf8')).toBe(before)
    const applied = await service.applyCsv(preview.token)
    expect(applied).toEqual(preview.report)
    const people = (await service.get()).people.map(({ name, roles, department }) => ({ name, roles, department }))
    expect(people).toEqual([
      { name: '张三', roles: ['editor', 'reviewer'], department: '宣传部' },
      { name: '李四', roles: ['photographer', 'proofreader'], department: '教务处' },
      { name: '王五', roles: [], department: '团委' }
    ])
    expect((await service.get()).departments.map((d) => d.name)).toEqual(['教务处', '团委'])
    await expect(service.applyCsv(preview.token)).rejects.toMatchObject({ code: 'not-found' })
    const again = await service.previewCsv(csv)
    expect(again.report).toMatchObject({ added: 0, updated: 0, unchanged: 3 })
  })

  it('moves a damaged directory.json aside instead of losing it, and starts empty', async () => {
    await writeFile(join(dir, 'directory.json'), '{"version":1,"people":[{"name":')
    expect((await service.get()).people).toEqual([])
    const aside = (await readdir(dir)).filter((name) => name.startsWith('directory.damaged-'))
    expect(aside).toHaveLength(1)
    expect(await readFile(join(dir, aside[0] ?? ''), 'utf8')).toBe('{"version":1,"people":[{"name":')
  })
})

describe('directory channels', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let app: AppServices
  let picked: string[]
  let saveTo: string | null
  const context = { emit: () => undefined }
  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-directory-ipc-'))
    picked = []
    saveTo = null
    app = composeApp(testCapabilities(dir, { dialogs: { openFiles: async () => picked, saveFile: async () => saveTo } }))
  })
  afterEach(() => cleanup())

  it('imports a staff list chosen in the dialog and exports it again with a BOM', async () => {
    const file = join(dir, '通讯录.csv')
    await writeFile(file, '\uFEFF姓名,角色,部门\r\n张三,编辑、校对,宣传部\r\n')
    picked = [file]
    const preview = await app.dispatch('directory:previewCsv', {}, context)
    expect(preview).toMatchObject({ ok: true, value: { cancelled: false, fileName: '通讯录.csv', report: { added: 1 } } })
    const token = (preview as { value: { token: string } }).value.token
    const applied = await app.dispatch('directory:applyCsv', { token }, context)
    expect(applied).toMatchObject({ ok: true, value: { directory: { people: [{ name: '张三', roles: ['editor', 'proofreader'] }] } } })
    expect(await app.dispatch('directory:suggest', { field: 'editor', prefix: 'z' }, context)).toEqual({ ok: true, value: { names: ['张三'] } })

    saveTo = join(dir, 'export')
    const exported = await app.dispatch('directory:exportCsv', {}, context)
    expect(exported).toEqual({ ok: true, value: { path: join(dir, 'export.csv') } })
    expect(await readFile(join(dir, 'export.csv'), 'utf8')).toBe('\uFEFF姓名,角色,部门\r\n张三,编辑、校对,宣传部\r\n')

    picked = []
    expect(await app.dispatch('directory:previewCsv', {}, context)).toEqual({ ok: true, value: { cancelled: true } })
  })

  it('answers a file that is not a staff list with csv-invalid', async () => {
    const file = join(dir, 'notes.csv')
    await writeFile(file, 'hello,world\n')
    picked = [file]
    expect(await app.dispatch('directory:previewCsv', {}, context)).toMatchObject({ ok: false, error: { code: 'csv-invalid' } })
  })
})
