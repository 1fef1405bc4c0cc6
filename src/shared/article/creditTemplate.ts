/**
 * The credit line that closes every article: `（双高办 张三供稿/图；李四校对；王五审核）`.
 *
 * Its shape comes from a template the office can edit. The syntax is deliberately small:
 *
 *   [segment]separator[segment]separator[segment]…
 *
 * - A segment is written in square brackets and holds literal text and placeholders in curly braces.
 * - A segment is shown only when at least one of its NAME placeholders has a value; role words and
 *   marks never make a segment appear on their own.
 * - Text between two segments is a separator. When segments are hidden, the separator written just before
 *   a shown segment joins it to the previous shown one, and nothing precedes the first shown segment. So
 *   `[A]，[B]；[C]` gives `A；C` when B is empty and `B；C` when A is empty.
 * - Whitespace around the whole template is ignored. `[ ] { }` are reserved and cannot appear as literal
 *   text; there is no expression language.
 *
 * Name placeholders: {dept} 供稿单位 · {authors} 供稿人 · {source} the department and the writers joined by
 * `sourceSeparator` (either alone when the other is missing) · {photographers} 摄影, empty when the
 * writers took all the photos · {allPhotographers} 摄影, always · {proofreader} 校对 · {reviewer} 审核 ·
 * {editor} 编辑.
 * Marks: {photosByAuthors} `/图` when the writers and the photographers are the same people, else nothing.
 * Role words: {role.authors} {role.photographers} {role.photos} {role.proofreader} {role.reviewer} {role.editor}.
 */
export const DEFAULT_CREDIT_TEMPLATE = [
  '[{source}{role.authors}{photosByAuthors}]',
  '，[{photographers}{role.photographers}]',
  '；[{proofreader}{role.proofreader}]',
  '；[{reviewer}{role.reviewer}]'
].join('')

export const CREDIT_NAME_FIELDS = [
  'dept',
  'authors',
  'source',
  'photographers',
  'allPhotographers',
  'proofreader',
  'reviewer',
  'editor'
] as const
export type CreditNameField = (typeof CREDIT_NAME_FIELDS)[number]
export const CREDIT_MARKS = ['photosByAuthors'] as const
export type CreditMark = (typeof CREDIT_MARKS)[number]
export const CREDIT_ROLES = ['authors', 'photographers', 'photos', 'proofreader', 'reviewer', 'editor'] as const
export type CreditRole = (typeof CREDIT_ROLES)[number]
export type CreditRoleWords = Record<CreditRole, string>

export const DEFAULT_ROLE_WORDS: Readonly<CreditRoleWords> = {
  authors: '供稿',
  photographers: '摄影',
  photos: '图',
  proofreader: '校对',
  reviewer: '审核',
  editor: '编辑'
}

export const CHINESE_SCRIPTS = ['simplified', 'traditional-tw', 'traditional-hk'] as const
export type ChineseScript = (typeof CHINESE_SCRIPTS)[number]

export interface CreditLineOptions {
  template?: string
  roles?: Partial<CreditRoleWords>
  /** Between several people in one role: `张三、李四供稿`. */
  nameSeparator?: string
  /** Between the department and the writers: `双高办 张三`. */
  sourceSeparator?: string
  /** Before the photo role word when the writers took the photos: `供稿/图`. */
  photosJoiner?: string
  /** Full-width parentheses by default; null for none. */
  brackets?: readonly [string, string] | null
  /** Simplified (as typed) or Traditional for Taiwan or Hong Kong, converted with OpenCC. */
  script?: ChineseScript
}

export const CREDIT_TEMPLATE_MAX = 500

export type CreditTemplateIssueCode =
  | 'empty'
  | 'too-long'
  | 'text-outside-segment'
  | 'nested-segment'
  | 'unclosed-segment'
  | 'unopened-segment'
  | 'unclosed-placeholder'
  | 'stray-brace'
  | 'unknown-placeholder'
  | 'segment-without-name'

export interface CreditTemplateIssue {
  code: CreditTemplateIssueCode
  /** Offset in the template where the problem starts, for pointing at it in the settings form. */
  index: number
  /** The placeholder or text concerned, when there is one. */
  detail: string
  message: string
}

export class CreditTemplateError extends Error {
  readonly issue: CreditTemplateIssue
  constructor(issue: CreditTemplateIssue) {
    super(issue.message)
    this.name = 'CreditTemplateError'
    this.issue = issue
  }
}

type Piece =
  | { kind: 'text'; text: string }
  | { kind: 'name'; field: CreditNameField }
  | { kind: 'mark'; mark: CreditMark }
  | { kind: 'role'; role: CreditRole }

interface Segment {
  /** Text written between the previous segment and this one. */
  separator: string
  pieces: Piece[]
}

export interface ParsedCreditTemplate {
  segments: Segment[]
}

const MESSAGES: Record<CreditTemplateIssueCode, (detail: string) => string> = {
  empty: () => 'The template has no segment: write at least one, e.g. [{authors}{role.authors}].',
  'too-long': () => `The template is longer than ${CREDIT_TEMPLATE_MAX} characters.`,
  'text-outside-segment': (d) => `"${d}" stands before the first or after the last segment; put it inside [ ] or use the brackets option.`,
  'nested-segment': () => 'A segment cannot contain another [ segment ].',
  'unclosed-segment': () => 'A segment opened with [ is never closed with ].',
  'unopened-segment': () => 'A ] closes a segment that was never opened.',
  'unclosed-placeholder': () => 'A placeholder opened with { is never closed with }.',
  'stray-brace': () => 'Placeholders { } belong inside a segment [ ], and } needs a { before it.',
  'unknown-placeholder': (d) => `Unknown placeholder {${d}}.`,
  'segment-without-name': (d) => `The segment [${d}] has no name placeholder, so it could never be shown.`
}

function fail(code: CreditTemplateIssueCode, index: number, detail = ''): never {
  throw new CreditTemplateError({ code, index, detail, message: MESSAGES[code](detail) })
}

function pieceFor(name: string, index: number): Piece {
  if ((CREDIT_NAME_FIELDS as readonly string[]).includes(name)) return { kind: 'name', field: name as CreditNameField }
  if ((CREDIT_MARKS as readonly string[]).includes(name)) return { kind: 'mark', mark: name as CreditMark }
  const role = name.startsWith('role.') ? name.slice('role.'.length) : ''
  if ((CREDIT_ROLES as readonly string[]).includes(role)) return { kind: 'role', role: role as CreditRole }
  return fail('unknown-placeholder', index, name)
}

/** Parses a template, throwing a CreditTemplateError that says what is wrong and where. */
export function parseCreditTemplate(template: string): ParsedCreditTemplate {
  if (template.length > CREDIT_TEMPLATE_MAX) fail('too-long', CREDIT_TEMPLATE_MAX)
  const segments: Segment[] = []
  let separator = ''
  let separatorStart = 0
  let i = 0
  while (i < template.length) {
    const ch = template.charAt(i)
    if (ch === ']') fail('unopened-segment', i)
    if (ch === '{' || ch === '}') fail('stray-brace', i)
    if (ch !== '[') {
      if (separator === '') separatorStart = i
      separator += ch
      i += 1
      continue
    }
    if (segments.length === 0 && separator.trim() !== '') fail('text-outside-segment', separatorStart, separator)
    const open = i
    const pieces: Piece[] = []
    i += 1
    for (;;) {
      if (i >= template.length) fail('unclosed-segment', open)
      const c = template.charAt(i)
      if (c === ']') break
      if (c === '[') fail('nested-segment', i)
      if (c === '}') fail('stray-brace', i)
      if (c === '{') {
        const close = template.indexOf('}', i + 1)
        const next = template.slice(i + 1).search(/[{[\]]/)
        if (close === -1 || (next !== -1 && i + 1 + next < close)) fail('unclosed-placeholder', i)
        pieces.push(pieceFor(template.slice(i + 1, close).trim(), i))
        i = close + 1
        continue
      }
      const last = pieces.at(-1)
      if (last?.kind === 'text') last.text += c
      else pieces.push({ kind: 'text', text: c })
      i += 1
    }
    if (!pieces.some((p) => p.kind === 'name')) fail('segment-without-name', open, template.slice(open + 1, i))
    segments.push({ separator, pieces })
    separator = ''
    i += 1
  }
  if (segments.length === 0) fail('empty', 0)
  if (separator.trim() !== '') fail('text-outside-segment', separatorStart, separator)
  return { segments }
}

export function validateCreditTemplate(template: string): { ok: true } | { ok: false; issue: CreditTemplateIssue } {
  try {
    parseCreditTemplate(template)
    return { ok: true }
  } catch (error) {
    if (error instanceof CreditTemplateError) return { ok: false, issue: error.issue }
    throw error
  }
}

/** The office's calendar: dates in the credit and editor lines are Beijing time whatever the computer says. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'
