import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { AppError, fsErrorCode } from '../../../shared/errors'
import {
  ColumnInputSchema,
  DepartmentInputSchema,
  OfficeDirectorySchema,
  CSV_REPORT_ISSUES_MAX,
  DEPARTMENTS_MAX,
  PEOPLE_MAX,
  PERSON_ROLES,
  PersonInputSchema,
  ROLE_OF_FIELD,
  emptyDirectory,
  pinyinInitials,
  type CsvImportReport,
  type CsvIssue,
  type DirectoryId,
  type OfficeDirectory,
  type Person,
  type PersonInput,
  type SuggestField
} from '../../../shared/model/directory'
import { atomicWriteFile } from '../fs/atomicWrite'
import { nodeServiceFs, type ServiceFs } from '../fs/serviceFs'
import type { Clock } from '../clock'
import { CSV_MAX_BYTES, readStaffCsv, staffCsv, type StaffCsv } from './csv'

export const DIRECTORY_FILE = 'directory.json'
export const SUGGEST_LIMIT = 20

export type DirectoryServiceOptions = {
  /** The library folder; read on every call, so a new data folder in settings takes effect at once. */
  dataDir(): string
  clock: Clock
  fs?: ServiceFs
  newId?: (prefix: string) => DirectoryId
}

export type CsvPreview = { token: string; report: CsvImportReport }

export type DirectoryService = {
  get(): Promise<OfficeDirectory>
  savePerson(input: PersonInput): Promise<OfficeDirectory>
  removePerson(id: DirectoryId): Promise<OfficeDirectory>
  saveDepartment(input: { id?: DirectoryId | undefined; name: string }): Promise<OfficeDirectory>
  removeDepartment(id: DirectoryId): Promise<OfficeDirectory>
  saveColumn(input: { id?: DirectoryId | undefined; name: string }): Promise<OfficeDirectory>
  removeColumn(id: DirectoryId): Promise<OfficeDirectory>
  /** Puts a public key on a person (added without roles when the directory does not have them yet). */
  setPublicKey(name: string, publicKey: string): Promise<OfficeDirectory>
  /** Names for a metadata field's autocomplete, best matches first. */
  suggest(field: SuggestField, prefix: string, limit?: number): Promise<string[]>
  /** What importing a staff list would do, without doing it; `token` applies exactly this file. */
  previewCsv(bytes: Uint8Array): Promise<CsvPreview>
  /** Applies a previewed file to the directory as it is now. */
  applyCsv(token: string): Promise<CsvImportReport>
  exportCsv(language: 'zh-CN' | 'en'): Promise<Uint8Array>
  /** The bytes of a staff list the person chose, refused when it is too large to be one. */
  readCsvFile(path: string): Promise<Uint8Array>
  /** Writes the staff list to a file the person chose, atomically; answers the path written. */
  writeCsvFile(path: string, language: 'zh-CN' | 'en'): Promise<string>
}

function defaultId(prefix: string): DirectoryId {
  return `${prefix}-${randomBytes(6).toString('hex')}`
}

function asAppError(error: unknown, doing: string): AppError {
  if (error instanceof AppError) return error
  return new AppError(fsErrorCode(error), `${doing}: ${(error as Error)?.message ?? String(error)}`, { cause: error })
}

const nameKey = (name: string) => name.normalize('NFC').toLowerCase()
const sameName = (a: string, b: string) => nameKey(a) === nameKey(b)

/** CSV people merged into the directory: roles added to the ones a person has, the department replaced when given. */
function mergeStaff(directory: OfficeDirectory, staff: StaffCsv, newId: (prefix: string) => DirectoryId): { next: OfficeDirectory; report: CsvImportReport } {
  const people = directory.people.map((p) => ({ ...p, roles: [...p.roles] }))
  const departments = [...directory.departments]
  // Lookups by name key, not by scanning: a file of 10,000 departments must not take quadratic time on main.
  const personByName = new Map(people.map((p) => [nameKey(p.name), p]))
  const departmentNames = new Set(departments.map((d) => nameKey(d.name)))
  const skipped: CsvIssue[] = [...staff.skipped]
  const warnings: CsvIssue[] = [...staff.warnings]
  let added = 0
  let updated = 0
  let unchanged = 0
  let departmentsAdded = 0
  for (const row of staff.people) {
    if (row.department !== '' && !departmentNames.has(nameKey(row.department))) {
      if (departments.length >= DEPARTMENTS_MAX) {
        warnings.push({ line: row.line, reason: 'too-many-departments', detail: row.department.slice(0, 120) })
      } else {
        departments.push({ id: newId('d'), name: row.department })
        departmentNames.add(nameKey(row.department))
        departmentsAdded += 1
      }
    }
    const existing = personByName.get(nameKey(row.name))
    if (!existing) {
      if (people.length >= PEOPLE_MAX) {
        skipped.push({ line: row.line, reason: 'too-many-people', detail: row.name })
        continue
      }
      const person = { id: newId('p'), name: row.name, roles: row.roles, department: row.department, publicKey: row.publicKey, titles: row.titles ?? [], rank: row.rank }
      people.push(person)
      personByName.set(nameKey(row.name), person)
      added += 1
      continue
    }
    const roles = PERSON_ROLES.filter((role) => existing.roles.includes(role) || row.roles.includes(role))
    const department = row.department === '' ? existing.department : row.department
    // A key in the file is carried, never trusted: a changed one is flagged by the trust store until confirmed.
    const publicKey = row.publicKey ?? existing.publicKey
    // A file's 职务 replaces the directory's history for that person (the file is the office's list of record).
    const titles = row.titles ?? existing.titles
    const rank = row.rank ?? existing.rank
    if (
      roles.length === existing.roles.length &&
      department === existing.department &&
      publicKey === existing.publicKey &&
      JSON.stringify(titles) === JSON.stringify(existing.titles) &&
      rank === existing.rank
    ) {
      unchanged += 1
      continue
    }
    existing.roles = roles
    existing.department = department
    existing.publicKey = publicKey
    existing.titles = titles
    existing.rank = rank
    updated += 1
  }
  skipped.sort((a, b) => a.line - b.line)
  warnings.sort((a, b) => a.line - b.line)
  return {
    next: { ...directory, people, departments },
    report: {
      added,
      updated,
      unchanged,
      departmentsAdded,
      skipped: skipped.slice(0, CSV_REPORT_ISSUES_MAX),
      warnings: warnings.slice(0, CSV_REPORT_ISSUES_MAX),
      skippedTotal: skipped.length,
      warningsTotal: warnings.length
    }
  }
}

function rank(name: string, query: string, initialsQuery: string): number | null {
  const lower = name.toLowerCase()
  if (lower.startsWith(query)) return 0
  if (initialsQuery !== '' && pinyinInitials(name).startsWith(initialsQuery)) return 1
  if (lower.includes(query)) return 2
  return null
}

const collator = new Intl.Collator('zh-Hans-CN-u-co-pinyin')

/** Names matching what was typed: a prefix of the name first, then of its pinyin initials (`zs` → 张三), then anywhere. */
export function suggestNames(candidates: readonly { name: string; tier: number }[], prefix: string, limit: number): string[] {
  const query = prefix.trim().toLowerCase()
  const initialsQuery = /^[a-z]+$/.test(query) ? query : ''
  const scored: { name: string; score: number }[] = []
  const seen = new Set<string>()
  for (const { name, tier } of candidates) {
    if (seen.has(name)) continue
    const r = query === '' ? 0 : rank(name, query, initialsQuery)
    if (r === null) continue
    seen.add(name)
    scored.push({ name, score: tier * 10 + r })
  }
  scored.sort((a, b) => a.score - b.score || collator.compare(a.name, b.name))
  return scored.slice(0, limit).map((s) => s.name)
}

export function createDirectoryService(options: DirectoryServiceOptions): DirectoryService {
  const fs = options.fs ?? nodeServiceFs
  const newId = options.newId ?? defaultId
  let cached: { dataDir: string; directory: OfficeDirectory } | null = null
  let queue: Promise<unknown> = Promise.resolve()
  const previews = new Map<string, StaffCsv>()

  const fileOf = (dataDir: string) => join(dataDir, DIRECTORY_FILE)

  async function load(): Promise<OfficeDirectory> {
    const dataDir = options.dataDir()
    if (cached?.dataDir === dataDir) return cached.directory
    let directory: OfficeDirectory
    let text: string | null = null
    try {
      text = await fs.readFile(fileOf(dataDir), 'utf8')
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw asAppError(error, `cannot read the office directory in ${dataDir}`)
    }
    if (text === null) {
      directory = emptyDirectory()
    } else {
      let parsed: ReturnType<typeof OfficeDirectorySchema.safeParse> | null
      try {
        parsed = OfficeDirectorySchema.safeParse(JSON.parse(text))
      } catch {
        parsed = null
      }
      if (parsed?.success) {
        directory = parsed.data
      } else {
        // Kept beside, never deleted: the office can send it to whoever can repair it.
        const aside = join(dataDir, `directory.damaged-${options.clock.now().toISOString().replace(/[:.]/g, '-')}.json`)
        await fs.rename(fileOf(dataDir), aside).catch(() => undefined)
        directory = emptyDirectory()
      }
    }
    cached = { dataDir, directory }
    return directory
  }

  /** Changes run one after another against the latest directory, and land on disk before they are answered. */
  function update(doing: string, change: (current: OfficeDirectory) => OfficeDirectory): Promise<OfficeDirectory> {
    const task = async () => {
      const current = await load()
      const next = OfficeDirectorySchema.parse(change(current))
      const dataDir = options.dataDir()
      try {
        await fs.mkdir(dataDir, { recursive: true })
        await atomicWriteFile(fs, fileOf(dataDir), JSON.stringify(next, null, 1))
      } catch (error) {
        throw asAppError(error, `cannot ${doing}`)
      }
      cached = { dataDir, directory: next }
      return next
    }
    const run = queue.then(task, task)
    queue = run.catch(() => undefined)
    return run
  }

  function upsertNamed<T extends { id: DirectoryId; name: string }>(list: readonly T[], input: { id?: DirectoryId | undefined; name: string }, make: (id: DirectoryId) => T, what: string): T[] {
    const clash = list.find((entry) => sameName(entry.name, input.name) && entry.id !== input.id)
    if (clash) throw new AppError('already-exists', `${what} “${input.name}” is already in the directory`)
    if (input.id === undefined) return [...list, make(newId(what === 'person' ? 'p' : what === 'department' ? 'd' : 'c'))]
    const index = list.findIndex((entry) => entry.id === input.id)
    if (index === -1) throw new AppError('not-found', `no ${what} with id ${input.id}`)
    return list.map((entry, i) => (i === index ? make(input.id as DirectoryId) : entry))
  }

  function removeFrom<T extends { id: DirectoryId }>(list: readonly T[], id: DirectoryId, what: string): T[] {
    if (!list.some((entry) => entry.id === id)) throw new AppError('not-found', `no ${what} with id ${id}`)
    return list.filter((entry) => entry.id !== id)
  }

  async function previewCsv(bytes: Uint8Array): Promise<CsvPreview> {
    const staff = readStaffCsv(bytes)
    const { report } = mergeStaff(await load(), staff, () => 'preview')
    const token = randomBytes(12).toString('hex')
    // One pending file at a time: a new preview replaces the one the person did not apply.
    previews.clear()
    previews.set(token, staff)
    return { token, report }
  }

  return {
    get: load,

    savePerson(raw) {
      const input = PersonInputSchema.parse(raw)
      return update('save the person', (d) => ({
        ...d,
        people: upsertNamed(
          d.people,
          input,
          // The person form does not edit keys: saving it keeps the key the directory carries.
          (id): Person => {
            const before = d.people.find((p) => p.id === id)
            return {
              id,
              name: input.name,
              roles: input.roles,
              department: input.department,
              publicKey: input.publicKey ?? before?.publicKey ?? null,
              titles: input.titles ?? before?.titles ?? [],
              rank: input.rank === undefined ? (before?.rank ?? null) : input.rank
            }
          },
          'person'
        )
      }))
    },
    setPublicKey(name, publicKey) {
      return update('save the public key', (d) => {
        const existing = d.people.find((p) => sameName(p.name, name))
        if (existing) return { ...d, people: d.people.map((p) => (p === existing ? { ...p, publicKey } : p)) }
        if (d.people.length >= PEOPLE_MAX) throw new AppError('file-too-large', `the directory already holds ${PEOPLE_MAX} people`)
        return { ...d, people: [...d.people, { id: newId('p'), name: name.trim(), roles: [], department: '', publicKey, titles: [], rank: null }] }
      })
    },
    removePerson: (id) => update('remove the person', (d) => ({ ...d, people: removeFrom(d.people, id, 'person') })),

    saveDepartment(raw) {
      const input = DepartmentInputSchema.parse(raw)
      return update('save the department', (d) => ({
        ...d,
        departments: upsertNamed(d.departments, input, (id) => ({ id, name: input.name }), 'department')
      }))
    },
    removeDepartment: (id) => update('remove the department', (d) => ({ ...d, departments: removeFrom(d.departments, id, 'department') })),

    saveColumn(raw) {
      const input = ColumnInputSchema.parse(raw)
      return update('save the column', (d) => ({ ...d, columns: upsertNamed(d.columns, input, (id) => ({ id, name: input.name }), 'column') }))
    },
    removeColumn: (id) => update('remove the column', (d) => ({ ...d, columns: removeFrom(d.columns, id, 'column') })),

    async suggest(field, prefix, limit = SUGGEST_LIMIT) {
      const d = await load()
      const role = ROLE_OF_FIELD[field]
      let candidates: { name: string; tier: number }[]
      if (role) {
        // People with the role first; people with no role at all (not yet sorted out) after them.
        candidates = d.people.flatMap((p) => (p.roles.includes(role) ? [{ name: p.name, tier: 0 }] : p.roles.length === 0 ? [{ name: p.name, tier: 1 }] : []))
      } else if (field === 'sourceDepartment') {
        candidates = [...d.departments.map((x) => ({ name: x.name, tier: 0 })), ...d.people.filter((p) => p.department !== '').map((p) => ({ name: p.department, tier: 1 }))]
      } else {
        candidates = d.columns.map((c) => ({ name: c.name, tier: 0 }))
      }
      return suggestNames(candidates, prefix, limit)
    },

    previewCsv,

    async applyCsv(token) {
      const staff = previews.get(token)
      if (!staff) throw new AppError('not-found', 'this staff list preview has expired; choose the file again')
      const outcome: { report?: CsvImportReport } = {}
      await update('import the staff list', (d) => {
        const merged = mergeStaff(d, staff, newId)
        outcome.report = merged.report
        return merged.next
      })
      previews.delete(token)
      if (!outcome.report) throw new AppError('internal', 'the staff list was not applied')
      return outcome.report
    },

    async exportCsv(language) {
      return staffCsv(await load(), language)
    },

    async readCsvFile(path) {
      try {
        const info = await fs.stat(path)
        if (!info.isFile()) throw new AppError('unsupported-file', `${path} is not a file`)
        if (info.size > CSV_MAX_BYTES) throw new AppError('file-too-large', `${path} has ${info.size} bytes; a staff list may have ${CSV_MAX_BYTES}`)
        return await fs.readFile(path)
      } catch (error) {
        throw asAppError(error, `cannot read ${path}`)
      }
    },

    async writeCsvFile(path, language) {
      const bytes = staffCsv(await load(), language)
      try {
        await atomicWriteFile(fs, path, bytes)
      } catch (error) {
        throw asAppError(error, `cannot write ${path}`)
      }
      return path
    }
  }
}
