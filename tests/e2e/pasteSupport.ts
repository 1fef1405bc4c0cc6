/// <reference lib="dom" />
/**
 * Steps shared by the paste and .docx import E2E tests: paste through a real ClipboardEvent, read the
 * saved body from disk, and check what the published HTML of it could carry.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import type { LaunchedApp } from './harness'
import { ArticleBodyStrictSchema, type ArticleBlock, type ArticleBodyStrict, type ArticleInline } from '../../src/shared/article/schema'
import { articleToHtml } from '../../src/shared/article/toHtml'
import { emptyMetadata } from '../../src/shared/model/metadata'

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..')
export const CORPUS = resolve(ROOT, '../shared/corpus')

/** Why the corpus tests cannot run, or null. */
export function corpusMissing(part: string): string | null {
  const path = resolve(CORPUS, part)
  return existsSync(path) ? null : `${path} is missing`
}

export async function openNewDraft(page: Page): Promise<void> {
  await page.getByRole('button', { name: '新建稿件' }).first().click()
  const title = page.getByRole('textbox', { name: '标题' })
  await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true)
  await title.fill('粘贴测试')
  await page.getByRole('textbox', { name: '正文' }).click()
}

export type ClipboardFlavours = { html?: string; text?: string }

/** Dispatches a paste event, as the browser does for Ctrl+V, on the focused body. */
export async function paste(page: Page, flavours: ClipboardFlavours, options: { plainShortcut?: boolean } = {}): Promise<void> {
  await page.evaluate(
    ({ html, text, plainShortcut }) => {
      const target = document.activeElement
      if (!target || !(target as HTMLElement).isContentEditable) throw new Error('the body is not focused')
      if (plainShortcut) {
        target.dispatchEvent(new KeyboardEvent('keydown', { key: 'V', code: 'KeyV', ctrlKey: true, shiftKey: true, bubbles: true, cancelable: true }))
      }
      const data = new DataTransfer()
      if (html !== undefined) data.setData('text/html', html)
      if (text !== undefined) data.setData('text/plain', text)
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    },
    { html: flavours.html, text: flavours.text, plainShortcut: options.plainShortcut === true }
  )
}

/** The newest draft's body as saved on disk, after asking the page to save. */
export async function savedBody(app: LaunchedApp): Promise<unknown> {
  expect(await app.requestFlush()).toBe('flushed')
  const { drafts } = await app.services.drafts().list('active')
  const newest = [...drafts].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))[0]
  if (!newest) throw new Error('no draft saved')
  return (await app.services.drafts().open(newest.id)).body
}

export function strictBody(body: unknown): ArticleBodyStrict {
  const parsed = ArticleBodyStrictSchema.safeParse(body)
  if (!parsed.success) throw new Error(`saved body is outside the article schema: ${parsed.error.message}\n${JSON.stringify(body).slice(0, 2000)}`)
  return parsed.data
}

export function inlineText(nodes: readonly ArticleInline[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.text : node.type === 'linebreak' ? '\n' : node.type === 'tab' ? '\t' : inlineText(node.children))).join('')
}

export function blockText(block: ArticleBlock): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
    case 'quote':
      return inlineText(block.children)
    case 'list':
      return block.children.map((item) => item.children.map((child) => (child.type === 'list' ? blockText(child) : inlineText([child]))).join('')).join('\n')
    case 'image':
      return `[image ${block.assetId}]`
    default:
      return ''
  }
}

/**
 * What the saved JSON could carry beyond text: no style field anywhere, and every link a web or mail
 * address. (Text may well read "javascript:"; as text it is harmless and escaped when published.)
 */
export function expectHarmlessJson(body: unknown, label: string): void {
  const urls: string[] = []
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit)
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        expect(key, label).not.toMatch(/^(style|class|on\w+|src|href)$/i)
        if (key === 'url') urls.push(String(child))
        visit(child)
      }
    }
  }
  visit(body)
  for (const url of urls) expect(url, label).toMatch(/^(https?:\/\/|mailto:)/)
}

/** Published HTML of a body, pictures at a web address. */
export function publishedHtml(body: unknown): string {
  return articleToHtml({ body, metadata: emptyMetadata() }, (id) => `https://news.example.edu/uploads/${id}`, { creditLine: false })
}

const PUBLISHED_TAGS = /^<\/?(p|h2|h3|strong|em|u|s|br|ul|ol|li|blockquote|a|figure|img|figcaption|hr)(?=[\s>/])/
const ATTRIBUTE = /\s([^\s=>/]+)(?:="([^"]*)")?/g

/**
 * Every tag of published HTML is one of ours, with only href/src/alt/start, and every address is a web or
 * mail address. Text is escaped by the serializer, so each `<` in the output opens a real tag.
 */
export function expectHarmlessHtml(html: string, label: string): void {
  expect(html, label).not.toMatch(/<script/i)
  for (const tag of html.match(/<[^>]*>/g) ?? []) {
    expect(tag, label).toMatch(PUBLISHED_TAGS)
    for (const [, name = '', value = ''] of tag.slice(1).matchAll(ATTRIBUTE)) {
      expect(['href', 'src', 'alt', 'start'], `${label}: ${tag}`).toContain(name.toLowerCase())
      if (name === 'href' || name === 'src') expect(value, `${label}: ${tag}`).toMatch(/^(https?:\/\/|mailto:)/)
      expect(value, `${label}: ${tag}`).not.toMatch(/javascript:|data:|vbscript:/i)
    }
  }
}
