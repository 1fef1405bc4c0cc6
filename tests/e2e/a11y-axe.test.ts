/// <reference lib="dom" />
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { axeViolations, CATALOGUES, type Language } from './a11yAxe'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

/** Every view's violations, collected so one run names them all rather than the first. */
type Findings = Record<string, string[]>

async function check(page: Page, findings: Findings, view: string): Promise<void> {
  const found = await axeViolations(page)
  if (found.length > 0) findings[view] = found
}

async function closeDialog(page: Page, dialog: Locator): Promise<void> {
  await page.keyboard.press('Escape')
  await expect.poll(() => dialog.count()).toBe(0)
}

suite('axe-core (WCAG 2.1 A/AA) on every main view', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  for (const language of Object.keys(CATALOGUES) as Language[]) {
    it(`${language}: library, editor, 稿件信息, each settings tab, preview, sign-off, history, publish, photos`, { timeout: 120_000 }, async () => {
      const w = CATALOGUES[language]
      app = await launchApp({ settings: { language } })
      const { page } = app
      const findings: Findings = {}
      const dialog = page.locator('dialog[open]')

      await expect.poll(() => page.getByRole('button', { name: w.library.newDraft }).count()).toBeGreaterThan(0)
      // The check can fail: a picture without a text alternative is reported, then taken away again.
      await page.evaluate(`document.body.insertAdjacentHTML('beforeend', '<img id="axe-probe" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">')`)
      expect((await axeViolations(page)).join('\n')).toContain('image-alt')
      await page.evaluate(`document.getElementById('axe-probe').remove()`)
      await check(page, findings, 'library (empty)')

      await page.getByRole('button', { name: w.library.newDraft }).first().click()
      await page.getByRole('textbox', { name: w.editor.title, exact: true }).fill('我校举行秋季运动会')
      await page.getByRole('textbox', { name: w.editor.body }).click()
      await page.keyboard.insertText('11月20日上午，我校第十届秋季运动会在田径场隆重开幕。')
      await page.keyboard.press('Control+s')
      await expect.poll(() => page.locator('.save-status-text').textContent()).toContain(w.save.saved)
      await check(page, findings, 'library and editor')
      // The filters, with their date fields (typed text, a calendar button, the system's picker out of sight).
      const filters = page.getByRole('complementary', { name: w.library.label }).locator('.library-filter-toggle')
      await filters.click()
      await check(page, findings, 'library filters')
      await filters.click()
      // The article is Chinese whatever the UI speaks, and a button's name contains what it shows (H2, H3).
      expect(await page.evaluate('document.documentElement.lang')).toBe(language)
      for (const field of [page.getByRole('textbox', { name: w.editor.title, exact: true }), page.getByRole('textbox', { name: w.editor.body })]) {
        expect(await field.getAttribute('lang')).toBe('zh-CN')
      }
      for (const action of ['heading2', 'heading3'] as const) {
        const face = w.toolbar.faces[action]
        expect(await page.getByRole('toolbar').getByRole('button', { name: face }).count(), face).toBe(1)
      }

      const panel = page.getByRole('complementary', { name: w.metadata.title })
      await panel.getByRole('textbox').first().focus()
      await check(page, findings, '稿件信息')

      await page.getByRole('button', { name: w.app.settings, exact: true }).click()
      await expect.poll(() => dialog.count()).toBe(1)
      for (const tab of await dialog.getByRole('tab').all()) {
        await tab.click()
        await page.waitForTimeout(300)
        await check(page, findings, `设置 → ${(await tab.textContent()) ?? ''}`)
      }
      await closeDialog(page, dialog)

      await page.getByRole('button', { name: w.preview.open, exact: true }).click()
      await expect.poll(() => dialog.locator('.preview-loading').count()).toBe(0)
      await check(page, findings, '预览')
      await closeDialog(page, dialog)

      await page.locator('.workflow-bar .workflow-steps button').first().click()
      await expect.poll(() => dialog.count()).toBe(1)
      await check(page, findings, 'sign-off dialog')
      await closeDialog(page, dialog)

      await page.locator('.workflow-bar').getByRole('button', { name: w.workflow.history }).click()
      await expect.poll(() => dialog.count()).toBe(1)
      await page.waitForTimeout(300)
      await check(page, findings, '历史版本')
      await closeDialog(page, dialog)

      // The office turned 先审后发 off, so 发布 is offered at once (as the settings dialog would do it).
      await app.emit('settings:changed', app.services.settings.update({ requireApproval: false, userName: '张编辑' }))
      await page.locator('.workflow-bar').getByRole('button', { name: w.workflow.actions.publish, exact: true }).click()
      await expect.poll(() => dialog.getByRole('combobox').first().inputValue()).not.toBe('')
      await check(page, findings, '发布')
      await closeDialog(page, dialog)

      await page.locator('.toolbar-button-photos').click()
      await expect.poll(() => dialog.count()).toBe(1)
      await check(page, findings, '照片')
      await closeDialog(page, dialog)

      expect(findings).toEqual({})
    })
  }
})
