/// <reference lib="dom" />
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

type Ring = { style: string; width: number; color: string }

async function ringOf(target: Locator): Promise<Ring> {
  return target.evaluate((el) => {
    const style = getComputedStyle(el)
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor }
  })
}

/** What a CSS colour keyword (a system colour such as Highlight) computes to on this page. */
function computedColour(page: Page, colour: string): Promise<string> {
  return page.evaluate((value) => {
    const probe = document.createElement('span')
    probe.style.color = value
    document.body.append(probe)
    const result = getComputedStyle(probe).color
    probe.remove()
    return result
  }, colour)
}

suite('focus is visible, also in high-contrast mode', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  for (const forced of [false, true]) {
    it(`${forced ? 'forced colors' : 'normal colours'}: buttons, the title and the body show a solid ring of 2 px or more; pressed tools stay visible`, async () => {
      app = await launchApp()
      const { page } = app
      if (forced) await page.emulateMedia({ forcedColors: 'active' })
      expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(forced)
      await page.getByRole('button', { name: '新建稿件' }).first().click()
      const title = page.getByRole('textbox', { name: '标题', exact: true })
      await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true)
      const titleRing = await ringOf(title)
      expect(titleRing.style).toBe('solid')
      expect(titleRing.width).toBeGreaterThanOrEqual(2)

      const body = page.getByRole('textbox', { name: '正文' })
      await page.keyboard.press('Enter')
      await expect.poll(() => body.evaluate((el) => el === document.activeElement)).toBe(true)
      const bodyRing = await ringOf(body)
      expect(bodyRing.style).toBe('solid')
      expect(bodyRing.width).toBeGreaterThanOrEqual(2)

      // A keyboard-focused button (Shift+Tab from the body reaches the toolbar).
      await page.keyboard.press('Shift+Tab')
      const toolbarButton = page.locator('.format-toolbar button:focus-visible')
      await expect.poll(() => toolbarButton.count()).toBe(1)
      const buttonRing = await ringOf(toolbarButton)
      expect(buttonRing.style).toBe('solid')
      expect(buttonRing.width).toBeGreaterThanOrEqual(2)
      if (forced) expect(buttonRing.color).toBe(await computedColour(page, 'Highlight'))
      else expect(buttonRing.color).toBe('rgb(42, 93, 176)')

      // Bold pressed at the caret: in forced colors its background is the system highlight, not flattened away.
      await body.focus()
      await page.keyboard.press('Control+b')
      const bold = page.getByRole('button', { name: '加粗' })
      await expect.poll(() => bold.getAttribute('aria-pressed')).toBe('true')
      const pressed = await bold.evaluate((el) => getComputedStyle(el).backgroundColor)
      const plain = await page.getByRole('button', { name: '倾斜' }).evaluate((el) => getComputedStyle(el).backgroundColor)
      expect(pressed).not.toBe(plain)
      if (forced) expect(pressed).toBe(await computedColour(page, 'Highlight'))
    })
  }
})
