/// <reference lib="dom" />
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startCmsServer, type CmsServer } from '../support/cmsServer'
import { localSitePage } from '../support/publishFixtures'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { statusText, workflowBar, writeNewDraft } from './workflowHelpers'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const TITLE = '我校举行第十届秋季运动会'
const BODY = '11月20日上午，我校第十届秋季运动会在田径场隆重开幕。'

const bar = workflowBar
const newDraft = writeNewDraft

/** The office turned 先审后发 off and set the name that signs on this computer (as the settings dialog would). */
async function gateOff(app: LaunchedApp): Promise<void> {
  const next = app.services.settings.update({ requireApproval: false, userName: '张编辑' })
  await app.emit('settings:changed', next)
}

async function onlyDraftId(dataDir: string): Promise<string> {
  const ids = (await readdir(join(dataDir, 'drafts'))).filter((name) => !name.startsWith('.'))
  expect(ids).toHaveLength(1)
  return ids[0] ?? ''
}

/** Presses 发布 in the workflow bar and signs in the publish dialog. */
async function openPublish(page: Page) {
  await bar(page).getByRole('button', { name: '发布', exact: true }).click()
  const dialog = page.getByRole('alertdialog', { name: '发布到网站' })
  await expect.poll(() => dialog.getByRole('combobox', { name: '发布到' }).inputValue()).not.toBe('')
  return dialog
}

suite('one-click publish', () => {
  let app: LaunchedApp | undefined
  let cms: CmsServer | undefined
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

  it('publishes to the local site out of the box: steps, the address, 打开网页, a notification, 已发布', async () => {
    app = await launchApp()
    const { page } = app
    await newDraft(page, TITLE, BODY)
    await gateOff(app)
    const dialog = await openPublish(page)
    // Without approval the warning is shown and the name from settings is filled in.
    expect(await dialog.textContent()).toContain('未经审核发布将被记录')
    // Required details left empty are named before anything goes out (publishing them anyway is allowed).
    await expect.poll(() => dialog.textContent()).toContain('还有 4 项必填的稿件信息未填：栏目、供稿单位、编辑、供稿。')
    expect(await dialog.getByRole('textbox', { name: '签字人' }).inputValue()).toBe('张编辑')
    expect(await dialog.getByRole('combobox', { name: '发布到' }).locator('option:checked').textContent()).toBe('本地网站（本地网站文件夹）')
    // The local site has no status on a site to choose.
    expect(await dialog.getByRole('combobox', { name: '在网站上的状态' }).count()).toBe(0)
    await dialog.getByRole('textbox', { name: '意见（可选）' }).fill('同意发布')
    await dialog.getByRole('button', { name: '仍然发布' }).click()

    const done = page.getByRole('dialog', { name: '发布到网站' })
    await expect.poll(() => done.textContent()).toContain('已发布到“本地网站”')
    const id = await onlyDraftId(app.dataDir)
    const file = await localSitePage(join(app.dataDir, 'site'), id)
    const url = pathToFileURL(file).href
    const steps = done.getByRole('list', { name: '发布进度' }).locator('li')
    await expect.poll(() => steps.allTextContents()).toEqual(['准备稿件', '创建文章', '检查网页', '完成'])
    // Read as the site and the page, not a file:// path; the full address is in the tooltip, and it opens the page.
    const address = done.locator('.publish-url').getByRole('button')
    expect(await address.textContent()).toBe(`本地网站 / ${file.split(/[\\/]/).slice(-2).join('/')}`)
    expect(await address.getAttribute('title')).toBe(url)
    expect(await address.textContent()).not.toContain('file:')
    await address.click()
    await expect.poll(() => app?.shellCalls.openExternal).toEqual([url])
    expect(await readFile(file, 'utf8')).toContain(TITLE)

    await done.getByRole('button', { name: '打开网页' }).click()
    await expect.poll(() => app?.shellCalls.openExternal).toEqual([url, url])
    await expect.poll(() => app?.notifications).toEqual([{ title: '稿件已发布', body: `本地网站：${url}` }])
    await expect.poll(() => statusText(page)).toBe('已发布')

    // The sign-off is in the draft, with its comment.
    const saved = JSON.parse(await readFile(join(app.dataDir, 'drafts', id, 'draft.json'), 'utf8')) as { status: string; signOffs: { action: string; name: string; comment: string }[] }
    expect(saved.status).toBe('published')
    expect(saved.signOffs.at(-1)).toMatchObject({ action: 'publish', name: '张编辑', comment: '同意发布' })

    // The workflow bar lists where it is published, and offers to send it again.
    await done.getByRole('button', { name: '关闭' }).click()
    const published = bar(page).getByRole('listitem', { name: '本地网站' })
    await expect.poll(() => published.locator('.published-address').getAttribute('title')).toBe(url)
    expect(await published.textContent()).not.toContain('file:')
    await published.getByRole('button', { name: '再次发布' }).click()
    const again = page.getByRole('dialog', { name: '再次发布' })
    expect(await again.getByRole('textbox', { name: '签字人' }).count()).toBe(0)
    await again.getByRole('button', { name: '再次发布' }).click()
    await expect.poll(() => again.textContent()).toContain('已发布到“本地网站”')
    await again.getByRole('button', { name: '关闭' }).click()
    const after = JSON.parse(await readFile(join(app.dataDir, 'drafts', id, 'draft.json'), 'utf8')) as { signOffs: { action: string }[] }
    expect(after.signOffs.filter((s) => s.action === 'publish')).toHaveLength(1)
  })

  it('with 先审后发 on, a draft without approval has no 发布 and main refuses it too', async () => {
    app = await launchApp()
    const { page } = app
    await newDraft(page, TITLE, BODY)
    expect(await bar(page).getByRole('button', { name: '发布', exact: true }).count()).toBe(0)
    const id = await onlyDraftId(app.dataDir)
    const code = await page.evaluate(async (draftId) => {
      // Straight to the bridge, as a page that skipped the missing button would.
      const bridge = (window as unknown as { newsroom: { publish: { run(r: unknown): Promise<{ ok: boolean; error?: { code: string } }> } } }).newsroom
      const answer = await bridge.publish.run({ jobId: 'sneaky', draftId, signOff: { name: '某人', revision: 1 } })
      return answer.ok ? 'ok' : answer.error?.code
    }, id)
    expect(code).toBe('approval-required')
  })

  it('CMS: a wrong token says so; a 403 offers 待审; an edit on the site is shown beside ours before overwriting', async () => {
    cms = await startCmsServer()
    app = await launchApp()
    const { page } = app
    await app.services.publishing.saveTarget({ id: 'school', name: '学校网站', kind: 'cms', baseUrl: cms.url }, 'not-the-token', true)
    await newDraft(page, TITLE, BODY)
    await gateOff(app)

    let dialog = await openPublish(page)
    expect(await dialog.getByRole('combobox', { name: '发布到' }).locator('option:checked').textContent()).toBe('学校网站（学校 CMS 接口）')
    expect(await dialog.getByRole('combobox', { name: '在网站上的状态' }).inputValue()).toBe('publish')
    await dialog.getByRole('button', { name: '仍然发布' }).click()
    const failed = page.getByRole('dialog', { name: '发布到网站' })
    await expect.poll(() => failed.getByRole('alert').textContent()).toContain('用户名或应用密码（令牌）不正确')
    // The technical words are in the tooltip, never the token.
    expect(await failed.getByRole('alert').getAttribute('title')).toMatch(/401/)
    expect(await failed.textContent()).not.toContain('not-the-token')
    expect(cms.articles.size).toBe(0)
    await failed.getByRole('button', { name: '关闭' }).click()

    // The right token, but an account that may only submit for review.
    await app.services.publishing.saveTarget({ id: 'school', name: '学校网站', kind: 'cms', baseUrl: cms.url }, cms.token)
    cms.canPublish = false
    dialog = await openPublish(page)
    await dialog.getByRole('button', { name: '仍然发布' }).click()
    const forbidden = page.getByRole('dialog', { name: '发布到网站' })
    await expect.poll(() => forbidden.getByRole('alert').textContent()).toContain('没有直接发布的权限')
    await forbidden.getByRole('button', { name: '改为提交待审' }).click()
    await expect.poll(() => forbidden.textContent()).toContain('已提交到“学校网站”待审')
    const [article] = [...cms.articles.values()]
    expect(article).toMatchObject({ status: 'pending', title: TITLE })
    await expect.poll(() => statusText(page)).toBe('已发布')
    await expect.poll(() => app?.notifications.map((n) => n.title)).toEqual(['稿件已提交待审'])
    await forbidden.getByRole('button', { name: '关闭' }).click()

    // 检查网页: the CMS page shows what we sent.
    const row = bar(page).getByRole('listitem', { name: '学校网站' })
    await row.getByRole('button', { name: '检查网页' }).click()
    const report = page.getByRole('dialog', { name: '网页检查：学校网站' })
    await expect.poll(() => report.textContent()).toContain('网页检查通过')
    await report.getByRole('button', { name: '关闭' }).click()
    // A link slipped into the article on the site: the check says so, loudly.
    cms.editInCms(article?.id ?? '', { content: `${String(article?.['content'])}<p><a href="https://evil.example/win">点这里领奖</a></p>` })
    await row.getByRole('button', { name: '检查网页' }).click()
    const findings = page.getByRole('dialog', { name: '网页检查：学校网站' }).getByRole('alert')
    await expect.poll(() => findings.textContent()).toContain('网页上有我们没有发送的链接')
    expect(await findings.textContent()).toContain('https://evil.example/win')
    await page.getByRole('dialog', { name: '网页检查：学校网站' }).getByRole('button', { name: '关闭' }).click()

    // Someone edits the article in the CMS; we edit ours and publish again.
    cms.canPublish = true
    cms.editInCms(article?.id ?? '', { title: '网站编辑改过的标题', content: '<p>网站上<script>alert(1)</script>改写的正文。</p>' })
    const titleField = page.getByRole('textbox', { name: '标题', exact: true })
    await titleField.fill(`${TITLE}（更新）`)
    await page.keyboard.press('Control+s')
    await expect.poll(() => statusText(page)).not.toBe('已发布')
    dialog = await openPublish(page)
    await dialog.getByRole('button', { name: '仍然发布' }).click()
    const conflict = page.getByRole('dialog', { name: '发布到网站' })
    await expect.poll(() => conflict.getByRole('alert').textContent()).toContain('被人修改过')
    const remote = conflict.getByRole('region', { name: /网站上的版本/ })
    const ours = conflict.getByRole('region', { name: '我们要发布的版本' })
    expect(await remote.textContent()).toContain('网站编辑改过的标题')
    expect(await remote.textContent()).toContain('网站上改写的正文。')
    // Remote HTML is shown as text only: its script is neither run nor shown.
    expect(await remote.locator('script').count()).toBe(0)
    expect(await remote.textContent()).not.toContain('alert')
    expect(await ours.textContent()).toContain(`${TITLE}（更新）`)
    expect(await ours.textContent()).toContain(BODY)
    expect(cms.articles.get(article?.id ?? '')?.['title']).toBe('网站编辑改过的标题')
    await conflict.getByRole('button', { name: '覆盖网站上的修改' }).click()
    await expect.poll(() => conflict.textContent()).toContain('已发布到“学校网站”')
    expect(cms.articles.get(article?.id ?? '')).toMatchObject({ title: `${TITLE}（更新）`, status: 'publish' })
    expect(cms.articles.size).toBe(1)
    await conflict.getByRole('button', { name: '关闭' }).click()
    await expect.poll(() => statusText(page)).toBe('已发布')
  })

  it('shows each step while the site works, and 取消 stops the publish', async () => {
    cms = await startCmsServer()
    app = await launchApp()
    const { page } = app
    await app.services.publishing.saveTarget({ id: 'school', name: '学校网站', kind: 'cms', baseUrl: cms.url }, cms.token, true)
    await newDraft(page, TITLE, BODY)
    await gateOff(app)
    cms.failNext('POST /articles', { stall: true })
    const dialog = await openPublish(page)
    await dialog.getByRole('button', { name: '仍然发布' }).click()
    const running = page.getByRole('dialog', { name: '发布到网站' })
    const steps = running.getByRole('list', { name: '发布进度' })
    await expect.poll(() => steps.textContent()).toContain('创建文章')
    expect(await steps.getAttribute('aria-live')).toBe('polite')
    await running.getByRole('button', { name: '取消' }).click()
    await expect.poll(() => running.getByRole('alert').textContent()).toContain('发布已取消')
    expect(cms.articles.size).toBe(0)
    expect(await statusText(page)).not.toBe('已发布')
    expect((await app.services.publishing.outbox()).length).toBe(0)
  })
})
