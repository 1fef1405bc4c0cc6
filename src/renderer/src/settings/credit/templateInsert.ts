/** The parts a person can insert into the credit-line template, each a whole segment: name and role word. */
export const CREDIT_INSERTS = {
  source: '[{source}{role.authors}{photosByAuthors}]',
  authors: '[{authors}{role.authors}]',
  photographers: '[{photographers}{role.photographers}]',
  proofreader: '[{proofreader}{role.proofreader}]',
  reviewer: '[{reviewer}{role.reviewer}]',
  editor: '[{editor}{role.editor}]'
} as const
export type CreditInsert = keyof typeof CREDIT_INSERTS

/** What goes between two segments when one is inserted right after another. */
const SEPARATOR = '；'

/**
 * The template with `snippet` put in place of the selection. Right after a segment (`]`) a separator is
 * put first and right before one after, so the result stays a valid template. The caret lands after the
 * insert, or inside an empty `[]`.
 */
export function insertIntoTemplate(template: string, start: number, end: number, snippet: string): { template: string; caret: number } {
  const from = Math.max(0, Math.min(start, end, template.length))
  const to = Math.min(template.length, Math.max(start, end, from))
  const before = template.slice(0, from)
  const after = template.slice(to)
  const lead = /\]\s*$/.test(before) ? SEPARATOR : ''
  const trail = /^\s*\[/.test(after) ? SEPARATOR : ''
  const inserted = `${lead}${snippet}${trail}`
  const caret = snippet === '[]' ? before.length + lead.length + 1 : before.length + lead.length + snippet.length
  return { template: `${before}${inserted}${after}`, caret }
}
