/// <reference lib="dom" />
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

// Electron's window (taskbar button, Alt+Tab) shows the page's document.title.
suite('window title', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  it('carries the open draft’s title once it is saved, and the app’s name alone with no draft open', async () => {
    app = await launchApp()
    const { page } = app
    await expect.poll(() => page.title()).toBe('校园新闻编辑器')
    await page.getByRole('button', { name: '新建稿件' }).first().click()
    await expect.poll(() => page.title()).toBe('无标题稿件 — 校园新闻编辑器')
    await page.getByRole('textbox', { name: '标题' }).fill('运动会开幕')
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('已保存')
    await expect.poll(() => page.title()).toBe('运动会开幕 — 校园新闻编辑器')
  })
})
