/// <reference lib="dom" />
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

suite('设置 → 关于', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  it('opens the log file’s folder and copies diagnostics without the secrets that reached the log', async () => {
    app = await launchApp()
    const { page } = app
    app.log.error('publish to https://editor:Campus2026@news.example.edu.cn failed: 401')
    await page.getByRole('button', { name: '设置', exact: true }).click()
    const settings = page.getByRole('dialog', { name: '设置' })
    await settings.getByRole('tab', { name: '关于' }).click()
    await expect.poll(() => settings.getByText('版本 e2e').count()).toBe(1)

    await settings.getByRole('button', { name: '打开日志文件' }).click()
    await expect.poll(() => app?.shellCalls.showInFolder).toEqual([app.log.file])

    await settings.getByRole('button', { name: '复制诊断信息' }).click()
    await expect.poll(() => settings.getByRole('status').textContent()).toContain('诊断信息已复制')
    expect(app.clipboard).toHaveLength(1)
    expect(app.clipboard[0]).toContain('news.example.edu.cn failed: 401')
    expect(app.clipboard[0]).not.toContain('Campus2026')
    await settings.getByText('查看复制的内容').click()
    expect(await settings.locator('pre').textContent()).toBe(app.clipboard[0])
  })
})
