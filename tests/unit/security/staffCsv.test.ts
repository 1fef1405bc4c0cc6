import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CSV_REPORT_ISSUES_MAX, DEPARTMENTS_MAX } from '../../../src/shared/model/directory'
import { makeTempDir } from '../../support/draftFixtures'
import { attackableApp, valueOf } from './securityFixtures'

type Preview = { cancelled: false; token: string; report: { skipped: unknown[]; warnings: unknown[]; skippedTotal: number; warningsTotal: number; added: number; departmentsAdded: number } }

describe('attack 6: a hostile staff list cannot flood main or the page', () => {
  let dir: string
  let cleanup: () => Promise<void>
  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-attack-csv-'))
  })
  afterEach(() => cleanup())

  it('answers a bounded report (lists capped, totals given) for a file of thousands of bad lines', async () => {
    const { app, call, dialog } = attackableApp(dir)
    // 9,000 lines: each one a person with an unknown role word and their own department, then nameless lines.
    const lines = ['姓名,角色,部门']
    for (let i = 0; i < 6000; i++) lines.push(`人员${String(i)},黑客${String(i)},部门${String(i)}`)
    for (let i = 0; i < 3000; i++) lines.push(`,编辑,部门${String(i)}`)
    const file = join(dir, 'staff.csv')
    await writeFile(file, lines.join('\n'))
    dialog.answers = [file]

    const answer = await call('directory:previewCsv', {})
    const preview = valueOf<Preview>(answer)
    expect(JSON.stringify(answer).length).toBeLessThan(200_000)
    expect(preview.report.skipped).toHaveLength(CSV_REPORT_ISSUES_MAX)
    expect(preview.report.skippedTotal).toBe(3000 + 1000)
    expect(preview.report.warnings).toHaveLength(CSV_REPORT_ISSUES_MAX)
    // 6,000 unknown role words; 6,000 departments, those over the cap warned about.
    expect(preview.report.warningsTotal).toBe(6000 + (6000 - DEPARTMENTS_MAX))
    expect(preview.report.departmentsAdded).toBe(DEPARTMENTS_MAX)

    const applied = valueOf<{ report: Preview['report']; directory: { people: unknown[]; departments: unknown[] } }>(await call('directory:applyCsv', { token: preview.token }))
    expect(applied.directory.departments).toHaveLength(DEPARTMENTS_MAX)
    expect(applied.report.skipped.length).toBeLessThanOrEqual(CSV_REPORT_ISSUES_MAX)
    expect(JSON.parse(await readFile(join(app.drafts().dataDir, 'directory.json'), 'utf8'))).toMatchObject({ departments: expect.any(Array) })
  })

  it('refuses a file with more lines than the directory could take, saying so, and stores nothing', async () => {
    const { app, call, dialog } = attackableApp(dir)
    const lines = ['Name,Roles,Department', ...Array.from({ length: 20_001 }, (_, i) => `p${String(i)},,`)]
    const file = join(dir, 'huge.csv')
    await writeFile(file, lines.join('\n'))
    dialog.answers = [file]
    const answer = await call('directory:previewCsv', {})
    expect(answer).toMatchObject({ ok: false, error: { code: 'file-too-large' } })
    expect(answer.ok ? '' : answer.error.message).toContain('split the file')
    expect((await app.handlers['directory:get']({}, { emit: () => undefined })).people).toEqual([])
  })
})
