import { z } from 'zod'
import { COLUMN_MAX, DEPARTMENT_MAX, NAME_MAX } from './limits'
import { PERSON_ROLES, SUGGEST_FIELDS, type PersonRole } from './roles'

export { PERSON_ROLES, SUGGEST_FIELDS, ROLE_OF_FIELD, type PersonRole, type SuggestField } from './roles'

/**
 * The office directory (通讯录): the people who write, photograph, proofread and review, the departments
 * that send articles, and the site's columns. It fills the metadata fields' autocomplete and is loaded
 * from, or saved as, a CSV staff list.
 */

export const PersonRoleSchema = z.enum(PERSON_ROLES)

/** A raw 32-byte Ed25519 public key in base64, as the directory and its CSV carry it. */
export const PUBLIC_KEY_PATTERN = /^[A-Za-z0-9+/]{43}=$/

/** 2: people carry 职务 titles with the date each holds from, and a leader rank (version 1 files load with none). */
export const DIRECTORY_VERSION = 2
export const TITLE_NAME_MAX = 40
export const TITLES_MAX = 20
export const LEADER_RANK_MAX = 999
export const PEOPLE_MAX = 5000
export const DEPARTMENTS_MAX = 1000
export const COLUMNS_MAX = 500

export const DirectoryIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'not a directory id')
export type DirectoryId = z.infer<typeof DirectoryIdSchema>

const NameSchema = (max: number) => z.string().trim().min(1, 'a name is required').max(max)

/** Each role once, in the order of PERSON_ROLES, whatever order they were given in. */
const RolesSchema = z.array(PersonRoleSchema).transform((roles) => PERSON_ROLES.filter((role) => roles.includes(role)))

/** A calendar date, YYYY-MM-DD, in the office's time zone. */
export const CalendarDateSchema = z.iso.date()

/**
 * A 职务 a person holds from a date (null: since before anyone recorded it). The title in force at a moment is
 * the one with the latest `from` not after it; titles change when people are appointed, so history is kept.
 */
export const PersonTitleSchema = z.object({
  title: z.string().trim().min(1).max(TITLE_NAME_MAX),
  from: CalendarDateSchema.nullable().default(null)
})
export type PersonTitle = z.output<typeof PersonTitleSchema>

/** Titles oldest first (undated first), so the history reads in order wherever it is shown. */
const TitlesSchema = z
  .array(PersonTitleSchema)
  .max(TITLES_MAX)
  .transform((titles) => [...titles].sort((a, b) => (a.from ?? '').localeCompare(b.from ?? '')))

/** Lower comes first when leaders are listed together (党委书记 1, 校长 2 …); null for people who are not ranked. */
export const LeaderRankSchema = z.number().int().min(1).max(LEADER_RANK_MAX).nullable()

export const PersonSchema = z.object({
  id: DirectoryIdSchema,
  name: NameSchema(NAME_MAX),
  roles: RolesSchema,
  department: z.string().trim().max(DEPARTMENT_MAX).default(''),
  /**
   * Their Ed25519 public key (raw, base64) as the directory carries it. Carrying is not trusting: a key
   * counts only after someone here confirms its fingerprint (src/main/services/signing).
   */
  publicKey: z.string().regex(PUBLIC_KEY_PATTERN, 'not an Ed25519 public key').nullable().default(null),
  titles: TitlesSchema.default(() => []),
  rank: LeaderRankSchema.default(null)
})
export type Person = z.output<typeof PersonSchema>

/** The title a person holds on `date` (YYYY-MM-DD), or null when none was in force yet. */
export function titleOn(titles: readonly PersonTitle[], date: string | null): string | null {
  let held: PersonTitle | null = null
  for (const entry of titles) {
    if (entry.from !== null && date !== null && entry.from > date) continue
    if (held === null || (entry.from ?? '') >= (held.from ?? '')) held = entry
  }
  return held?.title ?? null
}

export const DepartmentSchema = z.object({ id: DirectoryIdSchema, name: NameSchema(DEPARTMENT_MAX) })
export type Department = z.output<typeof DepartmentSchema>

export const ColumnSchema = z.object({ id: DirectoryIdSchema, name: NameSchema(COLUMN_MAX) })
export type Column = z.output<typeof ColumnSchema>

const OfficeDirectoryRecordSchema = z.object({
  version: z.literal(DIRECTORY_VERSION),
  people: z.array(PersonSchema).max(PEOPLE_MAX),
  departments: z.array(DepartmentSchema).max(DEPARTMENTS_MAX),
  columns: z.array(ColumnSchema).max(COLUMNS_MAX)
})
/** Version 1 had no titles or ranks: its people get none (the defaults), nothing else changes. */
function migrateDirectory(raw: unknown): unknown {
  if (typeof raw === 'object' && raw !== null && (raw as { version?: unknown }).version === 1) return { ...raw, version: DIRECTORY_VERSION }
  return raw
}
export const OfficeDirectorySchema = z.preprocess(migrateDirectory, OfficeDirectoryRecordSchema)
export type OfficeDirectory = z.output<typeof OfficeDirectoryRecordSchema>

export function emptyDirectory(): OfficeDirectory {
  return { version: DIRECTORY_VERSION, people: [], departments: [], columns: [] }
}

/**
 * A person as the settings form sends it: without an id for a new one; titles and rank left out keep the
 * ones the directory has (a form that does not edit them must not wipe them).
 */
export const PersonInputSchema = PersonSchema.extend({ id: DirectoryIdSchema.optional(), titles: TitlesSchema.optional(), rank: LeaderRankSchema.optional() })
export type PersonInput = z.input<typeof PersonInputSchema>
export const NamedEntryInputSchema = (max: number) => z.object({ id: DirectoryIdSchema.optional(), name: NameSchema(max) })
export const DepartmentInputSchema = NamedEntryInputSchema(DEPARTMENT_MAX)
export const ColumnInputSchema = NamedEntryInputSchema(COLUMN_MAX)

export const SuggestFieldSchema = z.enum(SUGGEST_FIELDS)

/** How a role is written in a CSV file, Chinese or English; the first Chinese word is what export writes. */
export const ROLE_WORDS: Readonly<Record<PersonRole, { zh: string; en: string; aliases: readonly string[] }>> = {
  editor: { zh: '编辑', en: 'editor', aliases: ['编辑', '责任编辑', '责编', 'editor', 'editors'] },
  author: { zh: '供稿', en: 'author', aliases: ['供稿', '作者', '撰稿', '记者', '文字', 'author', 'authors', 'writer', 'writers', 'reporter'] },
  photographer: { zh: '摄影', en: 'photographer', aliases: ['摄影', '图片', '摄像', 'photographer', 'photographers', 'photo', 'photos'] },
  proofreader: { zh: '校对', en: 'proofreader', aliases: ['校对', 'proofreader', 'proofreaders', 'proofreading', 'proof'] },
  reviewer: { zh: '审核', en: 'reviewer', aliases: ['审核', '审稿', '审核人', 'reviewer', 'reviewers', 'review'] }
}

const ROLE_BY_WORD = new Map<string, PersonRole>(
  PERSON_ROLES.flatMap((role) => ROLE_WORDS[role].aliases.map((word) => [word.toLowerCase(), role] as const))
)

/** The role a CSV word stands for (`校对`, `Proofreader`), or null. */
export function roleOfWord(word: string): PersonRole | null {
  return ROLE_BY_WORD.get(word.trim().toLowerCase()) ?? null
}

const pinyinCollator = new Intl.Collator('zh-Hans-CN-u-co-pinyin')
const INITIAL_LETTERS = 'abcdefghjklmnopqrstwxyz'
/** The first character of each initial in pinyin order (no pinyin starts with i, u or v). */
const INITIAL_BOUNDARIES = '阿八嚓哒妸发旮哈讥咔垃呣拏噢妑七呥扨它穵夕丫帀'
const HAN = /\p{Script=Han}/u

/**
 * Each Han character's initial, found once: up to 23 collator comparisons per character otherwise, about 150 ms
 * of the search index's load on 5,000 drafts, whose names repeat the same few thousand characters.
 */
const initials = new Map<string, string>()

function initialOf(ch: string): string {
  let letter = initials.get(ch)
  if (letter !== undefined) return letter
  letter = ''
  for (let i = 0; i < INITIAL_BOUNDARIES.length; i += 1) {
    if (pinyinCollator.compare(ch, INITIAL_BOUNDARIES.charAt(i)) < 0) break
    letter = INITIAL_LETTERS.charAt(i)
  }
  initials.set(ch, letter)
  return letter
}

/**
 * Pinyin initials as typed to find a name: 张晓明 → `zxm`. Other letters and digits are kept, lower-cased;
 * the rest is dropped. Built on the platform's pinyin collation, so rare readings of a character (曾 as
 * zeng) come out as the common one.
 */
export function pinyinInitials(text: string): string {
  let out = ''
  for (const ch of text) {
    if (HAN.test(ch)) {
      out += initialOf(ch)
    } else if (/[\p{L}\p{N}]/u.test(ch)) {
      out += ch.toLowerCase()
    }
  }
  return out
}

/** `invalid-key`: the 公钥 cell holds no Ed25519 public key (the person is taken without it). */
/** `invalid-title`: a 职务 too long or a 任职日期 that is not a date (the titles are taken without it); `invalid-rank`: 排序 is not 1–999. */
export const CSV_ISSUE_REASONS = ['missing-name', 'name-too-long', 'department-too-long', 'unknown-role', 'too-many-people', 'too-many-departments', 'duplicate', 'invalid-key', 'invalid-title', 'invalid-rank'] as const
/** The preview lists at most this many lines of each kind (a 5 MB file could name 300,000); the totals say how many there were. */
export const CSV_REPORT_ISSUES_MAX = 200
export const CsvIssueReasonSchema = z.enum(CSV_ISSUE_REASONS)

/**
 * One line of a CSV file that was not taken as it was: `skipped` lines were left out, `warnings` were taken
 * without the part named (an unknown role word), `duplicate` lines were merged into an earlier line.
 */
export const CsvIssueSchema = z.object({
  /** 1-based line of the file where the record starts; the header is line 1. */
  line: z.number().int().positive(),
  reason: CsvIssueReasonSchema,
  /** The offending value, for the message: the unknown role word, the over-long name … */
  detail: z.string().max(300)
})
export type CsvIssue = z.infer<typeof CsvIssueSchema>

export const CsvImportReportSchema = z.object({
  /** People new to the directory. */
  added: z.number().int().nonnegative(),
  /** People already there whose roles or department the file changed. */
  updated: z.number().int().nonnegative(),
  /** People already there exactly as the file has them. */
  unchanged: z.number().int().nonnegative(),
  /** Departments named in the file that the directory did not have. */
  departmentsAdded: z.number().int().nonnegative(),
  skipped: z.array(CsvIssueSchema).max(CSV_REPORT_ISSUES_MAX),
  warnings: z.array(CsvIssueSchema).max(CSV_REPORT_ISSUES_MAX),
  /** How many lines were skipped / warned about in all, listed or not. */
  skippedTotal: z.number().int().nonnegative(),
  warningsTotal: z.number().int().nonnegative()
})
export type CsvImportReport = z.infer<typeof CsvImportReportSchema>
