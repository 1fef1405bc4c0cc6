/// <reference lib="dom" />
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { statusText, workflowBar } from './workflowHelpers'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const TITLE = '我校举行第十届秋季运动会'
const BODY = '11月20日上午，我校第十届秋季运动会在田径场隆重开幕。'

/** What has focus, in words a failure message can show. */
function focusedText(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const el = document.activeElement
    if (!el || el === document.body) return '<body>'
    return el.tagName.toLowerCase() + '.' + el.className + ' "' + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40) + '"'
  })()`)
}

async function expectFocused(page: Page, target: Locator, what: string): Promise<void> {
  await expect
    .poll(async () => ((await target.count()) > 0 && (await target.evaluate((el) => el === document.activeElement)) ? 'focused' : await focusedText(page)), { message: what, timeout: 10_000 })
    .toBe('focused')
}

/** Tab (or Shift+Tab) until `target` has focus, as a keyboard user would; fails after `limit` presses. */
async function tabTo(page: Page, target: Locator, limit = 25, key = 'Tab'): Promise<number> {
  for (let presses = 0; presses <= limit; presses++) {
    if ((await target.count()) > 0 && (await target.evaluate((el) => el === document.activeElement))) return presses
    await page.keyboard.press(key)
  }
  throw new Error(`${key} never reached the target; focus is on ${await focusedText(page)}`)
}

const openDialog = (page: Page) => page.locator('dialog[open]')
const announced = (page: Page) => page.locator('.app-status')

/** A sign-off dialog: the person types the signer and presses Enter; focus goes on to the next step. */
async function signByKeyboard(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Enter')
  const signer = openDialog(page).getByRole('textbox', { name: '签字人' })
  await expectFocused(page, signer, 'the sign-off dialog opens on 签字人')
  await page.keyboard.insertText(name)
  await page.keyboard.press('Enter')
  await expect.poll(() => openDialog(page).count(), { timeout: 10_000 }).toBe(0)
}

suite('keyboard only: from launch to a published article without a mouse', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(shutdownBrowser)

  it('writes, links, previews, signs every step and publishes; focus lands somewhere sensible after every dialog', { timeout: 120_000 }, async () => {
    app = await launchApp()
    const { page } = app
    const bar = workflowBar(page)
    const library = page.getByRole('complementary', { name: '稿件库' })
    await expect.poll(() => page.getByRole('button', { name: '新建稿件' }).count()).toBeGreaterThan(0)

    // F6 from nowhere goes to the library; 新建稿件 is its entry while it holds no draft.
    await page.keyboard.press('F6')
    await expectFocused(page, library.getByRole('button', { name: '新建稿件' }), 'F6 at launch')
    await page.keyboard.press('Enter')
    const title = page.getByRole('textbox', { name: '标题', exact: true })
    await expectFocused(page, title, 'a new draft starts in its title')
    await page.keyboard.insertText(TITLE)
    await page.keyboard.press('Enter')
    const body = page.getByRole('textbox', { name: '正文' })
    await expectFocused(page, body, 'Enter in the title goes on in the body')
    await page.keyboard.insertText(BODY)
    await page.keyboard.press('Control+s')
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 10_000 }).toContain('已保存')
    // The first save is said once in the window's status region; the visible state is not itself live.
    await expect.poll(() => announced(page).textContent()).toBe('已保存')
    expect(await page.locator('.save-status-text').getAttribute('aria-live')).toBe('off')

    // The link box: Ctrl+K puts focus in the address field, Escape closes it and the writing carries on.
    for (let attempt = 0; attempt < 5; attempt++) {
      await page.keyboard.press('Control+k')
      await expectFocused(page, page.getByRole('textbox', { name: '链接地址' }), `Ctrl+K, try ${attempt + 1}`)
      await page.keyboard.press('Escape')
      await expect.poll(() => page.getByRole('group', { name: '链接' }).count()).toBe(0)
      await expectFocused(page, body, 'Escape in the link box')
    }
    // Escape with focus back in the body closes it too.
    await page.keyboard.press('Control+k')
    await expectFocused(page, page.getByRole('textbox', { name: '链接地址' }), 'Ctrl+K again')
    await body.evaluate((el) => (el as HTMLElement).focus())
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('group', { name: '链接' }).count()).toBe(0)
    await expectFocused(page, body, 'Escape in the body while the link box is open')

    // F6 goes round the panes: body → 稿件信息 → workflow bar → library → toolbar → body; Shift+F6 goes back.
    await page.keyboard.press('F6')
    await expect.poll(() => page.evaluate(`!!document.activeElement.closest('.metadata-panel')`)).toBe(true)
    await page.keyboard.press('F6')
    await expect.poll(() => page.evaluate(`!!document.activeElement.closest('.workflow-bar')`)).toBe(true)
    await page.keyboard.press('F6')
    const row = library.locator('.draft-open').first()
    await expectFocused(page, row, 'F6 to the library lands on the draft')
    await page.keyboard.press('F6')
    await expect.poll(() => page.evaluate(`!!document.activeElement.closest('[role=toolbar]')`)).toBe(true)
    await page.keyboard.press('F6')
    await expectFocused(page, body, 'F6 from the toolbar')
    await page.keyboard.press('Shift+F6')
    await expect.poll(() => page.evaluate(`!!document.activeElement.closest('[role=toolbar]')`)).toBe(true)

    // 预览 opens on 关闭, not 导出网页, and closing it returns to 预览.
    const previewButton = page.getByRole('button', { name: '预览', exact: true })
    await tabTo(page, previewButton, 5, 'Shift+Tab')
    await page.keyboard.press('Enter')
    await expectFocused(page, openDialog(page).getByRole('button', { name: '关闭' }), '预览 opens')
    await page.keyboard.press('Escape')
    await expectFocused(page, previewButton, 'after 预览')

    // 设置: ←/→ move between its tabs; closing returns to 设置. 预览 is in the editor's pane: 稿件信息, the bar, the library.
    await page.keyboard.press('F6')
    await page.keyboard.press('F6')
    await page.keyboard.press('F6')
    await expectFocused(page, row, 'F6 back to the library')
    const settingsButton = library.getByRole('button', { name: '设置', exact: true })
    await tabTo(page, settingsButton, 10, 'Shift+Tab')
    await page.keyboard.press('Enter')
    const tabs = openDialog(page).getByRole('tab')
    await tabs.first().focus()
    await page.keyboard.press('ArrowRight')
    await expectFocused(page, tabs.nth(1), '→ in the settings tabs')
    expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    await expectFocused(page, tabs.last(), '← from the first tab wraps to the last')
    // Each tab list is one Tab stop: Tab leaves it for the panel.
    expect(await tabs.evaluateAll((all) => all.filter((tab) => (tab as HTMLElement).tabIndex === 0).length)).toBe(1)
    await page.keyboard.press('Escape')
    await expectFocused(page, settingsButton, 'after 设置')

    // The draft list is one Tab stop: from the draft, Tab leaves the list (the ⋯ button is on →).
    await tabTo(page, row, 15)
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => page.evaluate(`document.activeElement.className`)).toContain('draft-more')
    await page.keyboard.press('ArrowLeft')
    await expectFocused(page, row, '← back to the draft')
    await page.keyboard.press('Tab')
    await expect.poll(() => page.evaluate(`!!document.activeElement.closest('.library-scroller')`)).toBe(false)

    // Signing: F6 round to the workflow bar lands on 提交校对; each dialog hands focus on to the next step.
    await tabTo(page, bar.getByRole('button', { name: '提交校对', exact: true }), 5, 'F6')
    await signByKeyboard(page, '张编辑')
    await expect.poll(() => statusText(page), { timeout: 10_000 }).toBe('待校对')
    await expectFocused(page, bar.getByRole('button', { name: '校对通过', exact: true }), 'after 提交校对 (its button is gone)')
    await expect.poll(() => announced(page).textContent()).toBe('状态：待校对')
    await signByKeyboard(page, '李四')
    await expect.poll(() => statusText(page), { timeout: 10_000 }).toBe('待审核')
    await expectFocused(page, bar.getByRole('button', { name: '审核通过', exact: true }), 'after 校对')
    await signByKeyboard(page, '王五')
    await expect.poll(() => statusText(page), { timeout: 10_000 }).toBe('已审核')
    const publish = bar.getByRole('button', { name: '发布', exact: true })
    await expectFocused(page, publish, 'after 审核')

    // 发布: sign with the keyboard, Enter sends it; the result is announced in the dialog's own live region.
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: '发布到网站' })
    await expect.poll(() => dialog.getByRole('combobox', { name: '发布到' }).inputValue()).not.toBe('')
    const signer = dialog.getByRole('textbox', { name: '签字人' })
    await tabTo(page, signer)
    await page.keyboard.insertText('张编辑')
    await page.keyboard.press('Enter')
    await expect.poll(() => dialog.textContent(), { timeout: 30_000 }).toContain('已发布到“本地网站”')
    await expect.poll(() => dialog.locator('[aria-live="polite"].visually-hidden').textContent()).toContain('已发布到“本地网站”')
    await expect.poll(() => statusText(page), { timeout: 10_000 }).toBe('已发布')
    await page.keyboard.press('Escape')
    await expect.poll(() => openDialog(page).count()).toBe(0)
    await expect.poll(() => page.evaluate(`!!document.activeElement.closest('.workflow-bar')`), { message: `after 发布: ${await focusedText(page)}` }).toBe(true)
    await expect.poll(() => announced(page).textContent()).toBe('状态：已发布')

    // 历史版本 from the bar, closed with Escape: back on its button.
    const historyButton = bar.getByRole('button', { name: '历史版本' })
    await tabTo(page, historyButton, 15)
    await page.keyboard.press('Enter')
    await expect.poll(() => openDialog(page).count()).toBe(1)
    await page.keyboard.press('Escape')
    await expectFocused(page, historyButton, 'after 历史版本')

    // 操作记录 likewise.
    const auditButton = bar.getByRole('button', { name: '操作记录' })
    await tabTo(page, auditButton, 5, 'Shift+Tab')
    await page.keyboard.press('Enter')
    await expect.poll(() => openDialog(page).count()).toBe(1)
    await page.keyboard.press('Escape')
    await expectFocused(page, auditButton, 'after 操作记录')

    // 照片 from the toolbar (→ along the toolbar): closing the culling view goes back to the writing.
    await tabTo(page, page.locator('.format-toolbar button[tabindex="0"]'), 5, 'F6')
    await tabTo(page, page.getByRole('button', { name: '照片' }), 30, 'ArrowRight')
    await page.keyboard.press('Enter')
    await expect.poll(() => openDialog(page).count()).toBe(1)
    await page.keyboard.press('Escape')
    await expect.poll(() => openDialog(page).count()).toBe(0)
    await expectFocused(page, body, 'after 照片')
  })

  it('重命名 returns to the draft, 移到回收站 moves focus to the next draft', { timeout: 90_000 }, async () => {
    app = await launchApp()
    const { page } = app
    for (const name of ['第一篇', '第二篇']) {
      await page.getByRole('button', { name: '新建稿件' }).first().focus()
      await page.keyboard.press('Enter')
      await expectFocused(page, page.getByRole('textbox', { name: '标题', exact: true }), 'a new draft')
      await page.keyboard.insertText(name)
      await page.keyboard.press('Control+s')
      await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 10_000 }).toContain('已保存')
    }
    const list = page.getByRole('list', { name: '稿件列表' })
    await expect.poll(() => list.locator('.draft-open').count()).toBe(2)
    // One Tab stop for the whole list.
    expect(await list.evaluate((el) => [...el.querySelectorAll('button')].filter((b) => b.tabIndex === 0).length)).toBe(1)

    const first = list.locator('.draft-open').first()
    await first.focus()
    const firstTitle = (await first.locator('.draft-title').textContent()) ?? ''
    await page.keyboard.press('Shift+F10')
    await expectFocused(page, page.getByRole('menuitem', { name: '重命名' }), 'the draft menu')
    await page.keyboard.press('Enter')
    await expect.poll(() => openDialog(page).count()).toBe(1)
    await page.keyboard.press('Escape')
    await expectFocused(page, list.locator('.draft-open').filter({ hasText: firstTitle }), 'after 重命名')

    await page.keyboard.press('Shift+F10')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await expectFocused(page, page.getByRole('menuitem', { name: '移到回收站' }), '移到回收站 in the menu')
    await page.keyboard.press('Enter')
    await expect.poll(() => list.locator('.draft-open').count()).toBe(1)
    await expectFocused(page, list.locator('.draft-open').first(), 'after 移到回收站 the next draft')
  })
})
