import { Converter } from 'opencc-js/cn2t'
import { uniqueNames, type ArticleMetadata } from '../model/metadata'
import {
  DEFAULT_CREDIT_TEMPLATE,
  DEFAULT_ROLE_WORDS,
  DEFAULT_TIME_ZONE,
  parseCreditTemplate,
  type ChineseScript,
  type CreditLineOptions,
  type CreditMark,
  type CreditNameField,
  type CreditRoleWords,
  type ParsedCreditTemplate
} from './creditTemplate'
// The template's syntax, checks and defaults, without the script converter (2 MB of dictionaries): settings and
// the library's first screen import that file, and only formatting a line here needs opencc-js.
export * from './creditTemplate'

const converters = new Map<ChineseScript, (text: string) => string>()

/** Simplified text in the requested script. Building a converter costs ~100 ms, so each is built once. */
export function toChineseScript(text: string, script: ChineseScript): string {
  if (script === 'simplified' || text === '') return text
  let convert = converters.get(script)
  if (!convert) {
    convert = Converter({ from: 'cn', to: script === 'traditional-hk' ? 'hk' : 'tw' })
    converters.set(script, convert)
  }
  return convert(text)
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name) => b.includes(name))
}

type CreditPeople = Pick<ArticleMetadata, 'sourceDepartment' | 'authors' | 'photographers' | 'proofreader' | 'reviewer' | 'editor'>

const templateCache = new Map<string, ParsedCreditTemplate>()

function parsedTemplate(template: string): ParsedCreditTemplate {
  let parsed = templateCache.get(template)
  if (!parsed) {
    parsed = parseCreditTemplate(template)
    if (templateCache.size > 20) templateCache.clear()
    templateCache.set(template, parsed)
  }
  return parsed
}

/**
 * The credit line, or '' when nobody is credited. Names are trimmed and each credited once per role.
 * Throws CreditTemplateError for a broken template: check templates with validateCreditTemplate when saved.
 */
export function formatCreditLine(metadata: CreditPeople, options: CreditLineOptions = {}): string {
  const { segments } = parsedTemplate(options.template ?? DEFAULT_CREDIT_TEMPLATE)
  const roles: CreditRoleWords = { ...DEFAULT_ROLE_WORDS, ...options.roles }
  const nameSeparator = options.nameSeparator ?? '、'
  const authors = uniqueNames(metadata.authors)
  const photographers = uniqueNames(metadata.photographers)
  const photosByAuthors = authors.length > 0 && sameSet(authors, photographers)
  const dept = metadata.sourceDepartment.trim()
  const authorNames = authors.join(nameSeparator)
  const names: Record<CreditNameField, string> = {
    dept,
    authors: authorNames,
    source: [dept, authorNames].filter((part) => part !== '').join(options.sourceSeparator ?? ' '),
    photographers: photosByAuthors ? '' : photographers.join(nameSeparator),
    allPhotographers: photographers.join(nameSeparator),
    proofreader: metadata.proofreader.trim(),
    reviewer: metadata.reviewer.trim(),
    editor: metadata.editor.trim()
  }
  const marks: Record<CreditMark, string> = {
    photosByAuthors: photosByAuthors ? `${options.photosJoiner ?? '/'}${roles.photos}` : ''
  }

  let line = ''
  for (const segment of segments) {
    if (!segment.pieces.some((piece) => piece.kind === 'name' && names[piece.field] !== '')) continue
    if (line !== '') line += segment.separator
    for (const piece of segment.pieces) {
      if (piece.kind === 'text') line += piece.text
      else if (piece.kind === 'name') line += names[piece.field]
      else if (piece.kind === 'mark') line += marks[piece.mark]
      else line += roles[piece.role]
    }
  }
  if (line === '') return ''
  const [open, close] = options.brackets === undefined ? ['（', '）'] : (options.brackets ?? ['', ''])
  return toChineseScript(`${open}${line}${close}`, options.script ?? 'simplified')
}

export type EditorLineLocale = 'zh-CN' | 'zh-TW' | 'zh-HK' | 'en'

function calendarDate(iso: string, timeZone: string): { year: number; month: number; day: number } | null {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return null
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date)
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value)
  return { year: part('year'), month: part('month'), day: part('day') }
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/**
 * `编辑：张三␣发布日期：2026年11月20日` (␣ = U+3000 ideographic space), or either half alone, or '' when
 * there is neither. The date is the calendar day in `timeZone` (Asia/Shanghai unless given), so a late-evening publication keeps its local date.
 */
export function formatEditorLine(
  metadata: Pick<ArticleMetadata, 'editor' | 'publishAt'>,
  locale: EditorLineLocale,
  options: { timeZone?: string } = {}
): string {
  const editor = metadata.editor.trim()
  const date = metadata.publishAt ? calendarDate(metadata.publishAt, options.timeZone ?? DEFAULT_TIME_ZONE) : null
  if (locale === 'en') {
    const parts = [
      editor !== '' ? `Editor: ${editor}` : '',
      date ? `Published: ${date.day} ${EN_MONTHS[date.month - 1] ?? ''} ${date.year}` : ''
    ]
    return parts.filter((part) => part !== '').join(' | ')
  }
  const parts = [editor !== '' ? `编辑：${editor}` : '', date ? `发布日期：${date.year}年${date.month}月${date.day}日` : '']
  const line = parts.filter((part) => part !== '').join('\u3000')
  if (locale === 'zh-TW') return toChineseScript(line, 'traditional-tw')
  if (locale === 'zh-HK') return toChineseScript(line, 'traditional-hk')
  return line
}
