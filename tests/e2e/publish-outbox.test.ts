/// <reference lib="dom" />
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startCmsServer, type CmsServer } from '../support/cmsServer'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { statusText, workflowBar, writeNewDraft } from './workflowHelpers'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const TITLE = '运动会闭幕式'
const BODY = '运动会在欢快的乐曲声中落下帷幕。'

const bar = workflowBar
const newDraft = (page: Page) => writeNewDraft(page, TITLE, BODY)

/** A loopback address nothing listens on: the connection is refused, as with the site's server down. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** Publishes to the (unreachable) school site and waits for the "queued" answer. */
async function publishOffline(page: Page): Promise<void> {
  await bar(page).getByRole('button', { name: '发布', exact: true }).click()
  const dialog = page.getByRole('alertdialog', { name: '发布到网站' })
  await expect.poll(() => dialog.getByRole('combobox', { name: '发布到' }).inputValue()).toBe('school')
  await dialog.getByRole('button', { name: '仍然发布' }).click()
  const failed = page.getByRole('dialog', { name: '发布到网站' })
  await expect.poll(() => failed.getByRole('alert').textContent()).toContain('连不上网站')
  expect(await failed.textContent()).toContain('已放入待发队列')
}

suite('the publish outbox', () => {
  let app: LaunchedApp | undefined
  let cms: CmsServer | undefined
  let offset = 0
  const clock = { now: () => new Date(Date.now() + offset) }
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    await cms?.close()
    app = undefined
    cms = undefined
  })
  afterAll(async () => {
    await shutdownBrowser()
  })

  async function start(): Promise<LaunchedApp> {
    offset = 0
    const launched = await launchApp({ clock })
    await launched.services.publishing.saveTarget(
      { id: 'school', name: '学校网站', kind: 'cms', baseUrl: `http://127.0.0.1:${String(await closedPort())}` },
      'cms-token-0123456789',
      true
    )
    await newDraft(launched.page)
    await launched.emit('settings:changed', launched.services.settings.update({ requireApproval: false, userName: '张编辑' }))
    return launched
  }

  it('queues a publish the site could not take; 取消发布 removes it; the runner sends the next one once the site is up', async () => {
    app = await start()
    const { page } = app
    const outboxFile = join(app.dataDir, 'publish-outbox.json')
    await publishOffline(page)
    const button = page.getByRole('button', { name: '待发 (1)' })
    await expect.poll(() => button.count()).toBe(1)

    await page.getByRole('dialog', { name: '发布到网站' }).getByRole('button', { name: '查看待发队列' }).click()
    const outbox = page.getByRole('dialog', { name: '待发队列' })
    const job = outbox.getByRole('listitem', { name: TITLE })
    await expect.poll(() => job.textContent()).toContain('学校网站 · 已尝试 1 次')
    expect(await job.textContent()).toContain('等待重试')
    expect(await job.textContent()).toContain('连不上网站')
    expect(JSON.parse(await readFile(outboxFile, 'utf8'))).toMatchObject({ jobs: [{ targetId: 'school', signOff: { name: '张编辑' } }] })

    await job.getByRole('button', { name: '取消发布' }).click()
    await expect.poll(() => outbox.textContent()).toContain('待发队列是空的')
    expect(JSON.parse(await readFile(outboxFile, 'utf8'))).toEqual({ jobs: [] })
    await outbox.getByRole('button', { name: '关闭' }).click()
    await expect.poll(() => page.getByRole('button', { name: /^待发/ }).count()).toBe(0)
    expect(await bar(page).locator('.workflow-status').textContent()).toBe('草稿')

    // Queued again; the site comes back (at a new address, set in the target) and the timer's run sends it.
    await publishOffline(page)
    await page.getByRole('dialog', { name: '发布到网站' }).getByRole('button', { name: '关闭' }).click()
    await expect.poll(() => page.getByRole('button', { name: '待发 (1)' }).count()).toBe(1)
    cms = await startCmsServer()
    await app.services.publishing.saveTarget({ id: 'school', name: '学校网站', kind: 'cms', baseUrl: cms.url }, 'cms-token-0123456789')
    expect(await app.services.outbox.runDue()).toBe(0)
    offset += 31_000
    expect(await app.services.outbox.runDue()).toBe(1)
    expect([...cms.articles.values()]).toMatchObject([{ title: TITLE, status: 'publish' }])
    await expect.poll(() => page.getByRole('button', { name: /^待发/ }).count()).toBe(0)
    await expect.poll(() => bar(page).locator('.workflow-status').textContent()).toBe('已发布')
    expect(JSON.parse(await readFile(outboxFile, 'utf8'))).toEqual({ jobs: [] })
    await expect.poll(() => bar(page).getByRole('listitem', { name: '学校网站' }).locator('.published-address').getAttribute('title')).toContain(`${cms.url}/news/`)
  })

  it('sends the waiting jobs as soon as the computer is back online, without waiting for the backoff', async () => {
    app = await start()
    const { page } = app
    await publishOffline(page)
    await page.getByRole('dialog', { name: '发布到网站' }).getByRole('button', { name: '关闭' }).click()
    await expect.poll(() => page.getByRole('button', { name: '待发 (1)' }).count()).toBe(1)
    cms = await startCmsServer()
    await app.services.publishing.saveTarget({ id: 'school', name: '学校网站', kind: 'cms', baseUrl: cms.url }, 'cms-token-0123456789')
    // Not due for another 30 s: the timer's run leaves it alone.
    expect(await app.services.outbox.runDue()).toBe(0)
    expect(cms.articles.size).toBe(0)
    await page.context().setOffline(true)
    await page.context().setOffline(false)
    await expect.poll(() => [...cms!.articles.values()].map((article) => article.title)).toEqual([TITLE])
    await expect.poll(() => page.getByRole('button', { name: /^待发/ }).count()).toBe(0)
    await expect.poll(() => statusText(page)).toBe('已发布')
  })

  it('立即重试 does not send a queued job whose draft was edited after the sign-off', async () => {
    app = await start()
    const { page } = app
    await publishOffline(page)
    await page.getByRole('dialog', { name: '发布到网站' }).getByRole('button', { name: '关闭' }).click()
    // An edit after signing: that text was never approved.
    await page.getByRole('textbox', { name: '正文' }).click()
    await page.keyboard.press('End')
    await page.keyboard.insertText('未经签发的一句话。')
    await page.keyboard.press('Control+s')
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('已保存')
    cms = await startCmsServer()
    await app.services.publishing.saveTarget({ id: 'school', name: '学校网站', kind: 'cms', baseUrl: cms.url }, 'cms-token-0123456789')

    await page.getByRole('button', { name: '待发 (1)' }).click()
    const job = page.getByRole('dialog', { name: '待发队列' }).getByRole('listitem', { name: TITLE })
    await job.getByRole('button', { name: '立即重试' }).click()
    await expect.poll(() => job.textContent()).toContain('发送失败，需要处理')
    expect(await job.textContent()).toContain('稿件在签发后又被修改过')
    expect(await job.textContent()).toContain('不再自动重试')
    expect(cms.articles.size).toBe(0)
    expect(cms.requests).toEqual([])
    expect(await bar(page).locator('.workflow-status').textContent()).toBe('草稿')
  })
})
