// Relative, not @shared: these helpers are unit-tested under Vitest, which has no @shared alias.
import { OwnDomainSchema, VARIANT_MAX, type CheckSettings } from '../../../shared/checks/settings'

/** A textarea's lines turned into values, with the lines that could not be read (1-based, as shown). */
export type ParsedLines<T> = { value: T; bad: number[] }

const lines = (text: string) => text.split(/\r?\n/).map((line) => line.trim())

/** One domain a line; a pasted address (https://news.example.edu.cn/a) is taken for its host name. */
export function parseDomains(text: string): ParsedLines<string[]> {
  const value: string[] = []
  const bad: number[] = []
  lines(text).forEach((line, i) => {
    if (line === '') return
    const host = line.replace(/^[a-z]+:\/\//i, '').replace(/[/:?#].*$/, '')
    const parsed = OwnDomainSchema.safeParse(host)
    if (!parsed.success) bad.push(i + 1)
    else if (!value.includes(parsed.data)) value.push(parsed.data)
  })
  return { value, bad }
}

export const domainsText = (domains: readonly string[]) => domains.join('\n')

/** One preference a line, "variant=preferred" (→, ＝ and a space also separate): 着=著 prefers 著 over 着. */
export function parseVariants(text: string): ParsedLines<Record<string, string>> {
  const value: Record<string, string> = {}
  const bad: number[] = []
  lines(text).forEach((line, i) => {
    if (line === '') return
    const parts = line.split(/\s*(?:=|＝|→|->|\s)\s*/).filter(Boolean)
    const [variant, preferred] = parts
    if (parts.length !== 2 || !variant || !preferred || variant === preferred || [...variant].length > VARIANT_MAX || [...preferred].length > VARIANT_MAX) bad.push(i + 1)
    else value[variant] = preferred
  })
  return { value, bad }
}

export const variantsText = (variants: CheckSettings['variants']) =>
  Object.entries(variants)
    .map(([variant, preferred]) => `${variant}=${preferred}`)
    .join('\n')

/** A number field that may be left empty for "no limit"; undefined when what was typed is not a whole number. */
export function parseOptionalLimit(text: string, min: number, max: number): number | null | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return null
  if (!/^\d+$/.test(trimmed)) return undefined
  const value = Number(trimmed)
  return value >= min && value <= max ? value : undefined
}
