/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import exifr from 'exifr'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { ArticleBodyStrictSchema, type ArticleBlock, type ArticleBodyStrict } from '../../src/shared/article/schema'
import { createFaultyFs } from '../support/faultyFs'
import { cameraJpeg, quadrantJpeg } from '../support/images/fixtures'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'
import { revealToolbarButton } from './editorHelpers'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const ASSET_ID = /^sha256-[0-9a-f]{64}\.jpg$/

type Fixtures = { dir: string; photos: string[]; fake: string; camera: string }
let fixtures: Fixtures

/** Photos of different colours (so different assets), plus a text file named like a photo. */
async function makeFixtures(): Promise<Fixtures> {
  const dir = await mkdtemp(join(tmpdir(), 'newsroom-photos-'))
  const colours = ['#2a5db0', '#b05a2a', '#2ab07a', '#8a2ab0', '#b0a02a']
  const photos: string[] = []
  for (const [index, colour] of colours.entries()) {
    const path = join(dir, `活动照片${index + 1}.jpg`)
    const width = 900 - index * 40
    // Sky, sun and a playing field: enough of a picture to judge the layout by in a screenshot.
    const scene = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="600">` +
        `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${colour}"/><stop offset="1" stop-color="#f4f1ea"/></linearGradient></defs>` +
        `<rect width="${width}" height="600" fill="url(#sky)"/><circle cx="${width * 0.72}" cy="150" r="56" fill="#ffd36b"/>` +
        `<rect y="410" width="${width}" height="190" fill="#5b7f3a"/><rect y="470" width="${width}" height="14" fill="#c9553c"/></svg>`
    )
    await sharp(scene).jpeg({ quality: 80 }).toFile(path)
    photos.push(path)
  }
  const fake = join(dir, '不是照片.jpg')
  await writeFile(fake, '这是一个改了扩展名的文本文件，不是照片。\n')
  // As a camera writes it: larger than the profile's 1920 px, stored sideways (EXIF orientation 6), with GPS.
  const camera = join(dir, 'DSC_0042.JPG')
  await writeFile(
    camera,
    await cameraJpeg(await quadrantJpeg(2400, 1600), {
      make: 'NIKON CORPORATION',
      model: 'NIKON Z 6_2',
      orientation: 6,
      dateTimeOriginal: '2025:11:20 09:30:00',
      gps: { latitude: 30.52, longitude: 114.36 }
    })
  )
  return { dir, photos, fake, camera }
}

function photo(index: number): string {
  const path = fixtures.photos[index]
  if (!path) throw new Error(`no fixture photo ${index}`)
  return path
}

async function draftFolder(dataDir: string): Promise<string> {
  const ids = (await readdir(join(dataDir, 'drafts'))).filter((name) => !name.startsWith('.'))
  expect(ids).toHaveLength(1)
  return join(dataDir, 'drafts', ids[0]!)
}

async function savedBody(dataDir: string): Promise<ArticleBodyStrict | null> {
  const ids = (await readdir(join(dataDir, 'drafts')).catch(() => [] as string[])).filter((name) => !name.startsWith('.'))
  if (ids.length !== 1) return null
  const draft = JSON.parse(await readFile(join(dataDir, 'drafts', ids[0]!, 'draft.json'), 'utf8')) as { body: ArticleBodyStrict | null }
  return draft.body
}

/** photo-originals.json of the one draft: asset id → the file the photo was made from. */
async function photoOriginals(app: LaunchedApp): Promise<Record<string, string> | null> {
  const text = await readFile(join(await draftFolder(app.dataDir), 'photo-originals.json'), 'utf8').catch(() => null)
  return text === null ? null : (JSON.parse(text) as Record<string, string>)
}

/** Waits until what reached draft.json satisfies `check`, and returns it. */
async function savedWhen(app: LaunchedApp, check: (blocks: ArticleBlock[]) => boolean): Promise<ArticleBodyStrict> {
  let last: ArticleBodyStrict | null = null
  await expect
    .poll(async () => {
      last = await savedBody(app.dataDir)
      return last !== null && check(last.root.children)
    })
    .toBe(true)
  return last!
}

const typesOf = (blocks: ArticleBlock[]): string[] => blocks.map((block) => block.type)
const textOf = (block: ArticleBlock | undefined): string =>
  block && 'children' in block ? block.children.map((child) => ('text' in child ? child.text : '')).join('') : ''

function body(page: Page): Locator {
  return page.getByRole('textbox', { name: '正文' })
}

async function newDraft(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: '新建稿件' }).first().click()
  const title = page.getByRole('textbox', { name: '标题' })
  await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true)
  await title.fill('运动会开幕')
  await body(page).click()
  await page.keyboard.insertText(text)
}

async function insertFromPicker(app: LaunchedApp, paths: string[], button: '插入图片' | '插入组图' = '插入图片'): Promise<void> {
  app.dialogs.answerOpen(paths)
  await (await revealToolbarButton(app.page, button)).click()
}

/** Every picture in the body has loaded from the asset store (not a broken image). */
async function expectPhotosShown(page: Page, count: number): Promise<void> {
  const images = body(page).locator('img')
  await expect.poll(() => images.count()).toBe(count)
  await expect
    .poll(() => images.evaluateAll((all) => all.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)))
    .toBe(true)
}

/** The saved body is inside the closed schema, and no picture is held as a data URL or a path on this computer. */
function expectStrictBody(saved: ArticleBodyStrict): void {
  const parsed = ArticleBodyStrictSchema.safeParse(saved)
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
  const json = JSON.stringify(saved)
  expect(json).not.toContain('data:')
  expect(json).not.toContain(fixtures.dir)
}

/** Bytes of a file, handed to the page as a File in a DataTransfer, as a drop or a paste carries them. */
async function fileFor(path: string, name: string, type: string) {
  return { base64: (await readFile(path)).toString('base64'), name, type }
}

type PageFile = Awaited<ReturnType<typeof fileFor>>

async function dropFiles(page: Page, files: PageFile[], below: Locator): Promise<void> {
  const box = await below.boundingBox()
  if (!box) throw new Error('drop target not visible')
  await body(page).evaluate(
    (root, { files, x, y }) => {
      const data = new DataTransfer()
      for (const file of files) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))
        data.items.add(new File([bytes], file.name, { type: file.type }))
      }
      const init = { bubbles: true, cancelable: true, dataTransfer: data, clientX: x, clientY: y }
      root.dispatchEvent(new DragEvent('dragover', init))
      root.dispatchEvent(new DragEvent('drop', init))
    },
    // The lower part of the block: the pictures go after it.
    { files, x: box.x + box.width / 2, y: box.y + box.height * 0.8 }
  )
}

async function pasteFiles(page: Page, files: PageFile[]): Promise<void> {
  await body(page).evaluate((root, files) => {
    const data = new DataTransfer()
    for (const file of files) {
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))
      data.items.add(new File([bytes], file.name, { type: file.type }))
    }
    root.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: data }))
  }, files)
}

suite('photos in the article editor', () => {
  let app: LaunchedApp | undefined
  beforeAll(async () => {
    fixtures = await makeFixtures()
  })
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })
  afterAll(async () => {
    await shutdownBrowser()
    await rm(fixtures.dir, { recursive: true, force: true })
  })

  it('inserts a photo from the file picker, stores it by hash and saves caption, alt text, credit and layout', async () => {
    app = await launchApp({ settings: { autosaveDelayMs: 200 } })
    const { page } = app
    await newDraft(page, '开幕式在体育场举行。')
    await page.keyboard.press('Enter')
    await insertFromPicker(app, [photo(0)])
    await expectPhotosShown(page, 1)

    let saved = await savedWhen(app, (blocks) => blocks.some((b) => b.type === 'image'))
    const image = saved.root.children.find((b) => b.type === 'image')
    if (image?.type !== 'image') throw new Error('no image saved')
    expect(image.assetId).toMatch(ASSET_ID)
    expect(existsSync(join(await draftFolder(app.dataDir), 'assets', image.assetId))).toBe(true)
    // Through the photo pipeline: the original is remembered, not stored.
    await expect.poll(() => photoOriginals(app!)).toStrictEqual({ [image.assetId]: photo(0) })
    expectStrictBody(saved)

    // A photo with neither alt text nor caption is still named; then its caption names it.
    expect(await page.getByRole('figure', { name: '图片' }).count()).toBe(1)
    const figure = body(page).getByRole('figure')
    await figure.getByRole('textbox', { name: '图注' }).fill('会议现场')
    expect(await page.getByRole('figure', { name: '会议现场' }).count()).toBe(1)
    await figure.getByRole('textbox', { name: '摄影' }).fill('王小明')
    // Alt text and layout appear once the photo is being worked on (the caption field has focus).
    await page.getByRole('textbox', { name: '替代文字' }).fill('主席台上的校领导')
    await page.getByRole('group', { name: '宽度' }).getByRole('button', { name: '半栏' }).click()
    await page.getByRole('group', { name: '对齐' }).getByRole('button', { name: '靠左' }).click()
    await page.screenshot({ path: '/tmp/images-photo-tools.png' })

    saved = await savedWhen(app, (blocks) => blocks.some((b) => b.type === 'image' && b.align === 'left'))
    expect(saved.root.children.find((b) => b.type === 'image')).toStrictEqual({
      type: 'image',
      version: 1,
      assetId: image.assetId,
      caption: '会议现场',
      alt: '主席台上的校领导',
      credit: '王小明',
      width: 'half',
      align: 'left'
    })
    expect(textOf(saved.root.children[0])).toBe('开幕式在体育场举行。')
    expectStrictBody(saved)
    // Named by its alt text now.
    expect(await page.getByRole('figure', { name: '主席台上的校领导' }).count()).toBe(1)

    // Keys typed in a caption belong to the caption: Backspace removes a character, not the photo.
    const caption = page.getByRole('textbox', { name: '图注' })
    await caption.click()
    await page.keyboard.press('End')
    await page.keyboard.press('Backspace')
    await page.keyboard.type('内')
    saved = await savedWhen(app, (blocks) => blocks.some((b) => b.type === 'image' && b.caption === '会议现内'))
    expect(typesOf(saved.root.children).filter((t) => t === 'image')).toHaveLength(1)
    expect(textOf(saved.root.children[0])).toBe('开幕式在体育场举行。')
  })

  it('inserts dropped and pasted image files where they land, compressed, upright, without GPS and credited', async () => {
    app = await launchApp({ settings: { autosaveDelayMs: 200 } })
    const { page } = app
    await newDraft(page, '第一段：运动员入场。')
    await page.keyboard.press('Enter')
    await page.keyboard.insertText('第二段：比赛开始。')
    // The draft's one photographer is the credit of photos inserted without the culling view.
    const photographers = page.getByRole('complementary', { name: '稿件信息' }).getByRole('combobox', { name: '摄影' })
    await photographers.fill('李华')
    await photographers.press('Enter')
    await savedWhen(app, (blocks) => textOf(blocks[1]) === '第二段：比赛开始。')

    // Dropped from the system: the preload knows where the file is, so main reads it there.
    await app.dropPaths({ '入场.jpg': fixtures.camera })
    const first = body(page).locator('p').first()
    await dropFiles(page, [await fileFor(fixtures.camera, '入场.jpg', 'image/jpeg')], first)
    await expectPhotosShown(page, 1)
    let saved = await savedWhen(app, (blocks) => blocks.some((b) => b.type === 'image'))
    expect(typesOf(saved.root.children)).toStrictEqual(['paragraph', 'image', 'paragraph'])
    expect(textOf(saved.root.children[2])).toBe('第二段：比赛开始。')
    const dropped = saved.root.children.find((b) => b.type === 'image')
    if (dropped?.type !== 'image') throw new Error('no image saved')
    expect(dropped.credit).toBe('李华')
    const droppedFile = join(await draftFolder(app.dataDir), 'assets', dropped.assetId)
    const meta = await sharp(droppedFile).metadata()
    expect({ width: meta.width, height: meta.height, orientation: meta.orientation }).toStrictEqual({ width: 1280, height: 1920, orientation: undefined })
    expect(await exifr.gps(droppedFile)).toBeUndefined()
    expect(meta.xmp?.toString()).toContain('李华')

    // Paste at the caret: the end of the second paragraph.
    await body(page).locator('p').last().click()
    await page.keyboard.press('End')
    await pasteFiles(page, [await fileFor(photo(2), 'image.png', 'image/jpeg')])
    await expectPhotosShown(page, 2)
    saved = await savedWhen(app, (blocks) => blocks.filter((b) => b.type === 'image').length === 2)
    expect(typesOf(saved.root.children)).toStrictEqual(['paragraph', 'image', 'paragraph', 'image', 'paragraph'])
    const ids = saved.root.children.flatMap((b) => (b.type === 'image' ? [b.assetId] : []))
    expect(new Set(ids).size).toBe(2)
    for (const id of ids) expect(id).toMatch(ASSET_ID)
    // A pasted picture has no file of its own: its name is what is remembered.
    expect(await photoOriginals(app)).toStrictEqual({ [ids[0]!]: fixtures.camera, [ids[1]!]: 'image.png' })
    expectStrictBody(saved)
  })

  it('inserts a gallery of three side by side with a caption per photo, and screenshots an article with photos', async () => {
    app = await launchApp({ settings: { autosaveDelayMs: 200 }, viewport: { width: 1280, height: 1500 } })
    const { page } = app
    await newDraft(page, '11月20日上午，我校第十二届田径运动会在体育场开幕。')
    await page.keyboard.press('Enter')
    await insertFromPicker(app, [photo(0)])
    await expectPhotosShown(page, 1)
    await page.getByRole('textbox', { name: '图注' }).fill('开幕式现场')
    await page.getByRole('textbox', { name: '摄影' }).fill('宣传部 王小明')
    await body(page).locator('p').last().click()
    await page.keyboard.insertText('各学院代表队依次入场，精神饱满。')
    await page.keyboard.press('Enter')

    await insertFromPicker(app, [photo(1), photo(2), photo(3)], '插入组图')
    const gallery = page.getByRole('figure', { name: '组图（3 张）' })
    await expect.poll(() => gallery.count()).toBe(1)
    await expectPhotosShown(page, 4)
    for (const [index, caption] of ['运动员入场', '百米决赛', '颁奖仪式'].entries()) {
      await gallery.getByRole('textbox', { name: `第 ${index + 1} 张图注` }).fill(caption)
    }
    await body(page).locator('p').last().click()
    await page.keyboard.insertText('本届运动会共有1200余名运动员参赛。')

    const saved = await savedWhen(app, (blocks) =>
      blocks.some((b) => b.type === 'gallery' && b.images[2]?.caption === '颁奖仪式' && textOf(blocks[blocks.length - 1]) !== '')
    )
    const block = saved.root.children.find((b) => b.type === 'gallery')
    if (block?.type !== 'gallery') throw new Error('no gallery saved')
    expect(block.images.map((p) => p.caption)).toStrictEqual(['运动员入场', '百米决赛', '颁奖仪式'])
    for (const p of block.images) expect(p.assetId).toMatch(ASSET_ID)
    expect(typesOf(saved.root.children)).toStrictEqual(['paragraph', 'image', 'paragraph', 'gallery', 'paragraph'])
    expectStrictBody(saved)

    await body(page).locator('p').first().click()
    await page.screenshot({ path: '/tmp/images-article.png' })

    // A fourth photo added from the gallery itself; then no more can be added.
    await gallery.getByRole('textbox', { name: '第 1 张图注' }).click()
    app.dialogs.answerOpen([photo(4)])
    await gallery.getByRole('button', { name: '添加照片' }).click()
    const four = page.getByRole('figure', { name: '组图（4 张）' })
    await expect.poll(() => four.count()).toBe(1)
    await expectPhotosShown(page, 5)
    expect(await four.getByRole('button', { name: '添加照片' }).count()).toBe(0)

    // Removing photos: the gallery shrinks, and the one photo left becomes an image with its caption.
    await four.getByRole('button', { name: '移除第 1 张' }).click()
    const three = page.getByRole('figure', { name: '组图（3 张）' })
    await expect.poll(() => three.count()).toBe(1)
    await three.getByRole('button', { name: '移除第 3 张' }).click()
    const two = page.getByRole('figure', { name: '组图（2 张）' })
    await expect.poll(() => two.count()).toBe(1)
    await two.getByRole('button', { name: '移除第 1 张' }).click()
    const after = await savedWhen(app, (blocks) => !blocks.some((b) => b.type === 'gallery'))
    expect(after.root.children.filter((b) => b.type === 'image').map((b) => (b.type === 'image' ? b.caption : ''))).toStrictEqual([
      '开幕式现场',
      '颁奖仪式'
    ])
    expectStrictBody(after)
  })

  it('moves a photo by dragging it, deletes photos, and shows them again after a reload', async () => {
    app = await launchApp({ settings: { autosaveDelayMs: 200 } })
    const { page } = app
    await newDraft(page, '第一段')
    await page.keyboard.press('Enter')
    await page.keyboard.insertText('第二段')
    await page.keyboard.press('Enter')
    await page.keyboard.insertText('第三段')
    // Caret at the end of the first paragraph: the photo goes after it.
    await body(page).locator('p').first().click()
    await page.keyboard.press('End')
    await insertFromPicker(app, [photo(0)])
    await expectPhotosShown(page, 1)
    let saved = await savedWhen(app, (blocks) => blocks.some((b) => b.type === 'image'))
    expect(typesOf(saved.root.children)).toStrictEqual(['paragraph', 'image', 'paragraph', 'paragraph'])

    // Drag the photo onto the lower half of the last paragraph.
    const img = body(page).locator('img').first()
    const last = body(page).locator('p', { hasText: '第三段' })
    const box = await last.boundingBox()
    await img.dragTo(last, { targetPosition: { x: 10, y: (box?.height ?? 20) - 3 } })
    saved = await savedWhen(app, (blocks) => blocks.findIndex((b) => b.type === 'image') > 2)
    expect(typesOf(saved.root.children).slice(0, 4)).toStrictEqual(['paragraph', 'paragraph', 'paragraph', 'image'])
    expect(saved.root.children.slice(0, 3).map(textOf)).toStrictEqual(['第一段', '第二段', '第三段'])

    await page.reload()
    await expectPhotosShown(page, 1)

    // Selected by a click, the photo goes with Backspace.
    await body(page).locator('img').first().click()
    await expect.poll(() => page.locator('figure.is-selected').count()).toBe(1)
    await page.keyboard.press('Backspace')
    saved = await savedWhen(app, (blocks) => !blocks.some((b) => b.type === 'image'))
    expect(saved.root.children.map(textOf).filter((t) => t !== '')).toStrictEqual(['第一段', '第二段', '第三段'])

    // And with the button on the photo.
    await body(page).locator('p').first().click()
    await insertFromPicker(app, [photo(1)])
    await expectPhotosShown(page, 1)
    await page.getByRole('textbox', { name: '图注' }).click()
    await page.getByRole('button', { name: '删除图片' }).click()
    await expect.poll(() => body(page).locator('img').count()).toBe(0)
    saved = await savedWhen(app, (blocks) => !blocks.some((b) => b.type === 'image') && blocks.length >= 3)
    expectStrictBody(saved)
  })

  it('says which file could not be inserted and why, and inserts the others', async () => {
    const fs = createFaultyFs()
    app = await launchApp({ fs, settings: { autosaveDelayMs: 200 } })
    const { page } = app
    await newDraft(page, '正文第一段。')
    await page.keyboard.press('Enter')

    await insertFromPicker(app, [fixtures.fake, photo(0)])
    const alert = page.getByRole('alert')
    await expect.poll(() => alert.textContent()).toContain('不是照片.jpg')
    expect(await alert.textContent()).toContain('这不是照片文件')
    await expectPhotosShown(page, 1)
    await page.getByRole('button', { name: '关闭' }).click()

    // The same renamed text file dropped with a real photo: the photo still goes in.
    await dropFiles(
      page,
      [await fileFor(fixtures.fake, '假照片.jpg', 'image/jpeg'), await fileFor(photo(1), '真照片.jpg', 'image/jpeg')],
      body(page).locator('p').first()
    )
    await expect.poll(() => alert.textContent()).toContain('假照片.jpg')
    await expectPhotosShown(page, 2)

    // A full disk while storing a picture (the library's disk: its assets and its cache): said in words, nothing inserted.
    await page.getByRole('button', { name: '关闭' }).click()
    fs.fail('disk-full', { only: (path) => path.includes('/assets/') || path.includes('/.cache/'), failOpen: true })
    await dropFiles(page, [await fileFor(photo(2), '第三张.jpg', 'image/jpeg')], body(page).locator('p').first())
    await expect.poll(() => alert.textContent()).toContain('第三张.jpg')
    expect(await alert.textContent()).toContain('磁盘空间已满')
    fs.heal()

    const saved = await savedWhen(app, (blocks) => blocks.filter((b) => b.type === 'image').length === 2)
    expectStrictBody(saved)
    expect(await body(page).locator('img').count()).toBe(2)
  })

  it('takes Pinyin input in the paragraph after a photo', async () => {
    app = await launchApp({ settings: { autosaveDelayMs: 200 } })
    const { page } = app
    await newDraft(page, '学')
    await page.keyboard.press('Enter')
    await insertFromPicker(app, [photo(0)])
    await expectPhotosShown(page, 1)
    await savedWhen(app, (blocks) => typesOf(blocks).join() === 'paragraph,image,paragraph')

    // The caret in the (empty) paragraph after the photo.
    const after = body(page).locator('.photo-block + p')
    await after.click()
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Input.imeSetComposition', { text: 'x', selectionStart: 1, selectionEnd: 1 })
    await cdp.send('Input.imeSetComposition', { text: 'xiao', selectionStart: 4, selectionEnd: 4 })
    await cdp.send('Input.insertText', { text: '校' })
    await expect.poll(() => after.textContent()).toBe('校')

    const saved = await savedWhen(app, (blocks) => textOf(blocks[2]) === '校')
    expect(typesOf(saved.root.children)).toStrictEqual(['paragraph', 'image', 'paragraph'])
    expect(textOf(saved.root.children[0])).toBe('学')
    expect(JSON.stringify(saved)).not.toContain('xiao')
    expectStrictBody(saved)
  })
})
