/// <reference lib="dom" />
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { writeNewDraft } from './workflowHelpers'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const TITLE = '运动会开幕'
const BODY = '运动员代表宣誓。'

suite('a .newsroom file opened with the app (double-click, command line, second launch)', () => {
  let app: LaunchedApp | undefined
  let other: LaunchedApp | undefined
  let out: string
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'newsroom-open-file-'))
  })
  afterEach(async () => {
    for (const launched of [app, other]) if (launched) expect(launched.pageErrors).toEqual([])
    await app?.close()
    await other?.close()
  })
  afterAll(async () => {
    await shutdownBrowser()
    await rm(out, { recursive: true, force: true })
  })

  it('is imported without a dialog, and opened again asks keep both / replace like the import button', async () => {
    app = await launchApp()
    await writeNewDraft(app.page, TITLE, BODY)
    const path = join(out, `${TITLE}.newsroom`)
    app.dialogs.answerSave(path)
    const bar = app.page.getByRole('region', { name: '审签流程' })
    await bar.getByRole('button', { name: '导出稿件包' }).click()
    await expect.poll(() => bar.textContent()).toContain(`稿件包已保存：${path}`)

    other = await launchApp()
    const page = other.page
    // What main does with the path the operating system gave it (argv, open-file, second-instance).
    other.services.openPackage(path)
    await expect.poll(() => page.getByRole('textbox', { name: '标题', exact: true }).inputValue()).toBe(TITLE)
    await expect.poll(() => page.getByRole('textbox', { name: '正文' }).textContent()).toBe(BODY)

    other.services.openPackage(path)
    const conflict = page.getByRole('dialog', { name: '这篇稿件已经在本机' })
    await expect.poll(() => conflict.textContent()).toContain(`${TITLE}.newsroom`)
    await conflict.getByRole('button', { name: '保留两份' }).click()
    const titles = () => page.getByRole('list', { name: '稿件列表' }).locator('.draft-title').allTextContents()
    await expect.poll(async () => (await titles()).sort()).toEqual([TITLE, `${TITLE}（导入副本）`].sort())
  })
})
