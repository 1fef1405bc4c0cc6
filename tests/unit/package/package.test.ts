import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { unzipSync } from 'fflate'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAssetStore } from '../../../src/main/services/assets/assetStore'
import { createDraftStore, type DraftStore } from '../../../src/main/services/drafts/draftStore'
import { createPackageService, type PackageService } from '../../../src/main/services/package/packageService'
import { AppError } from '../../../src/shared/errors'
import type { ArticleBody, Draft, DraftId } from '../../../src/shared/model/draft'
import { ArticleMetadataSchema } from '../../../src/shared/model/metadata'
import type { AuditEntryInput, HistoryVersion, SignOff } from '../../../src/shared/model/workflow'
import { defined, makeTempDir, sequentialIds, steppingClock } from '../../support/draftFixtures'
import { craftZip, zerosBomb, type CraftEntry } from './zipCraft'

const HISTORY_ID = '20261102T080000000Z-r1-signoff'
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const encode = (text: string) => new TextEncoder().encode(text)

/** Every path below `folder` (folders too) with the size of each file: what must not change after a refusal. */
async function tree(folder: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name)
    out.push(`${relative(folder, path)}${entry.isFile() ? ` ${(await stat(path)).size}` : '/'}`)
  }
  return out.sort()
}

type Setup = {
  root: string
  cleanup(): Promise<void>
  source: DraftStore
  sourcePackages: PackageService
  draft: Draft
  assetId: string
  /** The valid package as exported, and its files (manifest included). */
  packagePath: string
  files: Record<string, Uint8Array>
}

async function makeSetup(): Promise<Setup> {
  const { dir: root, cleanup } = await makeTempDir('newsroom-package-')
  const clock = steppingClock()
  const source = createDraftStore({ dataDir: join(root, 'source'), clock, newId: sequentialIds('src') })
  const assets = createAssetStore({ drafts: () => source })
  const sourcePackages = createPackageService({ drafts: () => source, clock, appVersion: '1.0.0-test', userName: () => '张编辑' })
  const created = await source.create()
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c00' } }).png().toBuffer()
  const { assetId } = await assets.importBytes(created.id, png, '开幕式.png')
  const body: ArticleBody = {
    root: {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', text: '今天上午，学校隆重举行秋季运动会。' }] },
        { type: 'image', assetId, caption: '开幕式现场', alt: '开幕式', credit: '赵六', width: 'full', align: 'center' }
      ]
    }
  }
  const metadata = ArticleMetadataSchema.parse({ sourceDepartment: '体育部', editor: '张编辑', authors: ['王小明'], photographers: ['赵六'] })
  await source.save(created.id, { title: '秋季运动会开幕', column: '校园动态', body, metadata })
  const signOff: SignOff = {
    id: 'so-1',
    action: 'sign',
    stepId: 'proofread',
    stepName: '校对',
    name: '李四',
    at: '2026-11-02T09:00:00.000Z',
    comment: '已校对，无误',
    from: 'awaiting:proofread',
    to: 'awaiting:review',
    revision: 1,
    contentHash: 'a'.repeat(64),
    withoutApproval: false,
    invalidatedAt: null,
    invalidatedRevision: null,
    versionId: HISTORY_ID,
    waivers: [],
    checks: null,
    signature: null,
    importedAt: null
  }
  await source.transact(created.id, (current, commit) => commit({ ...current, status: 'awaiting:review', signOffs: [signOff] }))
  const folder = join(root, 'source', 'drafts', created.id)
  const entries: AuditEntryInput[] = [
    { at: '2026-11-02T08:00:00.000Z', actor: '张编辑', action: 'create' },
    { at: '2026-11-02T09:00:00.000Z', actor: '李四', action: 'signoff', details: { signOffId: 'so-1' } }
  ]
  // The last line was torn by a crash: the package leaves it out rather than carry a broken log.
  await writeFile(join(folder, 'audit.jsonl'), `${entries.map((e) => JSON.stringify(e)).join('\n')}\n{"at":"2026-11-0`)
  const version: HistoryVersion = {
    id: HISTORY_ID,
    at: '2026-11-02T09:00:00.000Z',
    reason: 'signoff',
    revision: 1,
    actor: '李四',
    signOffId: 'so-1',
    content: { title: '秋季运动会开幕', column: '校园动态', body, metadata }
  }
  await mkdir(join(folder, 'history'))
  await writeFile(join(folder, 'history', `${HISTORY_ID}.json`), JSON.stringify(version))
  await writeFile(join(folder, 'draft.json.123.4.tmp'), 'half a save')
  await writeFile(join(folder, 'notes.txt'), 'not part of the draft')

  const packagePath = join(root, 'out', '秋季运动会开幕.newsroom')
  await mkdir(join(root, 'out'))
  await sourcePackages.exportDraft(created.id, packagePath)
  const files = unzipSync(await readFile(packagePath))
  return { root, cleanup, source, sourcePackages, draft: await source.open(created.id), assetId, packagePath, files }
}

/** A fresh library folder with its own services, as on the proofreader's computer. */
function library(root: string, name: string): { dataDir: string; store: DraftStore; packages: PackageService } {
  const dataDir = join(root, name)
  const clock = steppingClock('2026-11-05T08:00:00.000Z')
  const store = createDraftStore({ dataDir, clock, newId: sequentialIds(name) })
  // The fixtures' readable ids (src-0001) stand for the app's own here; foreign ids are tested in tests/unit/security.
  const packages = createPackageService({ drafts: () => store, clock, appVersion: '1.0.0-test', newId: sequentialIds(`${name}-copy`), isOwnId: (id) => /^[a-z-]+-\d{4}$/.test(id) })
  return { dataDir, store, packages }
}

/** The package's files zipped again, the manifest recomputed unless told not to. */
function rezip(files: Record<string, Uint8Array>, options: { manifest?: 'recompute' | 'keep'; extra?: CraftEntry[]; patchManifest?: (m: Record<string, unknown>) => void } = {}): Uint8Array {
  const entries = Object.entries(files).filter(([path]) => path !== 'manifest.json')
  const manifest = JSON.parse(new TextDecoder().decode(defined(files['manifest.json'], 'manifest'))) as Record<string, unknown>
  if (options.manifest !== 'keep') {
    manifest['files'] = entries.map(([path, bytes]) => ({ path, size: bytes.length, sha256: sha256(bytes) }))
  }
  options.patchManifest?.(manifest)
  return craftZip([
    { name: 'manifest.json', data: encode(JSON.stringify(manifest)), method: 8 },
    ...entries.map(([name, data]) => ({ name, data, method: 8 as const })),
    ...(options.extra ?? [])
  ])
}

describe('draft packages (.newsroom)', () => {
  let setup: Setup
  beforeAll(async () => {
    setup = await makeSetup()
  })
  afterAll(() => setup.cleanup())

  it('holds the draft, its picture, log and history with a manifest of sizes and SHA-256, and nothing else', () => {
    const names = Object.keys(setup.files).sort()
    expect(names).toEqual(['audit.jsonl', 'draft.json', `assets/${setup.assetId}`, 'manifest.json', `history/${HISTORY_ID}.json`].sort())
    const manifest = JSON.parse(new TextDecoder().decode(setup.files['manifest.json'])) as {
      format: string
      formatVersion: number
      appVersion: string
      draftId: string
      exportedBy: string
      files: { path: string; size: number; sha256: string }[]
    }
    expect(manifest).toMatchObject({ format: 'campus-newsroom-draft', formatVersion: 2, appVersion: '1.0.0-test', draftId: setup.draft.id, exportedBy: '张编辑' })
    for (const file of manifest.files) {
      const bytes = defined(setup.files[file.path], file.path)
      expect({ size: bytes.length, sha256: sha256(bytes) }).toEqual({ size: file.size, sha256: file.sha256 })
    }
    expect(new TextDecoder().decode(setup.files['audit.jsonl']).trim().split('\n')).toHaveLength(2)
  })

  it('round-trips: the imported draft, picture bytes, sign-offs, log and history are identical', async () => {
    const target = library(setup.root, 'roundtrip')
    const outcome = await target.packages.importPackage(setup.packagePath)
    expect(outcome).toEqual({ kind: 'imported', draftId: setup.draft.id, title: '秋季运动会开幕', replaced: false, keptBoth: false })
    const imported = await target.store.open(setup.draft.id)
    expect(imported).toEqual(setup.draft)
    expect(imported.signOffs[0]).toMatchObject({ name: '李四', comment: '已校对，无误' })
    const from = join(setup.root, 'source', 'drafts', setup.draft.id)
    const to = join(target.dataDir, 'drafts', setup.draft.id)
    expect(await readFile(join(to, 'assets', setup.assetId))).toEqual(await readFile(join(from, 'assets', setup.assetId)))
    expect(await readFile(join(to, 'history', `${HISTORY_ID}.json`))).toEqual(await readFile(join(from, 'history', `${HISTORY_ID}.json`)))
    const log = await readFile(join(to, 'audit.jsonl'), 'utf8')
    expect(log.trim().split('\n').map((line) => (JSON.parse(line) as { action: string }).action)).toEqual(['create', 'signoff'])
    expect(existsSync(join(to, 'notes.txt'))).toBe(false)
    expect((await target.store.list('active')).drafts.map((d) => d.id)).toEqual([setup.draft.id])
    expect(await readdir(join(target.dataDir, 'drafts'))).toEqual([setup.draft.id])
  })

  it('asks before touching a draft that is already here, and writes nothing while asking', async () => {
    const target = library(setup.root, 'conflict')
    await target.packages.importPackage(setup.packagePath)
    await target.store.save(setup.draft.id, { title: '秋季运动会开幕（改）', column: '校园动态', body: null })
    const before = await tree(setup.root)
    const outcome = await target.packages.importPackage(setup.packagePath)
    expect(outcome).toEqual({
      kind: 'conflict',
      conflict: expect.objectContaining({ draftId: setup.draft.id, existingTitle: '秋季运动会开幕（改）', packageTitle: '秋季运动会开幕', packageUpdatedAt: setup.draft.updatedAt })
    })
    expect(await tree(setup.root)).toEqual(before)
  })

  it('keeps both: the package comes in under a new id with its title marked, the draft here is untouched', async () => {
    const target = library(setup.root, 'keepboth')
    await target.packages.importPackage(setup.packagePath)
    await target.store.save(setup.draft.id, { title: '本地修改', column: '校园动态', body: null })
    const outcome = await target.packages.importPackage(setup.packagePath, { onConflict: 'keep-both', language: 'zh-CN' })
    if (outcome.kind !== 'imported') throw new Error('expected an import')
    expect(outcome).toMatchObject({ keptBoth: true, replaced: false, title: '秋季运动会开幕（导入副本）' })
    expect(outcome.draftId).not.toBe(setup.draft.id)
    expect((await target.store.open(setup.draft.id)).title).toBe('本地修改')
    const copy = await target.store.open(outcome.draftId)
    expect(copy.body).toEqual(setup.draft.body)
    expect(await readFile(join(target.dataDir, 'drafts', outcome.draftId, 'assets', setup.assetId))).toEqual(Buffer.from(defined(setup.files[`assets/${setup.assetId}`])))
  })

  it('replaces: the draft here goes to the trash (recoverable), every time', async () => {
    const target = library(setup.root, 'replace')
    await target.packages.importPackage(setup.packagePath)
    await target.store.save(setup.draft.id, { title: '第一次本地修改', column: '校园动态', body: null })
    expect(await target.packages.importPackage(setup.packagePath, { onConflict: 'replace' })).toMatchObject({ kind: 'imported', replaced: true })
    expect((await target.store.open(setup.draft.id)).title).toBe('秋季运动会开幕')
    await target.store.save(setup.draft.id, { title: '第二次本地修改', column: '校园动态', body: null })
    expect(await target.packages.importPackage(setup.packagePath, { onConflict: 'replace' })).toMatchObject({ kind: 'imported', replaced: true })
    const trash = (await target.store.list('trash')).drafts.map((d) => d.title).sort()
    expect(trash).toEqual(['第一次本地修改', '第二次本地修改'])
    expect((await target.store.list('active')).drafts.map((d) => d.title)).toEqual(['秋季运动会开幕'])
  })

  it('moves a trashed draft with the same id aside instead of colliding with it', async () => {
    const target = library(setup.root, 'trashed')
    await target.packages.importPackage(setup.packagePath)
    await target.store.trash(setup.draft.id)
    expect(await target.packages.importPackage(setup.packagePath)).toMatchObject({ kind: 'imported', replaced: false })
    expect((await target.store.list('trash')).drafts.map((d) => d.title)).toEqual(['秋季运动会开幕'])
    expect((await target.store.list('active')).drafts.map((d) => d.id)).toEqual([setup.draft.id])
  })

  describe('refuses a hostile or broken package and writes nothing', () => {
    const assetPath = () => `assets/${setup.assetId}`
    const canary = join(tmpdir(), `newsroom-canary-${randomBytes(6).toString('hex')}.txt`)
    const symlink = (0o120777 << 16) >>> 0

    type Case = { name: string; zip: () => Uint8Array; code?: AppError['code']; message: RegExp; canaries?: string[] }
    const cases: Case[] = [
      {
        name: 'a path that climbs out of the folder',
        zip: () => rezip(setup.files, { extra: [{ name: '../../evil.txt', data: encode('pwned') }] }),
        message: /entry \.\.\/\.\.\/evil\.txt leaves the package folder/,
        canaries: ['evil.txt', 'hostile/evil.txt']
      },
      {
        name: 'a path that climbs out from inside a folder',
        zip: () => rezip(setup.files, { extra: [{ name: 'assets/../../../evil.txt', data: encode('pwned') }] }),
        message: /leaves the package folder/,
        canaries: ['evil.txt']
      },
      { name: 'an absolute path', zip: () => rezip(setup.files, { extra: [{ name: canary, data: encode('pwned') }] }), message: /is an absolute path/ },
      { name: 'a drive letter', zip: () => rezip(setup.files, { extra: [{ name: 'C:/evil.txt', data: encode('x') }] }), message: /names a drive/ },
      { name: 'backslashes', zip: () => rezip(setup.files, { extra: [{ name: '..\\..\\evil.txt', data: encode('x') }] }), message: /backslashes/ },
      { name: 'a NUL in a name', zip: () => rezip(setup.files, { extra: [{ name: Uint8Array.from([...encode('draft.json'), 0, ...encode('.txt')]), data: encode('x') }] }), message: /NUL/ },
      {
        name: 'a symbolic link',
        zip: () => {
          const { [assetPath()]: _asset, ...rest } = setup.files
          return rezip(rest, { manifest: 'keep', extra: [{ name: assetPath(), data: encode('/etc/passwd'), externalAttributes: symlink }] })
        },
        message: /is a symbolic link/
      },
      { name: 'a folder outside the layout', zip: () => rezip(setup.files, { extra: [{ name: 'scripts/', externalAttributes: (0o040755 << 16) >>> 0 }] }), message: /folder scripts\/ is not part of a draft package/ },
      { name: 'an unexpected file', zip: () => rezip(setup.files, { extra: [{ name: 'run.sh', data: encode('#!/bin/sh') }] }), message: /unexpected file run\.sh/ },
      {
        name: 'a huge declared size',
        zip: () => rezip(setup.files, { extra: [{ name: `assets/sha256-${'b'.repeat(64)}.jpg`, raw: zerosBomb(1).subarray(0, 100), declaredSize: 200 * 1024 * 1024 }] }),
        message: /declares 209715200 bytes; at most 104857600/
      },
      {
        name: 'a zip bomb that declares its 1 GB',
        zip: () => rezip(setup.files, { extra: [{ name: 'history/20261102T090000000Z-r2-interval.json', raw: zerosBomb(1024), declaredSize: 1024 * 1024 * 1024 }] }),
        message: /declares 1073741824 bytes; at most 10485760/
      },
      {
        name: 'a zip bomb that lies about its size',
        zip: () => rezip(setup.files, { extra: [{ name: 'history/20261102T090000000Z-r2-interval.json', raw: zerosBomb(1024), declaredSize: 1000 }] }),
        message: /inflates to more than the 1000 bytes it declares/
      },
      {
        name: 'files that add up to more than the total limit',
        zip: () =>
          rezip(setup.files, {
            extra: Array.from({ length: 6 }, (_, i) => ({ name: `assets/sha256-${String(i).repeat(64)}.jpg`, raw: zerosBomb(1).subarray(0, 10), declaredSize: 99 * 1024 * 1024 }))
          }),
        message: /add up to more than 524288000 bytes/
      },
      {
        name: 'too many entries',
        zip: () => craftZip(Array.from({ length: 2001 }, (_, i) => ({ name: `history/20261102T090000000Z-r${i}-interval.json`, data: encode('{}') }))),
        message: /2001 entries; at most 2000/
      },
      {
        name: 'invalid JSON in the log',
        zip: () => rezip({ ...setup.files, 'audit.jsonl': encode('{"at":"2026-11-02T08:00:00.000Z","actor":"x","action":"create"}\nnot json\n') }),
        message: /audit\.jsonl line 2 is not valid JSON/
      },
      { name: 'invalid JSON in the draft', zip: () => rezip({ ...setup.files, 'draft.json': encode('{"title": "秋季') }), message: /draft\.json is not a valid draft \(invalid-json\)/ },
      {
        name: 'a draft that fails the schema',
        zip: () => rezip({ ...setup.files, 'draft.json': encode(JSON.stringify({ ...setup.draft, title: 42 })) }),
        message: /draft\.json is not a valid draft \(invalid-schema\): title/
      },
      {
        name: 'a history version that fails its schema',
        zip: () => rezip({ ...setup.files, [`history/${HISTORY_ID}.json`]: encode('{"id":"x"}') }),
        message: /is not a valid history version/
      },
      {
        name: 'a file that does not match the manifest',
        zip: () => {
          const tampered = Uint8Array.from(defined(setup.files[assetPath()]))
          tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 0xff
          return rezip({ ...setup.files, [assetPath()]: tampered }, { manifest: 'keep' })
        },
        message: /does not match its manifest/
      },
      {
        name: 'a picture whose bytes are not the ones its name promises',
        zip: () => rezip({ ...setup.files, [assetPath()]: encode('<script>alert(1)</script>') }),
        message: /does not hold the picture its name promises/
      },
      {
        name: 'a file the manifest does not list',
        zip: () =>
          rezip(setup.files, {
            manifest: 'keep',
            extra: [{ name: 'history/20261102T100000000Z-r3-manual.json', data: defined(setup.files[`history/${HISTORY_ID}.json`]) }]
          }),
        message: /is in the package but not in its manifest/
      },
      {
        name: 'a local header that names another file',
        zip: () =>
          craftZip([
            { name: 'manifest.json', data: defined(setup.files['manifest.json']) },
            { name: 'draft.json', localName: '../evil.txt', data: defined(setup.files['draft.json']) }
          ]),
        message: /is called \.\.\/evil\.txt in its local header/
      },
      {
        name: 'a checksum that does not match',
        zip: () => craftZip([{ name: 'draft.json', data: defined(setup.files['draft.json']), crc: 1234 }, { name: 'manifest.json', data: defined(setup.files['manifest.json']) }]),
        message: /checksum mismatch/
      },
      { name: 'something that is not a zip', zip: () => encode('PK? no, a text file pretending to be a package'), message: /not a zip file/ },
      {
        name: 'a package from a newer app',
        zip: () => rezip(setup.files, { patchManifest: (m) => void (m['formatVersion'] = 3) }),
        code: 'package-too-new',
        message: /format 3/
      }
    ]

    it.each(cases)('$name', async ({ zip, code, message, canaries }) => {
      const target = library(setup.root, 'hostile')
      const file = join(setup.root, 'in', `${randomBytes(4).toString('hex')}.newsroom`)
      await mkdir(join(setup.root, 'in'), { recursive: true })
      await writeFile(file, zip())
      const before = await tree(setup.root)
      const error = await target.packages.importPackage(file).then(
        () => null,
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(AppError)
      expect(error).toMatchObject({ code: code ?? 'package-invalid', message: expect.stringMatching(message) })
      expect(await tree(setup.root)).toEqual(before)
      expect(existsSync(target.dataDir)).toBe(false)
      expect(existsSync(canary)).toBe(false)
      for (const path of canaries ?? []) expect(existsSync(join(setup.root, path))).toBe(false)
    })
  })
})

describe('package export', () => {
  it('refuses to write a package it would refuse to read back', async () => {
    const { dir, cleanup } = await makeTempDir('newsroom-package-big-')
    try {
      const clock = steppingClock()
      const store = createDraftStore({ dataDir: join(dir, 'lib'), clock })
      const draft = await store.create({ title: '大图' })
      const packages = createPackageService({ drafts: () => store, clock, appVersion: 't', limits: { maxAssetBytes: 1000 } })
      const png = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#888', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer()
      await createAssetStore({ drafts: () => store }).importBytes(draft.id, png, 'big.png')
      await expect(packages.exportDraft(draft.id as DraftId, join(dir, 'big.newsroom'))).rejects.toMatchObject({ code: 'file-too-large' })
      expect(existsSync(join(dir, 'big.newsroom'))).toBe(false)
    } finally {
      await cleanup()
    }
  })
})
