/// <reference lib="dom" />
/**
 * Shared steps for the editor's E2E tests (tests/e2e/editor*.test.ts): open a fresh draft, type into the
 * body, save with Ctrl+S and read back what reached draft.json.
 */
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { Locator, Page } from 'playwright-core'

export type SavedNode = { type: string; children?: SavedNode[]; [key: string]: unknown }
export type SavedBody = { root: SavedNode & { children: SavedNode[] } }

export function body(page: Page): Locator {
  return page.getByRole('textbox', { name: '正文' })
}

export function toolbarButton(page: Page, name: string): Locator {
  return page.getByRole('toolbar', { name: '格式' }).getByRole('button', { name, exact: true })
}

/** A window wide enough for the whole toolbar to sit in its one row (nothing under 更多). */
export const WIDE_WINDOW = { width: 1920, height: 1080 }

/** A toolbar button, opening 更多 first when the window is too narrow for it to sit in the row. */
export async function revealToolbarButton(page: Page, name: string): Promise<Locator> {
  const button = toolbarButton(page, name)
  const more = page.getByRole('toolbar', { name: '格式' }).getByRole('button', { name: '更多工具' })
  if ((await button.count()) === 0 && (await more.getAttribute('aria-expanded')) !== 'true') await more.click()
  return button
}

/** A new draft with its caret in the (empty) body. */
export async function openNewDraft(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: '新建稿件' }).first().click()
  const title = page.getByRole('textbox', { name: '标题' })
  await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true)
  await title.fill('编辑器测试')
  const editor = body(page)
  await editor.click()
  return editor
}

export async function press(page: Page, key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i += 1) await page.keyboard.press(key)
}

/** Ctrl+S, then the body as it is on disk once the save has landed. */
export async function saveAndReadBody(page: Page, dataDir: string): Promise<SavedBody> {
  await page.keyboard.press('Control+s')
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('已保存')
  const ids = (await readdir(join(dataDir, 'drafts'))).filter((name) => !name.startsWith('.'))
  expect(ids).toHaveLength(1)
  const draft = JSON.parse(await readFile(join(dataDir, 'drafts', ids[0]!, 'draft.json'), 'utf8')) as { body: SavedBody }
  return draft.body
}

/** The text of a saved node, its descendants' text joined. */
export function textOf(node: SavedNode): string {
  if (typeof node['text'] === 'string') return node['text']
  return (node.children ?? []).map(textOf).join('')
}

/** Every text node of a saved body, in reading order. */
export function textNodes(node: SavedNode): SavedNode[] {
  if (node.type === 'text') return [node]
  return (node.children ?? []).flatMap(textNodes)
}
