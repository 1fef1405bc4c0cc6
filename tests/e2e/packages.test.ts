/// <reference lib="dom" />
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strToU8, zipSync } from 'fflate'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { writeNewDraft } from './workflowHelpers'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const TITLE = '校运会闭幕'
const BODY = '11月22日下午，校运会在田径场闭幕。'

const newDraft = (page: Page) => writeNewDraft(page, TITLE, BODY)

const listedTitles = (page: Page) => page.getByRole('list', { name: '稿件列表' }).locator('.draft-title').allTextContents()
const draftFolders = async (dataDir: string) => (await readdir(join(dataDir, 'drafts'))).filter((name) => !name.startsWith('.'))

suite('draft packages through the UI', () => {
  let app: LaunchedApp | undefined
  let other: LaunchedApp | undefined
  let out: string
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'newsroom-packages-'))
  })
  afterEach(async () => {
    for (const launched of [app, other]) if (launched) expect(launched.pageErrors).toEqual([])
    await app?.close()
    await other?.close()
    app = undefined
    other = undefined
  })
  afterAll(async () => {
    await shutdownBrowser()
    await rm(out, { recursive: true, force: true })
  })

  it('exports a signed draft, imports it on another data folder, and asks keep both / replace on re-import', async () => {
    app = await launchApp()
    await newDraft(app.page)
    const bar = app.page.getByRole('region', { name: '审签流程' })
    await bar.getByRole('button', { name: '提交校对', exact: true }).click()
    await app.page.getByRole('dialog').getByRole('textbox', { name: '签字人' }).fill('张编辑')
    await app.page.getByRole('dialog').locator('button[type=submit]').click()
    await expect.poll(() => bar.locator('.workflow-status').textContent()).toBe('待校对')

    const path = join(out, '校运会闭幕.newsroom')
    app.dialogs.answerSave(path)
    await bar.getByRole('button', { name: '导出稿件包' }).click()
    await expect.poll(() => bar.textContent()).toContain(`稿件包已保存：${path}`)

    // Another computer: a fresh data folder.
    other = await launchApp()
    const page = other.page
    other.dialogs.answerOpen([path])
    await page.getByRole('button', { name: '导入稿件包' }).click()
    await expect.poll(() => page.getByRole('textbox', { name: '标题', exact: true }).inputValue()).toBe(TITLE)
    await expect.poll(() => page.getByRole('textbox', { name: '正文' }).textContent()).toBe(BODY)
    // The sign-off travelled with it.
    await expect.poll(() => page.getByRole('region', { name: '审签流程' }).locator('.workflow-status').textContent()).toBe('待校对')
    expect(await draftFolders(other.dataDir)).toEqual(await draftFolders(app.dataDir))

    // The same package again: nothing is overwritten without asking.
    other.dialogs.answerOpen([path])
    await page.getByRole('button', { name: '导入稿件包' }).click()
    const conflict = page.getByRole('dialog', { name: '这篇稿件已经在本机' })
    await expect.poll(() => conflict.textContent()).toContain('校运会闭幕.newsroom')
    expect(await conflict.textContent()).toContain('回收站')
    await conflict.getByRole('button', { name: '保留两份' }).click()
    await expect.poll(() => listedTitles(page)).toHaveLength(2)
    expect((await listedTitles(page)).sort()).toEqual([TITLE, `${TITLE}（导入副本）`].sort())

    // And once more, replacing the draft that is open in the editor: it is closed first, then goes to the trash.
    await page.getByRole('list', { name: '稿件列表' }).locator('.draft-title').getByText(TITLE, { exact: true }).click()
    await expect.poll(() => page.getByRole('textbox', { name: '标题', exact: true }).inputValue()).toBe(TITLE)
    other.dialogs.answerOpen([path])
    await page.getByRole('button', { name: '导入稿件包' }).click()
    await page.getByRole('dialog', { name: '这篇稿件已经在本机' }).getByRole('button', { name: '替换现有稿件' }).click()
    await expect.poll(() => page.getByText('原稿件已移到回收站').count()).toBe(1)
    expect(await listedTitles(page)).toHaveLength(2)
    expect(await readdir(join(other.dataDir, 'trash'))).toHaveLength(1)
    await expect.poll(() => page.getByRole('textbox', { name: '标题', exact: true }).inputValue()).toBe(TITLE)
  })

  it('refuses a hostile package with a clear message and adds nothing', async () => {
    app = await launchApp()
    await newDraft(app.page)
    const hostile = join(out, 'evil.newsroom')
    const manifest = { format: 'campus-newsroom-draft', formatVersion: 1, files: [] }
    await writeFile(hostile, zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)), '../../evil.txt': strToU8('pwned') }))
    app.dialogs.answerOpen([hostile])
    await app.page.getByRole('button', { name: '导入稿件包' }).click()
    const alert = app.page.locator('.library').getByRole('alert')
    await expect.poll(() => alert.textContent()).toContain('稿件包没有导入')
    expect(await alert.textContent()).toContain('已损坏或不安全')
    // The service's reason names the entry at fault.
    expect(await alert.textContent()).toContain('../../evil.txt')
    expect(await listedTitles(app.page)).toEqual([TITLE])
    expect(await draftFolders(app.dataDir)).toHaveLength(1)
    expect((await readdir(join(app.dataDir, 'drafts'))).filter((name) => name.startsWith('.import-'))).toEqual([])
    expect(await readdir(out)).not.toContain('evil.txt')
  })
})
