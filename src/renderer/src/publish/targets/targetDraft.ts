// Relative, not @shared: this module is unit-tested under Vitest, which has no @shared alias.
import {
  CMS_ARTICLE_FIELDS,
  PublishTargetSchema,
  type CmsArticleField,
  type PublishTarget,
  type PublishTargetId,
  type WordPressRouteStyle
} from '../../../../shared/model/publish'

export const TARGET_KINDS = ['local', 'wordpress', 'cms', 'manual'] as const satisfies readonly PublishTarget['kind'][]
export type TargetKind = (typeof TARGET_KINDS)[number]
export const ROUTE_STYLES = ['auto', 'wp-json', 'rest_route'] as const satisfies readonly WordPressRouteStyle[]
export const DEFAULT_STATUSES = ['publish', 'pending', 'draft'] as const
export type DefaultStatus = (typeof DEFAULT_STATUSES)[number]

export type CategoryRow = { column: string; categoryId: string }
export type FieldRow = { ours: CmsArticleField | ''; theirs: string }

/**
 * What the target form holds while the person types: every kind's fields at once, so switching the kind of a
 * new target loses nothing, and the rows as typed (strings), so a half-typed number is not thrown away.
 */
export type TargetDraft = {
  id: PublishTargetId
  isNew: boolean
  kind: TargetKind
  name: string
  /** Shown only: main keeps the folder itself (see folderGrant). */
  folder: string
  /** The single-use id publish:chooseFolder gave for a newly chosen folder; null keeps the saved one. */
  folderGrant: string | null
  baseUrl: string
  /** Further host names of the same site, as typed (separated by spaces, commas or new lines). */
  siteHosts: string
  username: string
  /** Typed in this form only; empty means "keep what is stored". Never filled from the main process. */
  secret: string
  routeStyle: WordPressRouteStyle
  defaultStatus: DefaultStatus
  allowCreateCategory: boolean
  categoryRows: CategoryRow[]
  fieldRows: FieldRow[]
  /** 网站后台（手动）: the back end's address, opened for the person only (the news site is baseUrl). */
  backEndUrl: string
}

/** A field of the form that can carry a message; rows are addressed as `categoryRows.<index>` / `fieldRows.<index>`. */
export type DraftField = 'name' | 'folder' | 'baseUrl' | 'backEndUrl' | 'siteHosts' | 'username' | 'secret' | `categoryRows.${number}` | `fieldRows.${number}`

/** The i18n key (under publishTargets.invalid) for each problem. */
export type DraftProblem =
  | 'name'
  | 'folder'
  | 'baseUrl'
  | 'siteHosts'
  | 'username'
  | 'secretRequired'
  | 'categoryColumn'
  | 'categoryId'
  | 'categoryDuplicate'
  | 'fieldOurs'
  | 'fieldTheirs'
  | 'fieldDuplicate'
  | 'other'

export type DraftErrors = Partial<Record<DraftField, DraftProblem>>

/** Folder- and key-safe (PublishTargetIdSchema): the kind and a short random suffix, unique among `taken`. */
export function newTargetId(kind: TargetKind, taken: readonly string[], random: () => number = Math.random): PublishTargetId {
  for (;;) {
    const id = `${kind}-${Math.floor(random() * 0x1000000)
      .toString(16)
      .padStart(6, '0')}`
    if (!taken.includes(id)) return id
  }
}

export function blankDraft(kind: TargetKind, taken: readonly string[]): TargetDraft {
  const id = newTargetId(kind, taken)
  return {
    id,
    isNew: true,
    kind,
    name: '',
    folder: '',
    folderGrant: null,
    baseUrl: '',
    siteHosts: '',
    username: '',
    secret: '',
    routeStyle: 'auto',
    defaultStatus: 'publish',
    allowCreateCategory: false,
    categoryRows: [],
    fieldRows: [],
    backEndUrl: ''
  }
}

/** A new target's id follows its kind until it is saved, so a WordPress target is not called `local-…`. */
export function withKind(draft: TargetDraft, kind: TargetKind, taken: readonly string[]): TargetDraft {
  if (!draft.isNew || draft.kind === kind) return draft
  const id = newTargetId(kind, taken)
  return { ...draft, kind, id }
}

export function draftOf(target: PublishTarget): TargetDraft {
  const base = { ...blankDraft(target.kind, []), id: target.id, isNew: false, name: target.name }
  switch (target.kind) {
    case 'local':
      return { ...base, folder: target.folder }
    case 'wordpress':
      return {
        ...base,
        baseUrl: target.baseUrl,
        siteHosts: target.siteHosts.join(' '),
        username: target.username,
        routeStyle: target.routeStyle,
        defaultStatus: target.defaultStatus,
        allowCreateCategory: target.allowCreateCategory,
        categoryRows: Object.entries(target.categoryMap).map(([column, categoryId]) => ({ column, categoryId: String(categoryId) }))
      }
    case 'manual':
      return { ...base, baseUrl: target.baseUrl, siteHosts: target.siteHosts.join(' '), backEndUrl: target.backEndUrl }
    case 'cms':
      return {
        ...base,
        baseUrl: target.baseUrl,
        siteHosts: target.siteHosts.join(' '),
        fieldRows: CMS_ARTICLE_FIELDS.flatMap((ours) => {
          const theirs = target.fieldMapping[ours]
          return theirs === undefined ? [] : [{ ours, theirs }]
        })
      }
  }
}

const isBlankRow = (row: CategoryRow | FieldRow) => Object.values(row).every((value) => value.trim() === '')

/**
 * Checks the draft with the target schema the main process uses and says, per field, what is wrong; on success
 * gives the target to save. Blank rows are ignored; a stored secret may stay untyped, a new one may not.
 */
export function checkDraft(draft: TargetDraft, hasStoredSecret: boolean): { ok: true; target: PublishTarget } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {}
  const categoryMap: Record<string, number> = {}
  const categoryRowOf = new Map<string, number>()
  draft.categoryRows.forEach((row, index) => {
    if (isBlankRow(row)) return
    const column = row.column.trim()
    const id = row.categoryId.trim()
    if (column === '') errors[`categoryRows.${index}`] = 'categoryColumn'
    else if (!/^\d+$/.test(id) || Number(id) < 1 || !Number.isSafeInteger(Number(id))) errors[`categoryRows.${index}`] = 'categoryId'
    else if (categoryRowOf.has(column)) errors[`categoryRows.${index}`] = 'categoryDuplicate'
    else {
      categoryRowOf.set(column, index)
      categoryMap[column] = Number(id)
    }
  })
  const fieldMapping: Partial<Record<CmsArticleField, string>> = {}
  const fieldRowOf = new Map<string, number>()
  draft.fieldRows.forEach((row, index) => {
    if (isBlankRow(row)) return
    if (row.ours === '') errors[`fieldRows.${index}`] = 'fieldOurs'
    else if (fieldRowOf.has(row.ours)) errors[`fieldRows.${index}`] = 'fieldDuplicate'
    else {
      fieldRowOf.set(row.ours, index)
      fieldMapping[row.ours] = row.theirs.trim()
    }
  })

  const common = { id: draft.id, name: draft.name }
  const siteHosts = draft.siteHosts.split(/[\s,，、]+/).filter((host) => host !== '')
  const input =
    draft.kind === 'local'
      ? { ...common, kind: draft.kind, folder: draft.folder.trim() }
      : draft.kind === 'wordpress'
        ? {
            ...common,
            kind: draft.kind,
            baseUrl: draft.baseUrl.trim(),
            username: draft.username,
            siteHosts,
            routeStyle: draft.routeStyle,
            categoryMap,
            allowCreateCategory: draft.allowCreateCategory,
            defaultStatus: draft.defaultStatus
          }
        : draft.kind === 'manual'
          ? { ...common, kind: draft.kind, baseUrl: draft.baseUrl.trim(), siteHosts, backEndUrl: draft.backEndUrl.trim() }
          : { ...common, kind: draft.kind, baseUrl: draft.baseUrl.trim(), siteHosts, fieldMapping }
  const parsed = PublishTargetSchema.safeParse(input)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, key] = issue.path
      if (head === 'name' || head === 'folder' || head === 'baseUrl' || head === 'siteHosts' || head === 'username') errors[head] ??= head
      else if (head === 'backEndUrl') errors.backEndUrl ??= 'baseUrl'
      else if (head === 'categoryMap' && typeof key === 'string' && categoryRowOf.has(key)) errors[`categoryRows.${categoryRowOf.get(key) ?? 0}`] ??= 'categoryId'
      else if (head === 'fieldMapping' && typeof key === 'string' && fieldRowOf.has(key)) errors[`fieldRows.${fieldRowOf.get(key) ?? 0}`] ??= 'fieldTheirs'
      // The id comes from us, not from the person: still never saved silently wrong.
      else errors.name ??= 'other'
    }
  }
  if ((draft.kind === 'wordpress' || draft.kind === 'cms') && !hasStoredSecret && draft.secret === '') errors.secret = 'secretRequired'
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors }
  return { ok: true, target: parsed.data }
}

function originOf(url: string): string | null {
  try {
    return new URL(url.trim()).origin
  } catch {
    return null
  }
}

/**
 * Whether the stored password still applies after this edit. Main keeps a secret only for the kind, site
 * (origin) and user name it was given for, so changing any of them asks for it again.
 */
export function keepsStoredSecret(saved: PublishTarget | undefined, draft: TargetDraft): boolean {
  if (saved === undefined || saved.kind === 'local' || saved.kind === 'manual' || saved.kind !== draft.kind) return false
  if (originOf(saved.baseUrl) !== originOf(draft.baseUrl)) return false
  return saved.kind !== 'wordpress' || saved.username === draft.username.trim()
}

/** The choice SecretKeepingChoice offers where a stored password cannot be properly protected. */
export type SecretKeepingChoiceValue = { keeping: 'session' | 'weak'; confirmed: boolean }

/** What main is asked to do with the typed secret. */
export function secretStorageOf(protection: 'strong' | 'weak' | 'none', choice: SecretKeepingChoiceValue): 'system' | 'session' | 'weak' {
  if (protection === 'strong') return 'system'
  return protection === 'weak' && choice.keeping === 'weak' && choice.confirmed ? 'weak' : 'session'
}
