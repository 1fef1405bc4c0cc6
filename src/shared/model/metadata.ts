import { z } from 'zod'
import { AssetIdSchema } from '../article/schema'
import { COLUMN_MAX, DEPARTMENT_MAX, NAME_MAX, TITLE_MAX } from './limits'

export { DEPARTMENT_MAX, NAME_MAX }
export const NAMES_MAX = 30
export const SUMMARY_MAX = 500
export const TAG_MAX = 40
export const TAGS_MAX = 30

const line = (max: number) => z.string().trim().max(max).default('')

/** Trimmed, blanks removed, each person once (first spelling wins). */
const NameListSchema = z
  .array(z.string().trim().max(NAME_MAX))
  .max(NAMES_MAX)
  .default([])
  .transform((names) => uniqueNames(names))

/**
 * Everything about an article besides its body: what the masthead, the editor line and the credit line
 * (`（双高办 张三供稿/图；李四校对；王五审核）`) are made of, and what publishing sends along.
 */
export const ArticleMetadataSchema = z.object({
  /** 栏目, e.g. 校园动态. */
  column: line(COLUMN_MAX),
  title: line(TITLE_MAX),
  subtitle: line(TITLE_MAX),
  /** 供稿单位, e.g. 双高办. */
  sourceDepartment: line(DEPARTMENT_MAX),
  /** 编辑. */
  editor: line(NAME_MAX),
  /** 供稿 (writers). */
  authors: NameListSchema,
  /** 摄影. */
  photographers: NameListSchema,
  /** 校对. */
  proofreader: line(NAME_MAX),
  /** 审核. */
  reviewer: line(NAME_MAX),
  publishAt: z.iso.datetime({ offset: true }).nullable().default(null),
  summary: line(SUMMARY_MAX),
  tags: z
    .array(z.string().trim().max(TAG_MAX))
    .max(TAGS_MAX)
    .default([])
    .transform((tags) => uniqueNames(tags)),
  coverAssetId: AssetIdSchema.nullable().default(null)
})
export type ArticleMetadata = z.output<typeof ArticleMetadataSchema>
export type ArticleMetadataInput = z.input<typeof ArticleMetadataSchema>

export function emptyMetadata(): ArticleMetadata {
  return ArticleMetadataSchema.parse({})
}

export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of names) {
    const name = raw.trim()
    if (name === '' || seen.has(name)) continue
    seen.add(name)
    out.push(name)
  }
  return out
}

/**
 * Splits what a person typed into one field ("张三、李四，王五") into names. Spaces do not separate:
 * "John Smith" is one person.
 */
export function parseNameList(text: string): string[] {
  return uniqueNames(text.split(/[、,，;；/／|\n]+/))
}
