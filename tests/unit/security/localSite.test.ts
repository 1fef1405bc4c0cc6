import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { unzipSync, zipSync } from 'fflate'
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPackageService, isAppDraftId } from '../../../src/main/services/package/packageService'
import { SITE_MARKER_FILE } from '../../../src/main/services/publish/siteFolderGuard'
import { makeTempDir, steppingClock } from '../../support/draftFixtures'
import { attackableApp, valueOf } from './securityFixtures'

const signOff = (revision: number) => ({ name: '张编辑', revision })

describe('attack 3: publishing to a local site cannot delete or replace what the app did not write', () => {
  let dir: string
  let cleanup: () => Promise<void>
  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-attack-site-'))
  })
  afterEach(() => cleanup())

  async function setUp() {
    const attack = attackableApp(dir)
    attack.app.settings.update({ requireApproval: false })
    const draft = await attack.app.drafts().create({ title: '运动会', column: '校园动态' })
    const draftFolder = join(attack.app.drafts().dataDir, 'drafts', draft.id)
    const draftJson = await readFile(join(draftFolder, 'draft.json'), 'utf8')
    return { ...attack, draft, draftFolder, draftJson }
  }

  it('a page cannot point a target at the library drafts folder, and publishing leaves the draft folder whole', async () => {
    const { app, call, draft, draftFolder } = await setUp()
    const drafts = join(app.drafts().dataDir, 'drafts')
    const forged = await call('publish:saveTarget', { target: { id: 'evil', name: 'x', kind: 'local', folder: drafts }, makeDefault: true })
    expect(forged.ok).toBe(false)
    // Re-saving the built-in target with a new folder keeps the folder main chose.
    valueOf(await call('publish:saveTarget', { target: { id: 'local', name: '本地网站', kind: 'local', folder: drafts }, makeDefault: true }))
    const targets = (await app.publishing.targets()).targets
    expect(targets.map((t) => t.id)).toEqual(['local'])
    expect(targets[0]).toMatchObject({ folder: join(app.drafts().dataDir, 'site') })

    const outcome = valueOf(await call('publish:run', { jobId: 'job-1', draftId: draft.id, signOff: signOff(draft.revision) }))
    expect(outcome).toMatchObject({ outcome: 'published' })
    // The publish sign-off is the only change to the draft; its folder is still the draft's, not a page.
    expect(JSON.parse(await readFile(join(draftFolder, 'draft.json'), 'utf8'))).toMatchObject({ id: draft.id, title: '运动会', status: 'published' })
    expect(await readdir(draftFolder)).toEqual(expect.arrayContaining(['draft.json', 'audit.jsonl']))
    expect(await readdir(draftFolder)).not.toContain('index.html')
  })

  it('refuses a dialog answer inside the data folder, a forged grant and a spent one', async () => {
    const { app, call, dialog } = await setUp()
    dialog.answers = [join(app.drafts().dataDir, 'drafts')]
    expect((await call('publish:chooseFolder', {})).ok).toBe(false)

    const forged = await call('publish:saveTarget', { target: { id: 'site-2', name: 'x', kind: 'local', folder: '/tmp' }, folderGrant: 'A'.repeat(24) })
    expect(forged).toMatchObject({ ok: false, error: { code: 'invalid-request' } })

    const outside = join(dir, 'site')
    dialog.answers = [outside]
    const { grant, path } = valueOf<{ grant: string; path: string }>(await call('publish:chooseFolder', {}))
    expect(path).toBe(outside)
    // The page's `folder` is ignored: the grant names the folder.
    valueOf(await call('publish:saveTarget', { target: { id: 'site-2', name: '校报', kind: 'local', folder: '/etc' }, folderGrant: grant }))
    expect((await app.publishing.targets()).targets.find((t) => t.id === 'site-2')).toMatchObject({ folder: outside })
    const again = await call('publish:saveTarget', { target: { id: 'site-3', name: '校报', kind: 'local', folder: outside }, folderGrant: grant })
    expect(again.ok).toBe(false)
    expect((await app.publishing.targets()).targets.map((t) => t.id)).toEqual(['local', 'site-2'])
  })

  it("never replaces a folder in the site that carries no marker; replaces the app's own page", async () => {
    const { call, dialog, draft } = await setUp()
    const site = join(dir, 'site')
    dialog.answers = [site]
    const { grant } = valueOf<{ grant: string }>(await call('publish:chooseFolder', {}))
    valueOf(await call('publish:saveTarget', { target: { id: 'site', name: '校报', kind: 'local', folder: site }, folderGrant: grant, makeDefault: true }))
    // A folder of the person's own that claims to hold this article (its article.json names the draft) but
    // carries no marker and holds their own file: the app must neither replace nor delete it.
    await mkdir(join(site, 'mine'), { recursive: true })
    await writeFile(join(site, 'mine', 'article.json'), JSON.stringify({ draftId: draft.id, publishedAt: '2024-10-02T01:30:00.000Z', metadata: { title: '旧稿' } }))
    await writeFile(join(site, 'mine', 'keep.txt'), 'the person’s own file')

    const refused = valueOf(await call('publish:run', { jobId: 'job-1', draftId: draft.id, signOff: signOff(draft.revision) }))
    expect(refused).toMatchObject({ outcome: 'failed', error: { kind: 'local-not-ours', retryable: false }, queued: null })
    expect((await readdir(join(site, 'mine'))).sort()).toEqual(['article.json', 'keep.txt'])
    expect(await readdir(site)).toEqual(['mine'])

    await rm(join(site, 'mine'), { recursive: true })
    valueOf(await call('publish:run', { jobId: 'job-2', draftId: draft.id, signOff: signOff(draft.revision) }))
    const [folder] = (await readdir(site, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name)
    expect((await readdir(join(site, folder ?? ''))).sort()).toEqual([SITE_MARKER_FILE, 'article.json', 'images', 'index.html'].sort())
    const republished = valueOf(await call('publish:run', { jobId: 'job-3', draftId: draft.id }))
    expect(republished).toMatchObject({ outcome: 'published' })
  })

  it('an imported package whose id is not one of ours gets a new id, so it cannot name a folder in the site', async () => {
    const { app, call, dialog, draft } = await setUp()
    const site = join(dir, 'site')
    dialog.answers = [site]
    const { grant } = valueOf<{ grant: string }>(await call('publish:chooseFolder', {}))
    valueOf(await call('publish:saveTarget', { target: { id: 'site', name: '校报', kind: 'local', folder: site }, folderGrant: grant, makeDefault: true }))
    await mkdir(join(site, 'documents'), { recursive: true })
    await writeFile(join(site, 'documents', 'keep.txt'), 'mine')

    // A real package, its draft id changed to the name of the person's folder.
    const exporter = createPackageService({ drafts: () => app.drafts(), clock: steppingClock(), appVersion: 't' })
    const honest = join(dir, 'honest.newsroom')
    await exporter.exportDraft(draft.id, honest)
    const files = unzipSync(await readFile(honest))
    const draftJson = JSON.parse(new TextDecoder().decode(files['draft.json'])) as Record<string, unknown>
    files['draft.json'] = new TextEncoder().encode(JSON.stringify({ ...draftJson, id: 'documents' }))
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { draftId: string; files: { path: string; size: number; sha256: string }[] }
    manifest.draftId = 'documents'
    manifest.files = Object.entries(files)
      .filter(([path]) => path !== 'manifest.json')
      .map(([path, bytes]) => ({ path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }))
    files['manifest.json'] = new TextEncoder().encode(JSON.stringify(manifest))
    const forged = join(dir, 'forged.newsroom')
    await writeFile(forged, zipSync(files))

    dialog.answers = [forged]
    const imported = valueOf<{ outcome: string; draftId: string }>(await call('packages:import', {}))
    expect(imported.outcome).toBe('imported')
    expect(imported.draftId).not.toBe('documents')
    expect(isAppDraftId(imported.draftId)).toBe(true)
    const audit = await readFile(join(app.drafts().dataDir, 'drafts', imported.draftId, 'audit.jsonl'), 'utf8')
    expect(audit).toContain('"remappedFrom":"documents"')

    const opened = await app.drafts().open(imported.draftId)
    valueOf(await call('publish:run', { jobId: 'job-4', draftId: imported.draftId, signOff: signOff(opened.revision) }))
    expect(await readFile(join(site, 'documents', 'keep.txt'), 'utf8')).toBe('mine')
  })

  it('a publish-targets.json pointing into the library (an older version, a hand edit) is refused when publishing', async () => {
    const { app, call, draft, draftFolder, draftJson } = await setUp()
    const drafts = join(app.drafts().dataDir, 'drafts')
    await writeFile(
      join(app.drafts().dataDir, 'publish-targets.json'),
      JSON.stringify({ targets: [{ id: 'local', kind: 'local', name: '本地网站', folder: drafts }], defaultTargetId: 'local' })
    )
    const outcome = valueOf(await call('publish:run', { jobId: 'job-1', draftId: draft.id, signOff: signOff(draft.revision) }))
    expect(outcome).toMatchObject({ outcome: 'failed', error: { kind: 'local-not-ours' } })
    expect(await readFile(join(draftFolder, 'draft.json'), 'utf8')).toBe(draftJson)
    expect((await readdir(drafts)).filter((name) => name !== draft.id)).toEqual([])
    expect((await call('publish:testConnection', { targetId: 'local' })).ok).toBe(true)
    expect(valueOf(await call('publish:testConnection', { targetId: 'local' }))).toMatchObject({ reachable: false })
  })
})
