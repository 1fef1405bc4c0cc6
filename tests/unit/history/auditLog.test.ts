import { appendFile, mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AUDIT_FILE, createAuditLog } from '../../../src/main/services/history/auditLog'
import { AuditEntrySchema } from '../../../src/shared/model/workflow'
import { makeTempDir } from '../../support/draftFixtures'
import { article, openOffice } from '../workflow/fixtures'

const at = (minutes: number, seconds = 0) => new Date(Date.parse('2026-11-02T08:00:00.000Z') + minutes * 60_000 + seconds * 1000).toISOString()

describe('the audit log file', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let folder: string
  const file = () => join(folder, AUDIT_FILE)
  const lines = async () => (await readFile(file(), 'utf8')).split('\n').filter((line) => line !== '')

  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-audit-'))
    folder = join(dir, 'draft-0001')
    await mkdir(folder)
  })
  afterEach(async () => {
    await cleanup()
  })

  it('only ever appends: earlier bytes stay as they were, one valid JSON object per line', async () => {
    const log = createAuditLog()
    await log.append(folder, { at: at(0), actor: '张编辑', action: 'create' })
    const first = await readFile(file(), 'utf8')
    await log.append(folder, { at: at(1), actor: '李校对', action: 'signoff', details: { signOffId: 'proofread-1', comment: '已核对' } })
    await log.append(folder, { at: at(2), actor: '张编辑', action: 'export', details: { format: 'docx' } })
    const all = await readFile(file(), 'utf8')
    expect(all.startsWith(first)).toBe(true)
    expect(all.endsWith('\n')).toBe(true)
    expect((await lines()).map((line) => AuditEntrySchema.parse(JSON.parse(line)).action)).toEqual(['create', 'signoff', 'export'])
    const fresh = await createAuditLog().list(folder)
    expect(fresh.skippedLines).toBe(0)
    expect(fresh.entries[1]).toEqual({ at: at(1), actor: '李校对', action: 'signoff', details: { signOffId: 'proofread-1', comment: '已核对' } })
  })

  it('skips a line torn by a crash and closes it off before the next entry', async () => {
    const log = createAuditLog()
    await log.append(folder, { at: at(0), actor: '张编辑', action: 'create' })
    await appendFile(file(), '{"at":"2026-11-02T08:01:00.000Z","actor":"张编辑","act')
    const torn = await createAuditLog().list(folder)
    expect(torn.entries.map((e) => e.action)).toEqual(['create'])
    expect(torn.skippedLines).toBe(1)

    await createAuditLog().append(folder, { at: at(2), actor: '李校对', action: 'submit' })
    const after = await createAuditLog().list(folder)
    expect(after.entries.map((e) => e.action)).toEqual(['create', 'submit'])
    expect(after.skippedLines).toBe(1)
    expect((await lines())[1]).toBe('{"at":"2026-11-02T08:01:00.000Z","actor":"张编辑","act')
  })

  it('coalesces one person’s saves within five minutes into one entry with a count', async () => {
    const log = createAuditLog()
    for (const [minute, revision] of [
      [0, 1],
      [1, 2],
      [2, 3],
      [4.9, 4]
    ] as const) {
      await log.recordSave(folder, { actor: '张编辑', at: at(minute), revision })
    }
    // One line on disk so far; the other three are counted in memory and shown by list.
    expect(await lines()).toHaveLength(1)
    expect((await log.list(folder)).entries).toEqual([
      { at: at(0), actor: '张编辑', action: 'save', details: { revision: 4 }, count: 4, until: at(4.9) }
    ])
    // A save after the window: the held count is written, then a new entry starts.
    await log.recordSave(folder, { actor: '张编辑', at: at(6), revision: 5 })
    expect(await lines()).toHaveLength(3)
    // Another person, then another kind of entry, each close the window.
    await log.recordSave(folder, { actor: '李校对', at: at(6, 30), revision: 6 })
    await log.recordSave(folder, { actor: '李校对', at: at(7), revision: 7 })
    await log.append(folder, { at: at(7, 30), actor: '李校对', action: 'signoff' })
    await log.recordSave(folder, { actor: '李校对', at: at(8), revision: 8 })
    await log.flush()
    const entries = (await createAuditLog().list(folder)).entries
    expect(entries.map((e) => [e.actor, e.action, e.count ?? 1])).toEqual([
      ['张编辑', 'save', 4],
      ['张编辑', 'save', 1],
      ['李校对', 'save', 2],
      ['李校对', 'signoff', 1],
      ['李校对', 'save', 1]
    ])
    expect(entries[2]).toMatchObject({ until: at(7), details: { revision: 7 } })
  })

  it('two hours of autosaves every 20 seconds stay a few lines', async () => {
    const office = openOffice(dir)
    const draft = await office.store.create()
    let text = ''
    for (let second = 0; second < 2 * 3600; second += 20) {
      text += '字'
      office.clock.advance(20_000)
      await office.workflow.save(draft.id, { title: '一天的稿件', column: '校园动态', body: article(text) })
    }
    await office.workflow.flush()
    const raw = (await readFile(join(office.store.draftFolder(draft.id), AUDIT_FILE), 'utf8')).split('\n').filter(Boolean)
    const saves = (2 * 3600) / 20
    // At most two lines per five-minute window (its first save, then the count of the others).
    expect(raw.length).toBeLessThanOrEqual(2 * Math.ceil((2 * 60) / 5))
    const entries = await office.workflow.auditList(draft.id)
    expect(entries.reduce((n, e) => n + (e.count ?? 1), 0)).toBe(saves)
  })

  it('takes back an entry whose commit failed, and reports the commit’s own error', async () => {
    const log = createAuditLog()
    await log.append(folder, { at: at(0), actor: '张编辑', action: 'create' })
    const before = await readFile(file(), 'utf8')
    const failure = new Error('the draft could not be written')
    await expect(log.appendWith(folder, { at: at(1), actor: '李校对', action: 'signoff' }, () => Promise.reject(failure))).rejects.toBe(failure)
    expect(await readFile(file(), 'utf8')).toBe(before)
    await expect(log.appendWith(folder, { at: at(2), actor: '李校对', action: 'signoff' }, () => Promise.resolve(42))).resolves.toBe(42)
    expect((await log.list(folder)).entries.map((e) => e.action)).toEqual(['create', 'signoff'])
  })

  it('keeps held saves written before the entry that follows them, even if that entry is taken back', async () => {
    const log = createAuditLog()
    await log.recordSave(folder, { actor: '张编辑', at: at(0), revision: 1 })
    await log.recordSave(folder, { actor: '张编辑', at: at(1), revision: 2 })
    await expect(log.appendWith(folder, { at: at(2), actor: '李校对', action: 'signoff' }, () => Promise.reject(new Error('no')))).rejects.toThrow('no')
    const entries = (await createAuditLog().list(folder)).entries
    expect(entries).toEqual([{ at: at(0), actor: '张编辑', action: 'save', details: { revision: 2 }, count: 2, until: at(1) }])
  })
})
