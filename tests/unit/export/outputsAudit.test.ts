import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { composeApp, personName, type AppServices } from '../../../src/main/compose'
import type { HandlerContext } from '../../../src/main/ipc/dispatch'
import { nodeServiceFs } from '../../../src/main/services/fs/serviceFs'
import { readSiteEntries, withdrawFromSite } from '../../../src/main/services/publish/localSite/siteIndex'
import { articleFolderName, photoFileName, siteFileName } from '../../../src/main/services/publish/localSite/siteNames'
import type { Envelope } from '../../../src/shared/ipc/contract'
import { SEED, seedArticle } from '../../support/outputFixtures'
import { testCapabilities } from '../../support/testApp'

const value = <T>(envelope: Envelope): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
  return envelope.value as T
}

describe('single-file page, audit log, local site index', () => {
  let dir: string
  let app: AppServices
  let saveAs: string[]
  const context: HandlerContext = { emit: (channel, payload) => channel === 'app:flushRequest' && app.flush.answer((payload as { requestId: string }).requestId, true) }
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-outputs-'))
    saveAs = []
    app = composeApp(testCapabilities(dir, { dialogs: { openFiles: async () => [], saveFile: async () => saveAs.shift() ?? null } }))
    app.settings.update({ userName: '陈编辑', requireApproval: false })
  })
  afterEach(() => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }))

  it('the single-file page holds every photo itself, byte for byte, each with alt text; nothing is written beside it', async () => {
    const draft = await seedArticle(app)
    const out = join(dir, 'out')
    await mkdir(out)
    saveAs.push(join(out, '推进会.html'))
    const result = value<{ path: string; missing: unknown[] }>(await app.dispatch('export:htmlSingleFile', { draftId: draft.id }, context))
    expect(result.missing).toEqual([])
    expect(await readdir(out)).toEqual(['推进会.html'])
    const html = await readFile(result.path, 'utf8')
    const images = [...html.matchAll(/<img src="data:image\/jpeg;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)">/g)]
    expect(images.map((image) => image[2])).toEqual([...SEED.captions])
    const stored = await readdir(app.drafts().assetsFolder(draft.id))
    for (const image of images) {
      const bytes = Buffer.from(image[1] ?? '', 'base64')
      expect(stored.some((name) => name.includes(createHash('sha256').update(bytes).digest('hex')))).toBe(true)
    }
    expect(html).not.toMatch(/src="(?!data:)/)
  })

  it('exports and publishes are logged with the person, the format and the target; 新建 and 保存 carry the name too', async () => {
    const draft = await seedArticle(app)
    saveAs.push(join(dir, 'a.html'), join(dir, 'b.html'), join(dir, 'c.docx'))
    value(await app.dispatch('export:html', { draftId: draft.id }, context))
    value(await app.dispatch('export:htmlSingleFile', { draftId: draft.id }, context))
    value(await app.dispatch('export:docx', { draftId: draft.id }, context))
    value(await app.dispatch('publish:run', { jobId: 'p1', draftId: draft.id, signOff: { name: '陈编辑', revision: (await app.drafts().open(draft.id)).revision } }, context))
    await app.workflow.flush()
    const log = await app.workflow.auditList(draft.id)
    expect(log.filter((entry) => entry.action === 'export').map((entry) => [entry.actor, entry.details['format'], entry.details['file']])).toEqual([
      ['陈编辑', 'html', 'a.html'],
      ['陈编辑', 'html-single', 'b.html'],
      ['陈编辑', 'docx', 'c.docx']
    ])
    expect(log.find((entry) => entry.action === 'publish' && entry.details['target'] === '本地网站')).toMatchObject({ actor: '陈编辑', details: { siteStatus: 'local' } })
    for (const entry of log) expect(entry.actor).not.toBe('')
  })

  it('without a name in settings the log names the computer account rather than nobody', () => {
    expect(personName('  张三 ', () => 'zhangsan')).toBe('张三')
    expect(personName('', () => 'zhangsan')).toBe('zhangsan')
    expect(personName('', () => {
      throw new Error('no passwd entry')
    })).toBe('')
  })

  it('the site index follows re-publishing and withdrawing', async () => {
    const draft = await seedArticle(app)
    const site = join(app.drafts().dataDir, 'site')
    const publish = async (jobId: string) => value(await app.dispatch('publish:run', { jobId, draftId: draft.id, signOff: { name: '陈编辑', revision: (await app.drafts().open(draft.id)).revision } }, context))
    await publish('s1')
    const other = await app.drafts().create({ title: '图书馆延长开放时间', column: '通知公告' })
    value(await app.dispatch('publish:run', { jobId: 's2', draftId: other.id, signOff: { name: '陈编辑', revision: other.revision } }, context))
    const first = await readSiteEntries(nodeServiceFs, site)
    expect(first.map((entry) => entry.title)).toEqual(['图书馆延长开放时间', SEED.title])
    let index = await readFile(join(site, 'index.html'), 'utf8')
    expect(index.indexOf('图书馆延长开放时间')).toBeLessThan(index.indexOf(SEED.title))

    await app.workflow.save(draft.id, { title: `${SEED.title}（更正）`, column: SEED.column, body: (await app.drafts().open(draft.id)).body })
    await publish('s3')
    index = await readFile(join(site, 'index.html'), 'utf8')
    expect(index).toContain(`${SEED.title}（更正）`)
    expect((await readSiteEntries(nodeServiceFs, site)).map((entry) => entry.folder)).toEqual(first.map((entry) => entry.folder))

    expect(await withdrawFromSite(nodeServiceFs, site, other.id, { siteName: '本地网站', css: '' })).toBe(true)
    index = await readFile(join(site, 'index.html'), 'utf8')
    expect(index).not.toContain('图书馆延长开放时间')
    expect(await readdir(site)).toHaveLength(2)
  })

  it('names are readable, safe on Windows and short', () => {
    expect(articleFolderName('运动会:开幕/闭幕*?', '2026-11-20T16:30:00.000Z', new Set())).toBe('2026-11-21-运动会 开幕 闭幕')
    expect(articleFolderName('CON', '2026-11-20T00:00:00.000Z', new Set(['2026-11-20-article']))).toBe('2026-11-20-article-2')
    expect(Array.from(articleFolderName('长'.repeat(200), '2026-11-20T00:00:00.000Z', new Set()))).toHaveLength(11 + 48)
    expect(photoFileName(3, '开幕式 现场. ', 'JPG')).toBe('03-开幕式 现场.jpg')
    expect(photoFileName(12, '', 'png')).toBe('12.png')
    expect(siteFileName('😀'.repeat(40), 5, 'x')).toBe('😀'.repeat(5))
  })
})
