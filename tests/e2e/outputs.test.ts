/// <reference lib="dom" />
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { HandlerContext } from '../../src/main/ipc/dispatch'
import { SEED, seedArticle } from '../support/outputFixtures'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] outputs as recipients see them skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

/** A page opened from disk the way a recipient opens it; every request that leaves file: and data: is noted. */
async function openAsRecipient(app: LaunchedApp, file: string): Promise<{ viewer: Page; outside: string[] }> {
  const viewer = await app.page.context().newPage()
  const outside: string[] = []
  viewer.on('request', (request) => {
    if (!/^(file|data):/.test(request.url())) outside.push(request.url())
  })
  await viewer.setViewportSize({ width: 900, height: 1200 })
  await viewer.goto(pathToFileURL(file).href)
  await viewer.waitForLoadState('load')
  return { viewer, outside }
}

suite('outputs as their recipients see them', () => {
  let app: LaunchedApp | undefined
  let out: string
  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'newsroom-outputs-e2e-'))
  })
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
    await rm(out, { recursive: true, force: true })
  })
  afterAll(shutdownBrowser)

  it('the single-file page, sent on its own, looks exactly like the folder form; every photo shows and has alt text', async () => {
    app = await launchApp()
    const current = app
    const draft = await seedArticle(current.services)
    await current.page.reload()
    await current.page.getByRole('button', { name: '预览', exact: true }).click()
    const dialog = current.page.getByRole('dialog', { name: '预览' })
    await expect.poll(() => dialog.textContent()).toContain('选哪种网页？')

    const folderForm = join(out, 'folder', '推进会.html')
    const single = join(out, 'single', '推进会.html')
    await mkdir(join(out, 'folder'))
    await mkdir(join(out, 'single'))
    current.dialogs.answerSave(folderForm)
    await dialog.getByRole('button', { name: '导出网页' }).click()
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain('网页已导出')
    current.dialogs.answerSave(single)
    await dialog.getByRole('button', { name: '导出单文件网页' }).click()
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain('单文件网页已导出')

    // Mailed alone: the recipient saves the attachment somewhere else, without any folder.
    const received = join(out, 'mail', '推进会.html')
    await mkdir(join(out, 'mail'))
    await copyFile(single, received)
    const a = await openAsRecipient(current, folderForm)
    const b = await openAsRecipient(current, received)
    for (const { viewer } of [a, b]) {
      const images = await viewer.locator('img').evaluateAll((imgs) => imgs.map((img) => ({ shown: (img as HTMLImageElement).naturalWidth > 0, alt: img.getAttribute('alt') ?? '' })))
      expect(images).toEqual(SEED.captions.map((alt) => ({ shown: true, alt })))
    }
    expect(await b.viewer.screenshot({ fullPage: true })).toEqual(await a.viewer.screenshot({ fullPage: true }))
    expect([...a.outside, ...b.outside]).toEqual([])
    await a.viewer.close()
    await b.viewer.close()

    const log = await current.services.workflow.auditList(draft.id)
    expect(log.filter((entry) => entry.action === 'export').map((entry) => entry.details['format'])).toEqual(['html', 'html-single'])
  })

  it('the local site opens on a home page: newest first, each title leads to its article and back', async () => {
    app = await launchApp()
    const current = app
    current.services.settings.update({ requireApproval: false })
    const context: HandlerContext = { emit: (channel, payload) => channel === 'app:flushRequest' && current.services.flush.answer((payload as { requestId: string }).requestId, true) }
    const older = await seedArticle(current.services)
    const newer = await current.services.drafts().create({ title: '图书馆延长开放时间', column: '通知公告' })
    for (const draft of [older, newer]) {
      const revision = (await current.services.drafts().open(draft.id)).revision
      expect(await current.services.dispatch('publish:run', { jobId: `j-${draft.id}`, draftId: draft.id, signOff: { name: '陈编辑', revision } }, context)).toMatchObject({ ok: true })
    }
    const { viewer, outside } = await openAsRecipient(current, join(current.dataDir, 'site', 'index.html'))
    const rows = viewer.locator('ul.site-index li')
    expect(await rows.count()).toBe(2)
    expect(await rows.nth(0).locator('a').textContent()).toBe('图书馆延长开放时间')
    expect(await rows.nth(1).textContent()).toMatch(new RegExp(`${SEED.column}\\s*${SEED.title.replace(/[“”]/g, '.')}\\s*2026-11-20`))
    await rows.nth(1).locator('a').click()
    await expect.poll(() => viewer.locator('article h1').textContent()).toBe(SEED.title)
    expect(await viewer.locator('article img').evaluateAll((imgs) => imgs.every((img) => (img as HTMLImageElement).naturalWidth > 0))).toBe(true)
    await viewer.getByRole('link', { name: '返回首页' }).click()
    await expect.poll(() => viewer.locator('ul.site-index li').count()).toBe(2)
    expect(outside).toEqual([])
    await viewer.close()
  })
})
