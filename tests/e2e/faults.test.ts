/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createFaultyFs } from '../support/faultyFs'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

async function savedTitles(dataDir: string): Promise<string[]> {
  const ids = (await readdir(join(dataDir, 'drafts'))).filter((n) => !n.startsWith('.'))
  return Promise.all(ids.map(async (id) => JSON.parse(await readFile(join(dataDir, 'drafts', id, 'draft.json'), 'utf8')).title as string))
}

suite('when the disk refuses a save', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  for (const [mode, message] of [
    ['disk-full', '磁盘空间已满'],
    ['read-only', '数据文件夹是只读的']
  ] as const) {
    it(`${mode}: says so in words, keeps the text in the editor, and saves once the disk is back`, async () => {
      const fs = createFaultyFs()
      app = await launchApp({ fs, settings: { autosaveDelayMs: 300 } })
      const { page, dataDir } = app
      await page.getByRole('button', { name: '新建稿件' }).first().click()
      await page.getByRole('textbox', { name: '标题' }).fill('断电前写下的标题')
      const status = page.getByRole('status').first()
      await expect.poll(() => status.textContent()).toContain('已保存')

      fs.fail(mode)
      await page.getByRole('textbox', { name: '正文' }).click()
      await page.keyboard.insertText('磁盘出问题时写下的这段文字不能丢。')
      await expect.poll(() => status.textContent(), { timeout: 10_000 }).toContain('保存失败')
      expect(await status.textContent()).toContain(message)
      expect(await status.textContent()).toContain('您的文字仍保留在编辑器中')
      expect(await page.getByRole('textbox', { name: '正文' }).textContent()).toContain('磁盘出问题时写下的这段文字不能丢。')
      // The file on disk still holds the last good save, intact.
      expect(await savedTitles(dataDir)).toEqual(['断电前写下的标题'])
      // Closing the window now must not pretend all is saved.
      expect(await app.requestFlush()).toBe('failed')

      fs.heal()
      await page.getByRole('button', { name: '重试' }).click()
      await expect.poll(() => status.textContent()).toContain('已保存')
      const [id] = (await readdir(join(dataDir, 'drafts'))).filter((n) => !n.startsWith('.'))
      expect(await readFile(join(dataDir, 'drafts', id!, 'draft.json'), 'utf8')).toContain('磁盘出问题时写下的这段文字不能丢。')
      expect(app.pageErrors).toEqual([])
    })
  }
})

suite('app shell', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  it('the native menu’s 新建稿件 creates a draft and focuses its title', async () => {
    app = await launchApp()
    const { page } = app
    // A person can only reach the menu once the window shows the app.
    await page.getByRole('button', { name: '新建稿件' }).waitFor()
    await expect.poll(() => page.getByText('还没有稿件').count()).toBeGreaterThan(0)
    await app.emit('app:menuCommand', { command: 'new-draft' })
    const title = page.getByRole('textbox', { name: '标题' })
    await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true)
    await expect.poll(() => page.getByRole('listitem').count()).toBe(1)
  })

  it('switches the whole interface to English from the settings dialog, and remembers it', async () => {
    app = await launchApp()
    const { page, dataDir } = app
    await page.getByRole('button', { name: '设置' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('combobox', { name: /语言/ }).selectOption('en')
    await dialog.getByRole('button', { name: /保存|确定/ }).click()
    await expect.poll(() => page.getByRole('button', { name: 'New draft' }).count()).toBe(1)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')

    await app.close()
    app = await launchApp({ dataDir })
    await expect.poll(() => app!.page.getByRole('button', { name: 'New draft' }).count()).toBe(1)
  })

  it('every control has an accessible name', async () => {
    app = await launchApp()
    const { page } = app
    await page.getByRole('button', { name: '新建稿件' }).first().click()
    await page.getByRole('textbox', { name: '标题' }).fill('无障碍检查')
    const unnamed = await page.evaluate(() => {
      const controls = document.querySelectorAll('button, input, select, textarea, [contenteditable="true"], [role="button"], [role="tab"]')
      return [...controls]
        .filter((el) => {
          const labelledBy = el.getAttribute('aria-labelledby')
          const label = el.getAttribute('aria-label') ?? (labelledBy ? document.getElementById(labelledBy)?.textContent : null)
          const viaLabel = (el as HTMLInputElement).labels?.[0]?.textContent
          const text = el.textContent
          return !(label?.trim() || viaLabel?.trim() || text?.trim() || el.getAttribute('title')?.trim())
        })
        .map((el) => el.outerHTML.slice(0, 120))
    })
    expect(unnamed).toEqual([])
  })
})
