import { createHash, randomBytes } from 'node:crypto'
import { dirname, join, resolve, sep } from 'node:path'
import { zipSync, type Zippable } from 'fflate'
import { AppError, fsErrorCode } from '../../../shared/errors'
import { DraftIdSchema, TITLE_MAX, type Draft, type DraftId } from '../../../shared/model/draft'
import { AuditEntrySchema, HistoryVersionSchema } from '../../../shared/model/workflow'
import { atomicWriteFile, isTempFile, syncFolder } from '../fs/atomicWrite'
import { nodeServiceFs, type ServiceFs } from '../fs/serviceFs'
import { sniffImage } from '../assets/assetStore'
import { parseDraftFile, type DraftStore } from '../drafts/draftStore'
import type { Clock } from '../clock'
import {
  DRAFT_ENTRY,
  MANIFEST_FILE,
  PACKAGE_FOLDERS,
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  PackageManifestSchema,
  WORKFLOW_FILES,
  entryKind,
  isPackageFolder,
  type EntryKind,
  type PackageFile,
  type PackageManifest
} from './layout'
import { checkEntryName, extractEntry, locateEntryData, readCentralDirectory, refuse } from './zipReader'

export type PackageLimits = {
  maxEntries: number
  maxAssetBytes: number
  maxJsonBytes: number
  /** All files together, inflated. */
  maxTotalBytes: number
}

export const DEFAULT_PACKAGE_LIMITS: PackageLimits = {
  maxEntries: 2000,
  maxAssetBytes: 100 * 1024 * 1024,
  maxJsonBytes: 10 * 1024 * 1024,
  maxTotalBytes: 500 * 1024 * 1024
}

/** What an import meets when the package's draft is already here. */
export type PackageConflict = {
  draftId: DraftId
  existingTitle: string
  existingUpdatedAt: string
  existingRevision: number
  packageTitle: string
  packageUpdatedAt: string
  packageRevision: number
}

export type ConflictChoice = 'keep-both' | 'replace'

export type ImportOutcome =
  | { kind: 'conflict'; conflict: PackageConflict }
  | { kind: 'imported'; draftId: DraftId; title: string; replaced: boolean; keptBoth: boolean }

/** `skipped`: files of the draft folder left out because they are damaged (a history version that does not load). */
export type ExportOutcome = { path: string; files: number; bytes: number; skipped: string[] }

/** A package that passed every check, held in memory; nothing of it is on disk yet. */
export type ValidatedPackage = {
  manifest: PackageManifest
  draft: Draft
  /** Every file but the manifest, by its path in the package. */
  files: Map<string, Uint8Array>
}

export type PackageAuditAction = 'package-export' | 'import' | 'trash'

export type PackageServiceOptions = {
  drafts(): DraftStore
  clock: Clock
  appVersion: string
  /** Who is exporting (settings.userName), written into the manifest. */
  userName?: () => string
  fs?: ServiceFs
  newId?: () => DraftId
  /** Whether a package's draft id is one this app would have made (isAppDraftId); others are replaced on import. */
  isOwnId?: (id: string) => boolean
  limits?: Partial<PackageLimits>
  /** Writes what the workflow still holds in memory (coalesced log entries) before a draft folder is packed or replaced. */
  flushWorkflow?: (draftId: DraftId) => Promise<void>
  /** Writes the export or import into the draft's audit log; a failure there does not undo the package. */
  audit?: (draftId: DraftId, action: PackageAuditAction, details: Record<string, unknown>) => Promise<void>
  /**
   * The draft as this desk takes it in (the workflow's adoptImported): its sign-offs are records from
   * elsewhere, counted only when their signatures verify here, and its status follows from that.
   */
  adoptImported?: (draft: Draft) => Promise<Draft>
}

export type PackageService = {
  exportDraft(draftId: DraftId, target: string): Promise<ExportOutcome>
  /** Reads and checks a package file completely; writes nothing. Refusals are AppErrors ('package-invalid' …). */
  read(path: string): Promise<ValidatedPackage>
  /**
   * Imports a package as a draft. When a draft with its id exists and no choice is given, answers the
   * conflict and writes nothing.
   */
  importPackage(path: string, options?: { onConflict?: ConflictChoice | undefined; language?: 'zh-CN' | 'en' }): Promise<ImportOutcome>
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

function decodeUtf8(path: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return refuse(`${path} is not UTF-8 text`)
  }
}

function parseJson(path: string, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decodeUtf8(path, bytes))
  } catch (error) {
    if (error instanceof AppError) throw error
    return refuse(`${path} is not valid JSON: ${(error as Error).message}`)
  }
}

function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ')
}

function checkManifest(json: unknown): PackageManifest {
  const head = json as { format?: unknown; formatVersion?: unknown } | null
  if (typeof head !== 'object' || head === null || head.format !== PACKAGE_FORMAT) refuse(`${MANIFEST_FILE} does not describe a draft package`)
  if (typeof head.formatVersion === 'number' && head.formatVersion > PACKAGE_FORMAT_VERSION) {
    throw new AppError('package-too-new', `the package has format ${head.formatVersion}; this version of the app reads format ${PACKAGE_FORMAT_VERSION}`)
  }
  const parsed = PackageManifestSchema.safeParse(json)
  if (!parsed.success) refuse(`${MANIFEST_FILE} is not valid: ${issuesOf(parsed.error)}`)
  return parsed.data
}

/** The checks that depend on what a file is: pictures are what their name says, JSON parses and fits its schema. */
function checkContent(path: string, kind: EntryKind, bytes: Uint8Array): void {
  switch (kind) {
    case 'asset': {
      const name = path.slice(path.indexOf('/') + 1)
      if (`sha256-${sha256(bytes)}` !== name.slice(0, name.lastIndexOf('.'))) refuse(`${path} does not hold the picture its name promises (hash differs)`)
      const ext = name.slice(name.lastIndexOf('.') + 1).replace('jpeg', 'jpg')
      if (sniffImage(bytes)?.ext !== ext) refuse(`${path} is not a ${ext.toUpperCase()} picture`)
      return
    }
    case 'history': {
      const parsed = HistoryVersionSchema.safeParse(parseJson(path, bytes))
      if (!parsed.success) refuse(`${path} is not a valid history version: ${issuesOf(parsed.error)}`)
      return
    }
    case 'audit': {
      const lines = decodeUtf8(path, bytes).split('\n')
      lines.forEach((line, i) => {
        if (line.trim() === '') return
        let json: unknown
        try {
          json = JSON.parse(line)
        } catch (error) {
          refuse(`${path} line ${i + 1} is not valid JSON: ${(error as Error).message}`)
        }
        const parsed = AuditEntrySchema.safeParse(json)
        if (!parsed.success) refuse(`${path} line ${i + 1} is not a valid log entry: ${issuesOf(parsed.error)}`)
      })
      return
    }
    case 'manifest':
    case 'draft':
      return
  }
}

function decodeLenient(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes)
}

function isAuditLine(line: string): boolean {
  try {
    return AuditEntrySchema.safeParse(JSON.parse(line)).success
  } catch {
    return false
  }
}

function writeError(error: unknown, doing: string): AppError {
  if (error instanceof AppError) return error
  return new AppError(fsErrorCode(error), `${doing}: ${(error as Error)?.message ?? String(error)}`, { cause: error })
}

/**
 * The shape of the ids this app makes (time in base 36, a dash, ten random hex digits). A package is a file
 * from anywhere: an id of another shape (`documents`, `site`) is chosen by whoever made it, so it never
 * becomes a folder name here.
 */
export function isAppDraftId(id: string): boolean {
  return /^[0-9a-z]{6,12}-[0-9a-f]{10}$/.test(id)
}

function defaultNewId(clock: Clock): DraftId {
  return `${clock.now().getTime().toString(36)}-${randomBytes(5).toString('hex')}`
}

const STAGING_PREFIX = '.import-'

const COPY_SUFFIX = { 'zh-CN': '（导入副本）', en: ' (imported copy)' } as const

export function createPackageService(options: PackageServiceOptions): PackageService {
  const fs = options.fs ?? nodeServiceFs
  const limits: PackageLimits = { ...DEFAULT_PACKAGE_LIMITS, ...options.limits }
  const newId = options.newId ?? (() => defaultNewId(options.clock))
  const maxPackageBytes = limits.maxTotalBytes + 16 * 1024 * 1024
  let queue: Promise<unknown> = Promise.resolve()

  /** Exports and imports run one at a time: two imports of one package must not race for its folder. */
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task)
    queue = run.catch(() => undefined)
    return run
  }

  const capFor = (kind: EntryKind) => (kind === 'asset' ? limits.maxAssetBytes : limits.maxJsonBytes)

  async function recordAudit(draftId: DraftId, action: PackageAuditAction, details: Record<string, unknown>): Promise<void> {
    await options.audit?.(draftId, action, details).catch((error: unknown) => console.warn(`could not log ${action} of ${draftId}`, error))
  }

  async function readPackageFile(path: string): Promise<Uint8Array> {
    try {
      const info = await fs.stat(path)
      if (!info.isFile()) throw new AppError('unsupported-file', `${path} is not a file`)
      if (info.size > maxPackageBytes) refuse(`the package has ${info.size} bytes; at most ${maxPackageBytes} are allowed`)
      return await fs.readFile(path)
    } catch (error) {
      throw writeError(error, `cannot read ${path}`)
    }
  }

  function validate(zip: Uint8Array): ValidatedPackage {
    const entries = readCentralDirectory(zip, limits.maxEntries)
    const names = new Set<string>()
    const kinds = new Map<string, EntryKind>()
    let declaredTotal = 0
    for (const entry of entries) {
      checkEntryName(entry)
      if (names.has(entry.name)) refuse(`entry ${entry.name} appears twice`)
      names.add(entry.name)
      if (entry.isDirectory) {
        if (!isPackageFolder(entry.name)) refuse(`folder ${entry.name} is not part of a draft package`)
        if (entry.declaredSize !== 0) refuse(`folder ${entry.name} declares content`)
        continue
      }
      const kind = entryKind(entry.name)
      if (!kind) refuse(`unexpected file ${entry.name} in the package`)
      kinds.set(entry.name, kind)
      if (entry.declaredSize > capFor(kind)) refuse(`entry ${entry.name} declares ${entry.declaredSize} bytes; at most ${capFor(kind)} are allowed`)
      declaredTotal += entry.declaredSize
      if (declaredTotal > limits.maxTotalBytes) refuse(`the package's files add up to more than ${limits.maxTotalBytes} bytes`)
    }
    if (!kinds.has(MANIFEST_FILE)) refuse(`the package has no ${MANIFEST_FILE}`)
    if (!kinds.has(DRAFT_ENTRY)) refuse(`the package has no ${DRAFT_ENTRY}`)

    const data = locateEntryData(zip, entries)
    const files = new Map<string, Uint8Array>()
    let manifestBytes: Uint8Array | null = null
    for (const entry of entries) {
      if (entry.isDirectory) continue
      const compressed = data.get(entry)
      if (!compressed) refuse(`entry ${entry.name} has no data`)
      const bytes = extractEntry(entry, compressed)
      if (entry.name === MANIFEST_FILE) manifestBytes = bytes
      else files.set(entry.name, bytes)
    }
    if (!manifestBytes) refuse(`the package has no ${MANIFEST_FILE}`)
    const manifest = checkManifest(parseJson(MANIFEST_FILE, manifestBytes))

    const listed = new Map<string, PackageFile>()
    for (const file of manifest.files) {
      if (listed.has(file.path)) refuse(`${MANIFEST_FILE} lists ${file.path} twice`)
      listed.set(file.path, file)
      if (!files.has(file.path)) refuse(`${MANIFEST_FILE} lists ${file.path}, which the package does not hold`)
    }
    for (const [path, bytes] of files) {
      const file = listed.get(path)
      if (!file) refuse(`${path} is in the package but not in its ${MANIFEST_FILE}`)
      if (file.size !== bytes.length || file.sha256 !== sha256(bytes)) refuse(`${path} does not match its ${MANIFEST_FILE} (size or SHA-256 differs)`)
      checkContent(path, kinds.get(path) ?? refuse(`unexpected file ${path}`), bytes)
    }

    const draftBytes = files.get(DRAFT_ENTRY) ?? refuse(`the package has no ${DRAFT_ENTRY}`)
    const loaded = parseDraftFile(Buffer.from(draftBytes.buffer, draftBytes.byteOffset, draftBytes.byteLength))
    if (!loaded.ok) refuse(`${DRAFT_ENTRY} is not a valid draft (${loaded.reason}): ${loaded.detail}`)
    if (loaded.draft.id !== manifest.draftId) refuse(`${DRAFT_ENTRY} is draft ${loaded.draft.id} but the manifest says ${manifest.draftId}`)
    return { manifest, draft: loaded.draft, files }
  }

  async function read(path: string): Promise<ValidatedPackage> {
    return validate(await readPackageFile(path))
  }

  /**
   * The files of a draft folder that belong in a package, by package path. Temp files and strays stay
   * behind; so do lines of the log torn by a crash and damaged history versions (listed in `skipped`), so
   * the package is one this app accepts.
   */
  async function draftFolderFiles(folder: string): Promise<{ files: Map<string, Uint8Array>; skipped: string[] }> {
    const files = new Map<string, Uint8Array>()
    const skipped: string[] = []
    const isFile = (path: string) => fs.stat(path).then((s) => s.isFile(), () => false)
    const take = (path: string, bytes: Uint8Array) => {
      const kind = entryKind(path)
      if (kind === 'audit') {
        const kept = decodeLenient(bytes)
          .split('\n')
          .filter((line) => line.trim() !== '' && isAuditLine(line))
        if (kept.length > 0) files.set(path, new TextEncoder().encode(kept.map((line) => `${line}\n`).join('')))
        return
      }
      try {
        if (kind) checkContent(path, kind, bytes)
        files.set(path, bytes)
      } catch {
        skipped.push(path)
      }
    }
    for (const name of await fs.readdir(folder)) {
      if (isTempFile(name) || name === DRAFT_ENTRY) continue
      if (Object.hasOwn(WORKFLOW_FILES, name) && (await isFile(join(folder, name)))) {
        take(name, await fs.readFile(join(folder, name)))
      } else if (Object.hasOwn(PACKAGE_FOLDERS, name)) {
        const inside = await fs.readdir(join(folder, name)).catch(() => [] as string[])
        for (const child of inside) {
          const path = `${name}/${child}`
          if (isTempFile(child) || entryKind(path) === null || !(await isFile(join(folder, name, child)))) continue
          take(path, await fs.readFile(join(folder, name, child)))
        }
      }
    }
    return { files, skipped }
  }

  async function exportDraft(draftId: DraftId, target: string): Promise<ExportOutcome> {
    const store = options.drafts()
    await options.flushWorkflow?.(draftId).catch(() => undefined)
    const draft = await store.open(draftId)
    const folder = dirname(store.assetsFolder(draftId))
    const { files, skipped } = await draftFolderFiles(folder).catch((error: unknown) => {
      throw writeError(error, `cannot read draft ${draftId}`)
    })
    files.set(DRAFT_ENTRY, new TextEncoder().encode(JSON.stringify(draft)))
    let total = 0
    for (const [path, bytes] of files) {
      const kind = entryKind(path) ?? 'draft'
      // Never write a package this app would refuse to import.
      if (bytes.length > capFor(kind)) throw new AppError('file-too-large', `${path} has ${bytes.length} bytes; a package may hold ${capFor(kind)} per file`)
      total += bytes.length
    }
    if (total > limits.maxTotalBytes) throw new AppError('file-too-large', `the draft's files add up to ${total} bytes; a package may hold ${limits.maxTotalBytes}`)
    if (files.size + 1 > limits.maxEntries) throw new AppError('file-too-large', `the draft has ${files.size} files; a package may hold ${limits.maxEntries - 1}`)

    const sorted = [...files.keys()].sort()
    const manifest: PackageManifest = {
      format: PACKAGE_FORMAT,
      formatVersion: PACKAGE_FORMAT_VERSION,
      appVersion: options.appVersion,
      draftId,
      title: draft.title,
      draftUpdatedAt: draft.updatedAt,
      exportedAt: options.clock.now().toISOString(),
      exportedBy: options.userName?.() ?? '',
      files: sorted.map((path) => {
        const bytes = files.get(path) ?? new Uint8Array()
        return { path, size: bytes.length, sha256: sha256(bytes) }
      })
    }
    const zippable: Zippable = { [MANIFEST_FILE]: [new TextEncoder().encode(JSON.stringify(manifest, null, 1)), { level: 6 }] }
    // Pictures are compressed already: stored as they are, they cost no time and unpack without inflating.
    for (const path of sorted) zippable[path] = [files.get(path) ?? new Uint8Array(), { level: entryKind(path) === 'asset' ? 0 : 6 }]
    const zip = zipSync(zippable, { mtime: options.clock.now() })
    try {
      await atomicWriteFile(fs, target, zip)
    } catch (error) {
      throw writeError(error, `cannot write ${target}`)
    }
    await recordAudit(draftId, 'package-export', { file: target.split(/[\\/]/).pop() ?? target, files: files.size, bytes: zip.length })
    return { path: target, files: files.size, bytes: zip.length, skipped }
  }

  /**
   * Writes the package's files into a new hidden folder; nothing is written anywhere else. Not `.new-<id>`
   * like DraftStore.create: the store sweeps those away when it first touches the disk, which may happen in
   * the middle of an import (the replace moves a draft to the trash).
   */
  async function stage(draftsDir: string, draft: Draft, files: Map<string, Uint8Array>): Promise<string> {
    // Imports run one at a time, so any staging folder found now was left by a crash.
    for (const name of await fs.readdir(draftsDir)) {
      if (name.startsWith(STAGING_PREFIX)) await fs.rm(join(draftsDir, name), { recursive: true, force: true })
    }
    const staging = join(draftsDir, `${STAGING_PREFIX}${draft.id}`)
    const root = resolve(staging) + sep
    await fs.mkdir(staging)
    try {
      const folders = new Set<string>()
      for (const [path, original] of files) {
        const bytes = path === DRAFT_ENTRY ? new TextEncoder().encode(JSON.stringify(draft)) : original
        const target = join(staging, ...path.split('/'))
        // The names were checked already; this is the last guard before a byte is written.
        if (!resolve(target).startsWith(root)) refuse(`entry ${path} leaves the package folder`)
        const parent = dirname(target)
        if (parent !== staging && !folders.has(parent)) {
          await fs.mkdir(parent)
          folders.add(parent)
        }
        const handle = await fs.open(target, 'wx', 0o644)
        try {
          await handle.writeFile(bytes)
          await handle.sync()
        } finally {
          await handle.close()
        }
      }
      if (!folders.has(join(staging, 'assets'))) await fs.mkdir(join(staging, 'assets'))
      for (const folder of folders) await syncFolder(fs, folder)
      await syncFolder(fs, staging)
      return staging
    } catch (error) {
      await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined)
      throw error
    }
  }

  const exists = (path: string) => fs.stat(path).then(() => true, () => false)

  /** A trashed draft with the id we are about to use keeps its files under a fresh id, so both stay recoverable. */
  async function moveTrashedAside(trashDir: string, id: DraftId): Promise<void> {
    if (!(await exists(join(trashDir, id)))) return
    await fs.rename(join(trashDir, id), join(trashDir, newId()))
  }

  /** The draft already here under this id, read without side effects; null when there is none. */
  async function existingDraft(store: DraftStore, id: DraftId): Promise<Draft | null> {
    const folder = join(store.dataDir, 'drafts', id)
    if (!(await exists(folder))) return null
    const bytes = await fs.readFile(join(folder, DRAFT_ENTRY)).catch(() => null)
    const loaded = bytes ? parseDraftFile(bytes) : null
    if (loaded?.ok) return { ...loaded.draft, id }
    try {
      // Damaged: open() moves it to quarantine, keeping its files, and its place is free.
      return await store.open(id)
    } catch (error) {
      if (error instanceof AppError && (error.code === 'not-found' || error.code === 'draft-damaged')) return null
      throw error
    }
  }

  async function importPackage(path: string, choice: { onConflict?: ConflictChoice | undefined; language?: 'zh-CN' | 'en' } = {}): Promise<ImportOutcome> {
    const checked = await read(path)
    const foreignId = !(options.isOwnId ?? isAppDraftId)(checked.draft.id)
    const pkg = foreignId ? { ...checked, draft: { ...checked.draft, id: DraftIdSchema.parse(newId()) } } : checked
    const store = options.drafts()
    const draftsDir = join(store.dataDir, 'drafts')
    const trashDir = join(store.dataDir, 'trash')
    const existing = await existingDraft(store, pkg.draft.id)
    if (existing && !choice.onConflict) {
      return {
        kind: 'conflict',
        conflict: {
          draftId: existing.id,
          existingTitle: existing.title,
          existingUpdatedAt: existing.updatedAt,
          existingRevision: existing.revision,
          packageTitle: pkg.draft.title,
          packageUpdatedAt: pkg.draft.updatedAt,
          packageRevision: pkg.draft.revision
        }
      }
    }
    const keepBoth = existing !== null && choice.onConflict === 'keep-both'
    const replace = existing !== null && choice.onConflict === 'replace'
    let draft = pkg.draft
    if (keepBoth) {
      const suffix = COPY_SUFFIX[choice.language ?? 'zh-CN']
      draft = { ...draft, id: DraftIdSchema.parse(newId()), title: draft.title.slice(0, TITLE_MAX - suffix.length) + suffix }
    }
    if (options.adoptImported) draft = await options.adoptImported(draft)
    let staging: string | null = null
    try {
      await fs.mkdir(draftsDir, { recursive: true })
      staging = await stage(draftsDir, draft, pkg.files)
      await fs.mkdir(trashDir, { recursive: true })
      await moveTrashedAside(trashDir, draft.id)
      // The draft being replaced stays recoverable in the trash, its log saying why it went there.
      if (replace) {
        await options.flushWorkflow?.(draft.id).catch(() => undefined)
        await recordAudit(draft.id, 'trash', { replacedByPackage: path.split(/[\\/]/).pop() ?? path })
        await store.trash(draft.id)
      }
      await fs.rename(staging, join(draftsDir, draft.id))
      staging = null
      await syncFolder(fs, draftsDir)
    } catch (error) {
      if (staging) await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined)
      const code = (error as { code?: string }).code
      if (code === 'ENOTEMPTY' || code === 'EEXIST') {
        throw new AppError('internal', `draft ${draft.id} was written to while the package was imported; close it in the editor and import again`, { cause: error })
      }
      throw writeError(error, `cannot import the package as draft ${draft.id}`)
    }
    await recordAudit(draft.id, 'import', {
      file: path.split(/[\\/]/).pop() ?? path,
      exportedAt: pkg.manifest.exportedAt,
      exportedBy: pkg.manifest.exportedBy,
      ...(keepBoth ? { copyOf: pkg.draft.id } : {}),
      ...(foreignId ? { remappedFrom: pkg.manifest.draftId } : {}),
      replaced: replace
    })
    return { kind: 'imported', draftId: draft.id, title: draft.title, replaced: replace, keptBoth: keepBoth }
  }

  return {
    exportDraft: (draftId, target) => serial(() => exportDraft(draftId, target)),
    read,
    importPackage: (path, choice) => serial(() => importPackage(path, choice))
  }
}
