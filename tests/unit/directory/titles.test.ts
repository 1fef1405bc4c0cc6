import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDirectoryService, type DirectoryService } from '../../../src/main/services/directory/directoryService'
import { csvDate, readStaffCsv, staffCsv } from '../../../src/main/services/directory/csv'
import { OfficeDirectorySchema, titleOn } from '../../../src/shared/model/directory'
import { makeTempDir, steppingClock } from '../../support/draftFixtures'

const utf8 = (text: string) => new TextEncoder().encode(text)
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes.subarray(3))

describe('职务 with the date each holds from, and a leader rank', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let service: DirectoryService
  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-titles-'))
    let n = 0
    service = createDirectoryService({ dataDir: () => dir, clock: steppingClock(), newId: (prefix) => `${prefix}-${String(++n).padStart(3, '0')}` })
  })
  afterEach(() => cleanup())

  it('migrates a version 1 directory.json: every person keeps what they had and gets no titles and no rank', async () => {
    const v1 = { version: 1, people: [{ id: 'p-1', name: '张三', roles: ['editor'], department: '宣传部', publicKey: null }], departments: [], columns: [] }
    await writeFile(join(dir, 'directory.json'), JSON.stringify(v1))
    const loaded = await service.get()
    expect(loaded.version).toBe(2)
    expect(loaded.people).toEqual([{ id: 'p-1', name: '张三', roles: ['editor'], department: '宣传部', publicKey: null, titles: [], rank: null }])
    // Saved again as version 2; the file was not treated as damaged.
    await service.saveColumn({ name: '校园动态' })
    expect(JSON.parse(await readFile(join(dir, 'directory.json'), 'utf8')).version).toBe(2)
  })

  it('uses the title in force on a date: the latest one whose from-date is not after it', () => {
    const titles = [
      { title: '副校长', from: '2019-03-01' },
      { title: '校长', from: '2024-07-01' }
    ]
    expect(titleOn(titles, '2024-06-30')).toBe('副校长')
    expect(titleOn(titles, '2024-07-01')).toBe('校长')
    expect(titleOn(titles, '2018-01-01')).toBeNull()
    expect(titleOn([{ title: '党委书记', from: null }], '2000-01-01')).toBe('党委书记')
    expect(titleOn(titles, null)).toBe('校长')
  })

  it('keeps titles and rank when the person form saves without them, and replaces them when it sends them', async () => {
    await service.savePerson({ name: '李明', roles: [], department: '', titles: [{ title: '校长', from: '2024-07-01' }, { title: '副校长', from: '2019-03-01' }], rank: 2 })
    let person = (await service.get()).people[0]
    expect(person?.titles.map((t) => t.title)).toEqual(['副校长', '校长'])
    await service.savePerson({ id: person?.id, name: '李明', roles: ['reviewer'], department: '校长办公室' })
    person = (await service.get()).people[0]
    expect(person).toMatchObject({ rank: 2, roles: ['reviewer'] })
    expect(person?.titles).toHaveLength(2)
    await service.savePerson({ id: person?.id, name: '李明', roles: ['reviewer'], department: '', titles: [], rank: null })
    expect((await service.get()).people[0]).toMatchObject({ titles: [], rank: null })
  })

  it('imports 职务, 任职日期 and 排序 columns, warning about a bad date or rank without dropping the person', () => {
    const csv = '姓名,角色,部门,职务,任职日期,排序\n王建国,,党委,党委书记,2021/9/1,1\n李明,审核,校长办公室,副校长；校长,2019-03-01；2024年7月1日,2\n赵敏,,,副校长,2024-02-30,x\n'
    const staff = readStaffCsv(utf8(csv))
    expect(staff.people.map(({ name, titles, rank }) => ({ name, titles, rank }))).toEqual([
      { name: '王建国', titles: [{ title: '党委书记', from: '2021-09-01' }], rank: 1 },
      { name: '李明', titles: [{ title: '副校长', from: '2019-03-01' }, { title: '校长', from: '2024-07-01' }], rank: 2 },
      { name: '赵敏', titles: [{ title: '副校长', from: null }], rank: null }
    ])
    expect(staff.warnings).toEqual([
      { line: 4, reason: 'invalid-title', detail: '副校长 2024-02-30' },
      { line: 4, reason: 'invalid-rank', detail: 'x' }
    ])
    expect(csvDate('2024.7.1')).toBe('2024-07-01')
    expect(csvDate('2023-02-29')).toBeNull()
  })

  it('exports the title columns only when someone has one, and reads its own export back', async () => {
    await service.savePerson({ name: '张三', roles: ['editor'], department: '宣传部' })
    expect(text(await service.exportCsv('zh-CN')).split('\r\n')[0]).toBe('姓名,角色,部门')
    const preview = await service.previewCsv(utf8('姓名,职务,任职日期,排序\n李明,副校长；校长,2019-03-01；2024-07-01,2\n张三,党委宣传部部长,,\n'))
    expect(preview.report).toMatchObject({ added: 1, updated: 1 })
    await service.applyCsv(preview.token)
    const exported = await service.exportCsv('zh-CN')
    expect(text(exported)).toBe('姓名,角色,部门,职务,任职日期,排序\r\n张三,编辑,宣传部,党委宣传部部长,,\r\n李明,,,副校长；校长,2019-03-01；2024-07-01,2\r\n')
    expect(text(staffCsv(await service.get(), 'en')).split('\r\n')[0]).toBe('Name,Roles,Department,Title,Since,Rank')
    const back = readStaffCsv(exported)
    const directory = await service.get()
    expect(back.people.map(({ name, titles, rank }) => ({ name, titles: titles ?? [], rank }))).toEqual(directory.people.map(({ name, titles, rank }) => ({ name, titles, rank })))
    expect(OfficeDirectorySchema.parse(directory)).toEqual(directory)
  })
})
