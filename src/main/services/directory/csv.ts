import { AppError } from '../../../shared/errors'
import { DEPARTMENT_MAX, NAME_MAX } from '../../../shared/model/metadata'
import {
  CalendarDateSchema,
  LEADER_RANK_MAX,
  PEOPLE_MAX,
  TITLE_NAME_MAX,
  TITLES_MAX,
  PERSON_ROLES,
  PUBLIC_KEY_PATTERN,
  ROLE_WORDS,
  roleOfWord,
  type CsvIssue,
  type OfficeDirectory,
  type PersonRole,
  type PersonTitle
} from '../../../shared/model/directory'

/**
 * The staff list as a CSV file, the way an office keeps it in Excel: columns 姓名, 角色, 部门 (or Name,
 * Roles, Department), roles joined with 、 or ;. Quoting follows RFC 4180. Optional columns: 职务 (titles,
 * joined with ；when they changed over time), 任职日期 (the date each of those titles holds from, in the same
 * order), 排序 (a leader's rank, 1 first) and 公钥.
 */

export const CSV_MAX_BYTES = 5 * 1024 * 1024
/** Lines of people a staff list may have: twice what the directory holds leaves room for duplicates and blanks. */
export const CSV_MAX_ROWS = 10_000
const UTF8_BOM = [0xef, 0xbb, 0xbf]

/**
 * The file's text. Excel saves "CSV UTF-8" with a BOM, plain "CSV" in the system's code page, which on a
 * Chinese Windows is GBK (GB18030 is its superset); "Unicode text" is UTF-16 with a BOM.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  const body = UTF8_BOM.every((b, i) => bytes[i] === b) ? bytes.subarray(3) : bytes
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    return new TextDecoder('gb18030').decode(body)
  }
}

export type CsvRecord = { line: number; fields: string[] }

/** The field separator: a comma unless the header line has none and has tabs (Excel's "Unicode text") or semicolons. */
function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r|\n|$/))
  if (header.includes(',')) return ','
  if (header.includes('\t')) return '\t'
  if (header.includes(';')) return ';'
  return ','
}

/**
 * RFC 4180 records with the line each starts on. Lenient where Excel and hand-edited files are: LF or CRLF,
 * a quote inside an unquoted field is kept as it is, an unclosed quote runs to the end of the file.
 */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): CsvRecord[] {
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let line = 1
  let recordLine = 1
  let quoted = false
  let fieldStarted = false
  const endField = () => {
    fields.push(field)
    field = ''
    fieldStarted = false
  }
  const endRecord = () => {
    endField()
    records.push({ line: recordLine, fields })
    fields = []
  }
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i)
    if (quoted) {
      if (ch === '"') {
        if (text.charAt(i + 1) === '"') {
          field += '"'
          i += 1
        } else {
          quoted = false
        }
      } else {
        if (ch === '\n') line += 1
        field += ch
      }
      continue
    }
    if (ch === '"' && !fieldStarted && field === '') {
      quoted = true
      fieldStarted = true
    } else if (ch === delimiter) {
      endField()
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text.charAt(i + 1) === '\n') i += 1
      endRecord()
      line += 1
      recordLine = line
    } else {
      field += ch
      fieldStarted = true
    }
  }
  if (field !== '' || fieldStarted || fields.length > 0) endRecord()
  return records
}

/** Quotes a field when it needs it; a leading = + - @ is neutralised so Excel never runs it as a formula. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}

/** Undoes csvField's formula guard, so an export imports back as it was. */
function unguard(value: string): string {
  return /^'[=+\-@]/.test(value) ? value.slice(1) : value
}

type Column = 'name' | 'roles' | 'department' | 'publicKey' | 'titles' | 'titleFrom' | 'rank'

const HEADER_WORDS: Record<Column, readonly string[]> = {
  name: ['姓名', '名字', '人员', '人名', 'name', 'fullname', 'person'],
  roles: ['角色', '职责', '身份', '分工', 'role', 'roles'],
  department: ['部门', '单位', '所在部门', '供稿单位', 'department', 'dept', 'unit', 'organization', 'organisation'],
  publicKey: ['公钥', '签名公钥', 'publickey', 'signingkey'],
  titles: ['职务', '职位', '职称', 'title', 'titles', 'position'],
  titleFrom: ['任职日期', '任职时间', '任职起始', '起始日期', 'titlefrom', 'since', 'from'],
  rank: ['排序', '领导排序', '排名', '位次', 'rank', 'order']
}

function columnOf(header: string): Column | null {
  const word = header.replace(/\s+/g, '').toLowerCase()
  for (const column of Object.keys(HEADER_WORDS) as Column[]) if (HEADER_WORDS[column].includes(word)) return column
  return null
}

/** A person as one or more lines of the file describe them. */
export type CsvPerson = {
  name: string
  roles: PersonRole[]
  department: string
  publicKey: string | null
  /** Null when the file has no 职务 for them (the directory's titles are kept); rank likewise. */
  titles: PersonTitle[] | null
  rank: number | null
  line: number
}

export type StaffCsv = { people: CsvPerson[]; skipped: CsvIssue[]; warnings: CsvIssue[] }

const clip = (text: string) => (text.length > 120 ? `${text.slice(0, 120)}…` : text)

const LIST_SEPARATOR = /[；;、|\n]+/
const DATE_IN_CELL = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/

/** `2024/7/1`, `2024年7月1日` and `2024-07-01` as YYYY-MM-DD (Excel rewrites dates as the system shows them), or null. */
export function csvDate(text: string): string | null {
  const match = DATE_IN_CELL.exec(text.trim())
  if (!match) return null
  const iso = `${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}`
  return CalendarDateSchema.safeParse(iso).success && !Number.isNaN(Date.parse(iso)) && new Date(iso).toISOString().startsWith(iso) ? iso : null
}

/** 职务 and 任职日期 cells as titles: the n-th date belongs to the n-th title; a bad part is left out with a warning. */
function readTitles(titleCell: string, fromCell: string, line: number, warnings: CsvIssue[]): PersonTitle[] | null {
  if (titleCell === '') return null
  const names = titleCell.split(LIST_SEPARATOR).map((t) => t.trim())
  const dates = fromCell === '' ? [] : fromCell.split(/[；;、|\n]+/).map((d) => d.trim())
  const titles: PersonTitle[] = []
  names.forEach((title, i) => {
    if (title === '') return
    if (title.length > TITLE_NAME_MAX || titles.length >= TITLES_MAX) {
      warnings.push({ line, reason: 'invalid-title', detail: clip(title) })
      return
    }
    const dateText = dates[i] ?? ''
    const from = dateText === '' ? null : csvDate(dateText)
    if (dateText !== '' && from === null) warnings.push({ line, reason: 'invalid-title', detail: clip(`${title} ${dateText}`) })
    titles.push({ title, from })
  })
  return titles.sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''))
}

/**
 * Reads a staff list. Lines without a name, or with one too long to be a name, are skipped; unknown role
 * words are left out with a warning; a person on several lines is one person with all the roles named.
 */
export function readStaffCsv(bytes: Uint8Array): StaffCsv {
  if (bytes.length > CSV_MAX_BYTES) throw new AppError('file-too-large', `the staff list has ${bytes.length} bytes; the limit is ${CSV_MAX_BYTES}`)
  const records = parseCsv(decodeCsvBytes(bytes).normalize('NFC'))
  if (records.length - 1 > CSV_MAX_ROWS) {
    throw new AppError('file-too-large', `the staff list has ${records.length - 1} lines; at most ${CSV_MAX_ROWS} are read (the directory holds ${PEOPLE_MAX} people): split the file`)
  }
  const header = records.shift()
  const columns = (header?.fields ?? []).map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h)).map(columnOf)
  const index = (column: Column) => columns.indexOf(column)
  if (!header || index('name') === -1) {
    const seen = header ? header.fields.map((h) => `“${clip(h.trim())}”`).join(', ') : 'nothing'
    throw new AppError('csv-invalid', `the first line must name the columns 姓名, 角色, 部门 (or Name, Roles, Department); it has ${seen}`)
  }
  const skipped: CsvIssue[] = []
  const warnings: CsvIssue[] = []
  const byName = new Map<string, CsvPerson>()
  const cell = (fields: string[], column: Column) => {
    const i = index(column)
    return i === -1 ? '' : unguard((fields[i] ?? '').trim())
  }
  for (const { line, fields } of records) {
    if (fields.every((f) => f.trim() === '')) continue
    const name = cell(fields, 'name').replace(/\s+/g, ' ')
    if (name === '') {
      skipped.push({ line, reason: 'missing-name', detail: clip(fields.join(',')) })
      continue
    }
    if (name.length > NAME_MAX) {
      skipped.push({ line, reason: 'name-too-long', detail: clip(name) })
      continue
    }
    const roles: PersonRole[] = []
    for (const word of cell(fields, 'roles').split(/[、;；,，/／|\s]+/)) {
      if (word === '') continue
      const role = roleOfWord(word)
      if (role) roles.push(role)
      else warnings.push({ line, reason: 'unknown-role', detail: clip(word) })
    }
    let department = cell(fields, 'department')
    if (department.length > DEPARTMENT_MAX) {
      warnings.push({ line, reason: 'department-too-long', detail: clip(department) })
      department = ''
    }
    let publicKey: string | null = cell(fields, 'publicKey') || null
    if (publicKey !== null && !PUBLIC_KEY_PATTERN.test(publicKey)) {
      warnings.push({ line, reason: 'invalid-key', detail: clip(publicKey) })
      publicKey = null
    }
    const titles = readTitles(cell(fields, 'titles'), cell(fields, 'titleFrom'), line, warnings)
    const rankText = cell(fields, 'rank')
    let rank: number | null = null
    if (rankText !== '') {
      rank = /^\d{1,3}$/.test(rankText) && Number(rankText) >= 1 && Number(rankText) <= LEADER_RANK_MAX ? Number(rankText) : null
      if (rank === null) warnings.push({ line, reason: 'invalid-rank', detail: clip(rankText) })
    }
    const earlier = byName.get(name)
    if (earlier) {
      warnings.push({ line, reason: 'duplicate', detail: `${name} (line ${earlier.line})` })
      earlier.roles = PERSON_ROLES.filter((role) => earlier.roles.includes(role) || roles.includes(role))
      if (department !== '') earlier.department = department
      if (publicKey !== null) earlier.publicKey = publicKey
      if (titles !== null) earlier.titles = titles
      if (rank !== null) earlier.rank = rank
      continue
    }
    byName.set(name, { name, roles: PERSON_ROLES.filter((role) => roles.includes(role)), department, publicKey, titles, rank, line })
  }
  return { people: [...byName.values()], skipped, warnings }
}

/** The staff list as Excel opens it on a Chinese Windows: UTF-8 with a BOM, CRLF, header in the UI language. */
export function staffCsv(directory: OfficeDirectory, language: 'zh-CN' | 'en'): Uint8Array {
  const zh = language !== 'en'
  // The key column only when someone has a key, so a plain staff list stays the three columns offices know.
  const withKeys = directory.people.some((person) => person.publicKey !== null)
  // Likewise the title columns only when someone has a title or a rank.
  const withTitles = directory.people.some((person) => person.titles.length > 0 || person.rank !== null)
  const rows: string[][] = [
    [
      ...(zh ? ['姓名', '角色', '部门'] : ['Name', 'Roles', 'Department']),
      ...(withTitles ? (zh ? ['职务', '任职日期', '排序'] : ['Title', 'Since', 'Rank']) : []),
      ...(withKeys ? [zh ? '公钥' : 'Public key'] : [])
    ]
  ]
  for (const person of directory.people) {
    const roles = person.roles.map((role) => (zh ? ROLE_WORDS[role].zh : ROLE_WORDS[role].en))
    const titleColumns = withTitles
      ? [person.titles.map((t) => t.title).join('；'), person.titles.some((t) => t.from !== null) ? person.titles.map((t) => t.from ?? '').join('；') : '', person.rank === null ? '' : String(person.rank)]
      : []
    rows.push([person.name, roles.join(zh ? '、' : '; '), person.department, ...titleColumns, ...(withKeys ? [person.publicKey ?? ''] : [])])
  }
  const text = new TextEncoder().encode(formatCsv(rows))
  const out = new Uint8Array(text.length + 3)
  out.set(UTF8_BOM)
  out.set(text, 3)
  return out
}
