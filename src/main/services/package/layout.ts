import { z } from 'zod'
import { ASSET_ID_PATTERN } from '../../../shared/article/schema'
import { DraftIdSchema, TITLE_MAX } from '../../../shared/model/draft'
import { NAME_MAX } from '../../../shared/model/metadata'
import { HistoryVersionIdSchema } from '../../../shared/model/workflow'
import { AUDIT_FILE } from '../history/auditLog'
import { HISTORY_FOLDER } from '../history/historyStore'

/**
 * What a `.newsroom` package may hold: exactly the files of a draft folder the app itself writes, plus
 * the manifest. Anything else in a package is refused on import and left out on export.
 *
 *   manifest.json                 format, versions, and every other file with its size and SHA-256
 *   draft.json                    the draft (DraftSchema), its sign-offs included
 *   assets/sha256-<hex>.<ext>     pictures, named by the hash of their bytes
 *   audit.jsonl                   the audit log (AuditEntrySchema, one per line)
 *   history/<versionId>.json      earlier versions (HistoryVersionSchema)
 */

export const PACKAGE_FORMAT = 'campus-newsroom-draft'
/** 2: drafts of schema version 2 (the office's chain, signed sign-offs); version 1 packages are read and migrated. */
export const PACKAGE_FORMAT_VERSION = 2
export const PACKAGE_EXTENSION = '.newsroom'
export const MANIFEST_FILE = 'manifest.json'
export const DRAFT_ENTRY = 'draft.json'

export type EntryKind = 'manifest' | 'draft' | 'asset' | 'audit' | 'history'

/** Top-level files besides the manifest and draft.json that the workflow keeps in a draft folder. */
export const WORKFLOW_FILES: Readonly<Record<string, EntryKind>> = {
  [AUDIT_FILE]: 'audit'
}

/** Folders a package may hold, each with the only names allowed in it. */
export const PACKAGE_FOLDERS: Readonly<Record<string, { kind: EntryKind; accepts(name: string): boolean }>> = {
  assets: { kind: 'asset', accepts: (name) => ASSET_ID_PATTERN.test(name) },
  [HISTORY_FOLDER]: { kind: 'history', accepts: (name) => name.endsWith('.json') && HistoryVersionIdSchema.safeParse(name.slice(0, -'.json'.length)).success }
}

/** The kind of a file in the package layout, or null when the layout has no place for it. */
export function entryKind(path: string): EntryKind | null {
  if (path === MANIFEST_FILE) return 'manifest'
  if (path === DRAFT_ENTRY) return 'draft'
  const top = WORKFLOW_FILES[path]
  if (top) return top
  const slash = path.indexOf('/')
  if (slash === -1) return null
  const folder = PACKAGE_FOLDERS[path.slice(0, slash)]
  const name = path.slice(slash + 1)
  return folder?.accepts(name) ? folder.kind : null
}

export function isPackageFolder(path: string): boolean {
  return Object.hasOwn(PACKAGE_FOLDERS, path.replace(/\/$/, ''))
}

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256')

export const PackageFileSchema = z.object({ path: z.string().max(300), size: z.number().int().nonnegative(), sha256: Sha256Schema })
export type PackageFile = z.infer<typeof PackageFileSchema>

export const PackageManifestSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.union([z.literal(1), z.literal(PACKAGE_FORMAT_VERSION)]),
  appVersion: z.string().max(60),
  draftId: DraftIdSchema,
  title: z.string().max(TITLE_MAX),
  draftUpdatedAt: z.iso.datetime({ offset: true }),
  exportedAt: z.iso.datetime({ offset: true }),
  /** settings.userName of whoever exported it; '' when unset. */
  exportedBy: z.string().max(NAME_MAX).default(''),
  files: z.array(PackageFileSchema)
})
export type PackageManifest = z.output<typeof PackageManifestSchema>
