/// <reference lib="dom" />
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { statusText, workflowBar, writeNewDraft } from './workflowHelpers'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe
const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0

const TITLE = '我校举行第十届秋季运动会'
const FIRST = '11月20日上午，我校第十届秋季运动会在田径场隆重开幕。'
const ADDED = '三千名师生参加了开幕式。'

const bar = workflowBar
const newDraft = writeNewDraft

/** Clicks a step in the workflow bar and signs it in the dialog that opens. */
async function sign(page: Page, step: string, name: string | null, text = ''): Promise<void> {
  await bar(page).getByRole('button', { name: step, exact: true }).click()
  const dialog = page.getByRole('dialog')
  if (name !== null) await dialog.getByRole('textbox', { name: '签字人' }).fill(name)
  if (text) await dialog.getByRole('textbox').nth(1).fill(text)
  await dialog.locator('button[type=submit]').click()
  await expect.poll(() => page.getByRole('dialog').count()).toBe(0)
}

async function draftIds(dataDir: string): Promise<string[]> {
  return (await readdir(join(dataDir, 'drafts'))).filter((name) => !name.startsWith('.'))
}

suite('sign-off workflow through the UI', () => {
  let app: LaunchedApp | undefined
  let second: LaunchedApp | undefined
  let out: string
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'newsroom-workflow-'))
  })
  afterEach(async () => {
    for (const launched of [app, second]) if (launched) expect(launched.pageErrors).toEqual([])
    await app?.close()
    await second?.close()
    app = undefined
    second = undefined
  })
  afterAll(async () => {
    await shutdownBrowser()
    await rm(out, { recursive: true, force: true })
  })

  it('goes the full round: submit, proofread, review, an edit drops it, re-approve, approval PDF, publish', async () => {
    app = await launchApp()
    const { page } = app
    await newDraft(page, TITLE, FIRST)
    await expect.poll(() => statusText(page)).toBe('草稿')

    // Nobody set a name in settings: the dialog asks for one, and refuses an empty one.
    await bar(page).getByRole('button', { name: '提交校对', exact: true }).click()
    await page.getByRole('dialog').locator('button[type=submit]').click()
    await expect.poll(() => page.getByRole('dialog').getByRole('alert').textContent()).toContain('请填写签字人的姓名')
    await page.getByRole('dialog').getByRole('textbox', { name: '签字人' }).fill('张编辑')
    await page.getByRole('dialog').locator('button[type=submit]').click()
    await expect.poll(() => statusText(page)).toBe('待校对')

    await sign(page, '校对通过', '李四', '已校对，无误')
    await expect.poll(() => statusText(page)).toBe('待审核')
    await expect.poll(() => bar(page).textContent()).toMatch(/校对 ✓ 李四 \d\d-\d\d \d\d:\d\d/)
    await sign(page, '审核通过', '王五', '同意发布')
    await expect.poll(() => statusText(page)).toBe('已审核')
    await expect.poll(() => bar(page).textContent()).toMatch(/审核 ✓ 王五/)
    // Approved and unchanged since: 查看改动 would show nothing, so it is not offered.
    const viewChanges = bar(page).locator('.workflow-tools').getByRole('button', { name: '查看改动' })
    expect(await viewChanges.count()).toBe(0)

    // An edit after the approval: the approval is void and the draft goes back to 待校对.
    await page.getByRole('textbox', { name: '正文' }).click()
    await page.keyboard.press('Control+End')
    await page.keyboard.insertText(ADDED)
    await page.keyboard.press('Control+s')
    const notice = bar(page).getByRole('alert')
    await expect.poll(() => notice.textContent()).toContain('修改后审核已失效，稿件退回待校对')
    await expect.poll(() => statusText(page)).toBe('待校对')
    await expect.poll(() => bar(page).textContent()).toContain('审核 –')
    await expect.poll(() => viewChanges.count()).toBe(1)

    const screenshots = process.env['WORKFLOW_SCREENSHOT_DIR']
    if (screenshots) await page.screenshot({ path: join(screenshots, 'workflow-invalidated.png') })
    await notice.getByRole('button', { name: '查看改动' }).click()
    const changes = page.getByRole('dialog', { name: '签字后的改动' })
    await expect.poll(() => changes.locator('ins.diff-added').allTextContents()).toContain(ADDED)
    if (screenshots) await page.screenshot({ path: join(screenshots, 'workflow-changes.png') })
    expect(await changes.textContent()).toContain('该签字已失效')
    await changes.getByRole('button', { name: '关闭' }).click()

    // 待校对 again: the submit still holds, so proofread and review follow.
    expect(await bar(page).getByRole('button', { name: '提交校对', exact: true }).count()).toBe(0)
    await sign(page, '校对通过', '李四')
    await sign(page, '审核通过', '王五', '修改后同意发布')
    await expect.poll(() => statusText(page)).toBe('已审核')

    const pdfPath = join(out, '审批单.pdf')
    app.dialogs.answerSave(pdfPath)
    await bar(page).getByRole('button', { name: '导出审批单 (PDF)' }).click()
    await expect.poll(() => bar(page).textContent(), { timeout: 20_000 }).toContain(`审批单已保存：${pdfPath}`)
    const pdf = await readFile(pdfPath)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    if (hasPdftotext) {
      const text = spawnSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }).stdout
      expect(text).toContain(TITLE)
      expect(text).toContain('修改后同意发布')
    }

    // A valid chain: publishing needs no warning.
    await bar(page).getByRole('button', { name: '发布', exact: true }).click()
    expect(await page.getByRole('dialog').textContent()).not.toContain('未经审核发布将被记录')
    await page.getByRole('dialog').getByRole('textbox', { name: '签字人' }).fill('张编辑')
    await page.getByRole('dialog').locator('button[type=submit]').click()
    await expect.poll(() => statusText(page)).toBe('已发布')
    // The library shows the new status too.
    await expect.poll(() => page.getByRole('list', { name: '稿件列表' }).textContent()).toContain('已发布')

    const [id] = await draftIds(app.dataDir)
    const saved = JSON.parse(await readFile(join(app.dataDir, 'drafts', id ?? '', 'draft.json'), 'utf8')) as {
      status: string
      metadata: { proofreader: string; reviewer: string }
    }
    expect(saved.status).toBe('published')
    expect(saved.metadata).toMatchObject({ proofreader: '李四', reviewer: '王五' })
  })

  it('a return needs a reason, and the reason is shown on the draft', async () => {
    app = await launchApp()
    const { page } = app
    await newDraft(page, '退回测试', '正文第一段。')
    await sign(page, '提交校对', '张编辑')
    await bar(page).getByRole('button', { name: '退回', exact: true }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('textbox', { name: '签字人' }).fill('李四')
    await dialog.locator('button[type=submit]').click()
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('请写明退回原因')
    expect(await statusText(page)).toBe('待校对')
    await dialog.getByRole('textbox', { name: '退回原因' }).fill('标题有误，请核对')
    await dialog.locator('button[type=submit]').click()
    await expect.poll(() => statusText(page)).toBe('已退回')
    await expect.poll(() => bar(page).textContent()).toContain('退回原因：标题有误，请核对（李四')
    // Returned behaves like a draft: it can be submitted again.
    expect(await bar(page).getByRole('button', { name: '提交校对', exact: true }).count()).toBe(1)
  })

  it('with the approval gate off, publishing from a draft warns and is logged as without approval', async () => {
    app = await launchApp()
    const { page } = app
    await newDraft(page, '未经审核的稿件', '正文。')
    expect(await bar(page).getByRole('button', { name: '发布', exact: true }).count()).toBe(0)

    await page.getByRole('button', { name: '设置' }).click()
    const settings = page.getByRole('dialog')
    await settings.getByRole('textbox', { name: '我的姓名' }).fill('张编辑')
    await settings.getByRole('checkbox', { name: /先审后发/ }).uncheck()
    await settings.getByRole('button', { name: '保存' }).click()
    await expect.poll(() => app?.services.settings.get().requireApproval).toBe(false)
    // Confirmed in main's own dialog, which the page cannot click.
    expect(app.confirms.asked.map((request) => request.message)).toEqual(['确定关闭“先审后发”吗？'])

    await expect.poll(() => bar(page).getByRole('button', { name: '发布', exact: true }).count()).toBe(1)
    await bar(page).getByRole('button', { name: '发布', exact: true }).click()
    const dialog = page.getByRole('alertdialog')
    await expect.poll(() => dialog.textContent()).toContain('未经审核发布将被记录')
    // The name from settings is filled in.
    expect(await dialog.getByRole('textbox', { name: '签字人' }).inputValue()).toBe('张编辑')
    await dialog.getByRole('button', { name: '仍然发布' }).click()
    await expect.poll(() => statusText(page)).toBe('已发布')
    await expect.poll(() => bar(page).textContent()).toContain('此稿未经审核发布（张编辑')
    // The article went to the default target, the local site folder; the dialog shows where, until closed.
    await page.getByRole('dialog', { name: '发布到网站' }).getByRole('button', { name: '关闭' }).click()

    await bar(page).getByRole('button', { name: '操作记录' }).click()
    const log = page.getByRole('dialog', { name: '操作记录' })
    const rows = log.locator('tbody tr')
    await expect.poll(() => rows.count()).toBeGreaterThan(1)
    const screenshots = process.env['WORKFLOW_SCREENSHOT_DIR']
    if (screenshots) await page.screenshot({ path: join(screenshots, 'workflow-audit.png') })
    // Newest first: the publish is on top, with who did it.
    const top = await rows.first().locator('td').allTextContents()
    expect(top.slice(1, 3)).toEqual(['张编辑', '发布'])
    expect(top[3]).toContain('未经审核')
    expect(top[3]).toContain('草稿 → 已发布')
    expect(await rows.last().locator('td').nth(2).textContent()).toBe('新建稿件')
  })

  it('history lists sign-off versions, shows one, compares it with now and restores it', async () => {
    app = await launchApp()
    const { page, dataDir } = app
    await newDraft(page, '历史版本测试', FIRST)
    await sign(page, '提交校对', '张编辑')
    await page.getByRole('textbox', { name: '正文' }).click()
    await page.keyboard.press('Control+End')
    await page.keyboard.insertText(ADDED)
    await page.keyboard.press('Control+s')
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('已保存')

    await bar(page).getByRole('button', { name: '历史版本' }).click()
    const dialog = page.getByRole('dialog')
    const items = dialog.getByRole('list', { name: '历史版本列表' }).getByRole('listitem')
    await expect.poll(() => items.count()).toBeGreaterThan(0)
    const signoff = items.filter({ hasText: '签发' })
    const screenshots = process.env['WORKFLOW_SCREENSHOT_DIR']
    if (screenshots) await page.screenshot({ path: join(screenshots, 'workflow-history.png') })
    expect(await signoff.count()).toBe(1)
    expect(await signoff.textContent()).toContain('历史版本测试')

    await signoff.getByRole('button', { name: '查看' }).click()
    // The article is rendered in a shadow root, as in the preview; locators pierce it, textContent does not.
    const article = dialog.getByRole('region', { name: '历史版本内容' }).locator('.news-page')
    await expect.poll(() => article.textContent()).toContain(FIRST)
    expect(await article.textContent()).not.toContain(ADDED)

    await dialog.getByRole('button', { name: '返回列表' }).click()
    await signoff.getByRole('button', { name: '与当前对比' }).click()
    await expect.poll(() => dialog.locator('ins.diff-added').allTextContents()).toContain(ADDED)

    await dialog.getByRole('button', { name: '返回列表' }).click()
    await signoff.getByRole('button', { name: '恢复此版本' }).click()
    await dialog.getByRole('button', { name: '确认恢复' }).click()
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0)
    await expect.poll(() => page.getByRole('textbox', { name: '正文' }).textContent()).toBe(FIRST)

    const [id] = await draftIds(dataDir)
    const saved = await readFile(join(dataDir, 'drafts', id ?? '', 'draft.json'), 'utf8')
    expect(saved).toContain(FIRST)
    expect(saved).not.toContain(ADDED)
    // The content before the restore was kept as a version of its own.
    await bar(page).getByRole('button', { name: '历史版本' }).click()
    await expect.poll(() => page.getByRole('dialog').getByRole('listitem').filter({ hasText: '恢复前' }).count()).toBe(1)
  })

  it('speaks English when the UI does', async () => {
    app = await launchApp({ settings: { language: 'en' } })
    const { page } = app
    await page.getByRole('button', { name: 'New draft' }).first().click()
    const region = page.getByRole('region', { name: 'Sign-off workflow' })
    await expect.poll(() => region.locator('.workflow-status').textContent()).toBe('Draft')
    // Step names are the office's own words (Chinese as the office prints them) in every UI language.
    await region.getByRole('button', { name: 'Submit for 校对' }).click()
    const dialog = page.getByRole('dialog', { name: 'Submit for 校对' })
    await dialog.getByRole('textbox', { name: 'Signed by' }).fill('Zhang')
    await dialog.locator('button[type=submit]').click()
    await expect.poll(() => region.locator('.workflow-status').textContent()).toBe('Awaiting 校对')
    expect(await region.textContent()).toContain('校对 –')
  })
})
