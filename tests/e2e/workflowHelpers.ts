/// <reference lib="dom" />
import { expect } from 'vitest'
import type { Locator, Page } from 'playwright-core'

/** The 审签 bar above the editor: status, sign-off steps, publish. */
export function workflowBar(page: Page): Locator {
  return page.getByRole('region', { name: '审签流程' })
}

/** The status chip's text, e.g. 草稿, 已发布. */
export async function statusText(page: Page): Promise<string> {
  return (await workflowBar(page).locator('.workflow-status').textContent()) ?? ''
}

/** 新建稿件, a title and a paragraph typed as a person would, then Ctrl+S until 已保存. */
export async function writeNewDraft(page: Page, title: string, text: string): Promise<void> {
  await page.getByRole('button', { name: '新建稿件' }).first().click()
  const titleField = page.getByRole('textbox', { name: '标题', exact: true })
  await expect.poll(() => titleField.evaluate((el) => el === document.activeElement)).toBe(true)
  await titleField.fill(title)
  await page.getByRole('textbox', { name: '正文' }).click()
  await page.keyboard.insertText(text)
  await page.keyboard.press('Control+s')
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('已保存')
}
