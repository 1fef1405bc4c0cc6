/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import type { ArticleBlock } from '../../src/shared/article/schema'
import type { DraftId } from '../../src/shared/model/draft'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { revealToolbarButton } from './editorHelpers'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

let fixtureDir: string
let photoPath: string

function body(page: Page): Locator {
  return page.getByRole('textbox', { name: '正文' })
}

async function newDraft(page: Page, title: string, text: string): Promise<void> {
  await page.getByRole('button', { name: '新建稿件' }).first().click()
  const titleBox = page.getByRole('textbox', { name: '标题' })
  await expect.poll(() => titleBox.evaluate((el) => el === document.activeElement)).toBe(true)
  await titleBox.fill(title)
  await body(page).click()
  await page.keyboard.insertText(text)
}

/** The draft with this title and its saved blocks, once `check` holds for what reached the disk. */
async function savedDraft(app: LaunchedApp, title: string, check: (blocks: ArticleBlock[]) => boolean): Promise<{ id: DraftId; blocks: ArticleBlock[] }> {
  let found: { id: DraftId; blocks: ArticleBlock[] } | null = null
  await expect
    .poll(async () => {
      const { drafts } = await app.services.drafts().list('active')
      const summary = drafts.find((draft) => draft.title === title)
      if (!summary) return false
      const draft = await app.services.drafts().open(summary.id)
      const blocks = (draft.body?.root.children ?? []) as unknown as ArticleBlock[]
      found = { id: summary.id, blocks }
      return check(blocks)
    })
    .toBe(true)
  return found!
}

const imageIds = (blocks: ArticleBlock[]): string[] => blocks.flatMap((block) => (block.type === 'image' ? [block.assetId] : []))
const texts = (blocks: ArticleBlock[]): string[] =>
  blocks.map((block) => ('children' in block ? block.children.map((child) => ('text' in child ? child.text : '')).join('') : `[${block.type}]`))

/**
 * Selects the whole body and copies it: a copy event as Ctrl+C fires it, its clipboard data kept for the
 * paste (headless Chromium's own clipboard does not carry custom flavours between key presses reliably).
 */
async function copyBody(page: Page): Promise<Record<string, string>> {
  await body(page).click()
  await page.keyboard.press('Control+a')
  return body(page).evaluate((root) => {
    const data = new DataTransfer()
    root.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }))
    return Object.fromEntries(data.types.map((type) => [type, data.getData(type)]))
  })
}

async function pasteInto(page: Page, flavours: Record<string, string>): Promise<void> {
  await body(page).evaluate((root, flavours) => {
    const data = new DataTransfer()
    for (const [type, value] of Object.entries(flavours)) data.setData(type, value)
    root.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, flavours)
}

suite('a photo copied from one draft and pasted into another', () => {
  let app: LaunchedApp | undefined
  beforeAll(async () => {
    fixtureDir = await mkdtemp(join(tmpdir(), 'newsroom-cross-draft-'))
    photoPath = join(fixtureDir, '颁奖.jpg')
    await sharp({ create: { width: 640, height: 420, channels: 3, background: '#3a6db0' } })
      .composite([{ input: { create: { width: 200, height: 120, channels: 3, background: '#f2c84b' } }, left: 80, top: 60 }])
      .jpeg({ quality: 80 })
      .toFile(photoPath)
  })
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(async () => {
    await shutdownBrowser()
    await rm(fixtureDir, { recursive: true, force: true })
  })

  /** Draft 甲 with a paragraph and a photo, copied whole; then draft 乙 opened with its caret in the body. */
  async function copyFromFirstDraft(current: LaunchedApp) {
    const { page } = current
    await newDraft(page, '甲稿', '颁奖仪式现场。')
    await page.keyboard.press('Enter')
    current.dialogs.answerOpen([photoPath])
    await (await revealToolbarButton(page, '插入图片')).click()
    await expect.poll(() => body(page).locator('img').count()).toBe(1)
    const source = await savedDraft(current, '甲稿', (blocks) => imageIds(blocks).length === 1)
    const assetId = imageIds(source.blocks)[0]!
    const clipboard = await copyBody(page)
    expect(clipboard['application/x-lexical-editor']).toContain(assetId)
    await newDraft(page, '乙稿', '转载：')
    return { source, assetId, clipboard }
  }

  it('copies the picture into the pasting draft, so it shows there and is saved with it', async () => {
    app = await launchApp({ settings: { autosaveDelayMs: 200 } })
    const { page } = app
    const { source, assetId, clipboard } = await copyFromFirstDraft(app)
    await pasteInto(page, clipboard)

    const image = body(page).locator('img')
    await expect.poll(() => image.count()).toBe(1)
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth === 640)).toBe(true)
    const target = await savedDraft(app, '乙稿', (blocks) => imageIds(blocks).length === 1)
    expect(target.id).not.toBe(source.id)
    expect(imageIds(target.blocks)).toEqual([assetId])
    expect(texts(target.blocks)[0]).toBe('转载：颁奖仪式现场。')
    const copied = join(app.services.drafts().assetsFolder(target.id), assetId)
    expect(await readFile(copied)).toEqual(await readFile(join(app.services.drafts().assetsFolder(source.id), assetId)))
  })

  it('puts a placeholder where the picture was when the first draft no longer has it', async () => {
    app = await launchApp({ settings: { autosaveDelayMs: 200 } })
    const { page } = app
    const { source, assetId, clipboard } = await copyFromFirstDraft(app)
    await unlink(join(app.services.drafts().assetsFolder(source.id), assetId))
    await pasteInto(page, clipboard)

    await expect.poll(() => page.getByRole('status').filter({ hasText: '1 张图片未能导入' }).count()).toBe(1)
    const target = await savedDraft(app, '乙稿', (blocks) => texts(blocks).some((text) => text.includes('复制来源的稿件中已没有这张图片')))
    expect(imageIds(target.blocks)).toEqual([])
    expect(await body(page).locator('img').count()).toBe(0)
    expect(existsSync(join(app.services.drafts().assetsFolder(target.id), assetId))).toBe(false)
  })
})
