/// <reference lib="dom" />
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { schoolPageAround, startSchoolSite, type SchoolSite } from '../support/schoolPages'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { statusText, writeNewDraft } from './workflowHelpers'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const TITLE = '学院召开双高计划建设推进会'
const BODY = '11月18日下午，学院在行政楼三楼会议室召开建设推进会。'

suite('手动发布 to a back end without an API', () => {
  let app: LaunchedApp | undefined
  let site: SchoolSite | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    await site?.close()
    app = undefined
    site = undefined
  })
  afterAll(shutdownBrowser)

  it('copies each field with a tick, then the pasted address is checked and the draft becomes 已发布（手动）', async () => {
    site = await startSchoolSite()
    app = await launchApp()
    const { page } = app
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await app.services.publishing.saveTarget({ id: 'school', name: '学校新闻网', kind: 'manual', baseUrl: site.url, backEndUrl: '' })
    const settings = app.services.settings.update({ requireApproval: false, userName: '张编辑' })
    await app.emit('settings:changed', settings)
    await writeNewDraft(page, TITLE, BODY)

    const panel = page.getByRole('region', { name: '手动发布到：学校新闻网' })
    await panel.getByRole('button', { name: '复制 标题' }).click()
    await expect.poll(() => panel.getByRole('button', { name: '复制 标题' }).textContent()).toBe('✓ 已复制')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(TITLE)
    await expect.poll(() => panel.getByRole('button', { name: '复制 正文' }).textContent()).toBe('复制')
    await panel.getByRole('button', { name: '复制 正文' }).click()
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain(`\u3000\u3000${BODY}`)

    const ids = (await readdir(join(app.dataDir, 'drafts'))).filter((name) => !name.startsWith('.'))
    const draftId = ids[0] ?? ''
    const { copy } = await app.services.publishing.handCopy(draftId, 'school')
    const live = schoolPageAround('webplus', { title: TITLE, content: copy.html })
    site.serve(live.path, live)

    // An address on another site is refused with a message; nothing is recorded.
    await panel.getByRole('textbox', { name: '粘贴发布后的网址' }).fill('http://evil.example/2026/1120/page.htm')
    await panel.getByRole('button', { name: '核对并标记为已发布' }).click()
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('没有完成')
    expect((await app.services.publishing.records(draftId)).targets.school).toBeUndefined()

    await panel.getByRole('textbox', { name: '粘贴发布后的网址' }).fill(`${site.url}${live.path}`)
    await panel.getByRole('button', { name: '核对并标记为已发布' }).click()
    await expect.poll(() => panel.getByRole('status').first().textContent()).toBe('已发布（手动）')
    await expect.poll(() => panel.textContent()).toContain('网页检查通过')
    await expect.poll(() => panel.textContent()).toContain('页面类型：苏迪 WebPlus')
    await expect.poll(() => statusText(page)).toContain('已发布')
    expect((await app.services.publishing.records(draftId)).targets.school?.remoteUrl).toBe(`${site.url}${live.path}`)
  })
})
