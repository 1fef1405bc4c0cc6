import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTempDir } from '../../support/draftFixtures'
import { attackableApp, valueOf } from './securityFixtures'

describe('a damaged publish-targets.json is set aside and reported, never blocking the app', () => {
  let dir: string
  let cleanup: () => Promise<void>
  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-damaged-targets-'))
  })
  afterEach(() => cleanup())

  it.each([
    ['cut off mid-write', '{"targets": [{"id": "local", "ki'],
    ['not a target list', '{"targets": "everything", "defaultTargetId": 7}']
  ])('%s: kept beside under a new name, the built-in target used, the page told', async (_name, damaged) => {
    const { app, call } = attackableApp(dir)
    app.settings.update({ requireApproval: false })
    const dataDir = app.drafts().dataDir
    await app.drafts().create({ title: '先建个稿件' })
    await writeFile(join(dataDir, 'publish-targets.json'), damaged)

    const view = valueOf<{ targets: { id: string }[]; setAside: string[] }>(await call('publish:targets', {}))
    expect(view.targets.map((t) => t.id)).toEqual(['local'])
    expect(view.setAside).toHaveLength(1)
    expect(await readFile(view.setAside[0] ?? '', 'utf8')).toBe(damaged)
    expect(await readdir(dataDir)).not.toContain('publish-targets.json')

    // Publishing works meanwhile, and the report stays until the person deals with the file.
    const draft = (await app.drafts().list('active')).drafts[0]
    const opened = await app.drafts().open(draft?.id ?? '')
    expect(valueOf(await call('publish:run', { jobId: 'j', draftId: opened.id, signOff: { name: '张编辑', revision: opened.revision } }))).toMatchObject({ outcome: 'published' })
    expect(valueOf<{ setAside: string[] }>(await call('publish:targets', {})).setAside).toEqual(view.setAside)
  })
})
