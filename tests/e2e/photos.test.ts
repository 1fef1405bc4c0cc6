/// <reference lib="dom" />
import * as nodeFs from 'node:fs/promises'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import exifr from 'exifr'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { nodeServiceFs, type ServiceFs } from '../../src/main/services/fs/serviceFs'
import type { ArticleBodyStrict, ArticleImage } from '../../src/shared/article/schema'
import { createFaultyFs } from '../support/faultyFs'
import { cameraJpeg, quadrantJpeg, sha256File } from '../support/images/fixtures'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe

const PHOTO_COUNT = 12
const TRUNCATED = 'DSC_0106.JPG'
let work: string
let folder: string

/** A distinct scene per photo, 2400×1600 as a camera writes it, with EXIF time, camera, GPS and sometimes orientation. */
async function cameraPhoto(index: number, withThumbnail: boolean): Promise<Buffer> {
  const pixels = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: { r: (index * 37) % 256, g: 90 + index * 9, b: 160 } } })
    .composite([{ input: { create: { width: 600, height: 400, channels: 3, background: '#f2c14e' } }, top: 200, left: 300 + index * 80 }])
    .jpeg({ quality: 85 })
    .toBuffer()
  // File order and capture order differ: the grid must sort by capture time.
  const minute = String((index * 7) % PHOTO_COUNT).padStart(2, '0')
  return cameraJpeg(
    pixels,
    {
      make: 'NIKON CORPORATION',
      model: 'NIKON Z 6_2',
      dateTimeOriginal: `2025:11:20 14:${minute}:00`,
      orientation: index % 4 === 1 ? 6 : 1,
      gps: { latitude: 30.52, longitude: 114.36 }
    },
    { thumbnail: withThumbnail }
  )
}

const nameOf = (index: number) => `DSC_${String(100 + index).padStart(4, '0')}.JPG`

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'newsroom-e2e-photos-'))
  folder = join(work, '运动会-摄影部')
  await mkdir(folder)
  for (let index = 0; index < PHOTO_COUNT; index++) {
    const bytes = await cameraPhoto(index, true)
    // Copied off the card half way: no thumbnail to fall back on, and the scan data ends early.
    const truncated = nameOf(index) === TRUNCATED ? await cameraPhoto(index, false) : null
    await writeFile(join(folder, nameOf(index)), truncated ? truncated.subarray(0, Math.floor(truncated.length / 2)) : bytes)
  }
  await writeFile(join(folder, '说明.txt'), '运动会开幕式照片')
})

afterAll(async () => {
  await shutdownBrowser()
  await rm(work, { recursive: true, force: true })
})

async function savedBody(dataDir: string): Promise<{ id: string; body: ArticleBodyStrict } | null> {
  const ids = (await readdir(join(dataDir, 'drafts')).catch(() => [] as string[])).filter((name) => !name.startsWith('.'))
  if (ids.length !== 1) return null
  const draft = JSON.parse(await readFile(join(dataDir, 'drafts', ids[0]!, 'draft.json'), 'utf8')) as { body: ArticleBodyStrict | null }
  return draft.body ? { id: ids[0]!, body: draft.body } : null
}

/** Waits until the saved draft holds `count` image blocks; its id, body and those images. */
async function savedWithImages(dataDir: string, count: number): Promise<{ id: string; body: ArticleBodyStrict; images: ArticleImage[] }> {
  let saved: { id: string; body: ArticleBodyStrict } | null = null
  await expect
    .poll(async () => {
      saved = await savedBody(dataDir)
      return saved?.body.root.children.filter((b) => b.type === 'image').length ?? 0
    })
    .toBe(count)
  const found = saved as { id: string; body: ArticleBodyStrict } | null
  if (found === null) throw new Error('no saved draft')
  return { ...found, images: found.body.root.children.filter((b): b is ArticleImage => b.type === 'image') }
}

const OPENING_TEXT = '11月20日，第四十届校运动会在东区体育场开幕。'

async function newDraft(page: Page): Promise<void> {
  await page.getByRole('button', { name: '新建稿件' }).first().click()
  const title = page.getByRole('textbox', { name: '标题' })
  await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true)
  await title.fill('校运动会开幕')
  await page.getByRole('textbox', { name: '正文' }).click()
  await page.keyboard.insertText(OPENING_TEXT)
}

async function openPhotos(page: Page): Promise<void> {
  await newDraft(page)
  await page.getByRole('button', { name: '照片', exact: true }).click()
  await expect.poll(() => page.getByRole('dialog', { name: '照片' }).isVisible()).toBe(true)
}

const tiles = (page: Page) => page.locator('.photo-tile')

suite('photos: culling and inserting a photographer’s folder', () => {
  let app: LaunchedApp | undefined
  afterEach(async () => {
    if (app) expect(app.pageErrors).toEqual([])
    await app?.close()
    app = undefined
  })

  it('drops nothing on the floor: previews in capture order, a broken file says so, picks go into the article compressed and credited', async () => {
    app = await launchApp()
    const { page } = app
    const originals = await Promise.all(Array.from({ length: PHOTO_COUNT }, (_, i) => sha256File(join(folder, nameOf(i)))))
    await openPhotos(page)

    app.dialogs.answerOpen([folder])
    await page.getByRole('button', { name: '添加文件夹…' }).click()
    expect(app.dialogs.asked.at(-1)).toEqual({ kind: 'open', purpose: 'photos-folder' })
    await expect.poll(() => tiles(page).count()).toBe(PHOTO_COUNT)
    await expect
      .poll(() => page.locator('.photo-tile-image').evaluateAll((all) => all.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length))
      .toBe(PHOTO_COUNT - 1)
    const broken = tiles(page).filter({ hasText: TRUNCATED })
    await expect.poll(() => broken.locator('.photo-tile-failure').textContent()).toContain('文件已损坏或不完整')

    // Capture order, not file order: photo i was taken at 14:(7i mod 12), so 0, 7, 2 come first.
    const names = await tiles(page).locator('.photo-tile-name').allTextContents()
    expect(names.slice(0, 3)).toEqual([nameOf(0), nameOf(7), nameOf(2)])
    expect(await tiles(page).first().locator('.photo-tile-meta').textContent()).toContain('11-20 14:00:00')
    expect(await tiles(page).first().locator('.photo-tile-camera').textContent()).toBe('NIKON Z 6_2')

    // Pick the first, third and fourth with the keyboard (photos 0, 2, 9); reject the second (7).
    await tiles(page).first().click()
    for (const key of ['p', 'ArrowRight', 'x', 'ArrowRight', 'p', 'ArrowRight', 'p']) await page.keyboard.press(key)
    await expect.poll(() => page.locator('.photo-tile[aria-selected="true"]').count()).toBe(3)
    expect(await page.locator('.photo-tile[data-mark="rejected"]').locator('.photo-tile-name').textContent()).toBe(nameOf(7))

    // The large view shows photo 9 (EXIF orientation 6) at full size and upright, and at 100% on Z; Escape goes back to the grid only.
    await page.keyboard.press('Enter')
    const large = page.locator('.photo-large-image[data-full="true"]')
    await expect
      .poll(() => large.evaluate((img) => [(img as HTMLImageElement).naturalWidth, (img as HTMLImageElement).naturalHeight]).catch(() => []))
      .toEqual([1600, 2400])
    await page.keyboard.press('z')
    await expect.poll(() => page.getByRole('button', { name: '适应窗口' }).getAttribute('aria-pressed')).toBe('true')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('.photo-large').count()).toBe(0)
    await expect.poll(() => page.getByRole('dialog', { name: '照片' }).isVisible()).toBe(true)

    await page.getByRole('textbox', { name: '摄影', exact: true }).fill('王磊')
    await page.getByRole('button', { name: '插入所选（3）' }).click()
    await expect.poll(() => page.getByRole('dialog', { name: '照片' }).count()).toBe(0)

    const saved = await savedWithImages(app!.dataDir, 3)
    const images = saved.images
    expect(images.map((image) => image.credit)).toEqual(['王磊', '王磊', '王磊'])
    const assetsDir = app.services.drafts().assetsFolder(saved.id)
    for (const image of images) {
      const meta = await sharp(join(assetsDir, image.assetId)).metadata()
      expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(1920)
      expect(meta.orientation).toBeUndefined()
      expect(meta.xmp?.toString()).toContain('王磊')
    }
    expect(images.map((image) => image.assetId).filter((id, i, all) => all.indexOf(id) === i)).toHaveLength(3)
    const photoOriginals = JSON.parse(await readFile(join(app.services.drafts().draftFolder(saved.id), 'photo-originals.json'), 'utf8')) as Record<string, string>
    expect(Object.values(photoOriginals).sort()).toEqual([nameOf(0), nameOf(2), nameOf(9)].map((n) => join(folder, n)).sort())
    // The photographer's files are untouched.
    expect(await Promise.all(Array.from({ length: PHOTO_COUNT }, (_, i) => sha256File(join(folder, nameOf(i)))))).toEqual(originals)
    await expect
      .poll(() => page.locator('.photo-block img').evaluateAll((all) => all.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length))
      .toBe(3)
  })

  it('takes photos dropped onto the panel and pasted into it', async () => {
    app = await launchApp()
    const { page } = app
    await openPhotos(page)
    const files = await Promise.all(
      [0, 1].map(async (i) => ({ name: nameOf(i), base64: (await readFile(join(folder, nameOf(i)))).toString('base64') }))
    )
    const panel = page.locator('.photos-body')
    await panel.evaluate((target, dropped) => {
      const data = new DataTransfer()
      for (const file of dropped) data.items.add(new File([Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))], file.name, { type: 'image/jpeg' }))
      const init = { bubbles: true, cancelable: true, dataTransfer: data }
      target.dispatchEvent(new DragEvent('dragover', init))
      target.dispatchEvent(new DragEvent('drop', init))
    }, files.slice(0, 1))
    await expect.poll(() => tiles(page).count()).toBe(1)
    await page.locator('.photo-grid').evaluate((grid, pasted) => {
      const data = new DataTransfer()
      data.items.add(new File([Uint8Array.from(atob(pasted.base64), (c) => c.charCodeAt(0))], '', { type: 'image/jpeg' }))
      grid.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: data }))
    }, files[1]!)
    await expect.poll(() => tiles(page).count()).toBe(2)
    await expect
      .poll(() => page.locator('.photo-tile-image').evaluateAll((all) => all.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length))
      .toBe(2)
    expect(await tiles(page).first().locator('.photo-tile-name').textContent()).toBe(nameOf(0))

    // From the system, by path: a folder joins the import; a file that is no photo is named with the reason.
    await app.dropPaths({ [folder.split('/').pop()!]: folder, '说明.txt': join(folder, '说明.txt') })
    await panel.evaluate((target, names) => {
      const data = new DataTransfer()
      for (const name of names) data.items.add(new File([], name, { type: name.endsWith('.txt') ? 'text/plain' : '' }))
      const init = { bubbles: true, cancelable: true, dataTransfer: data }
      target.dispatchEvent(new DragEvent('dragover', init))
      target.dispatchEvent(new DragEvent('drop', init))
    }, [folder.split('/').pop()!, '说明.txt'])
    await expect.poll(() => tiles(page).count()).toBe(2 + PHOTO_COUNT)
    await expect.poll(() => page.locator('.photos-refused').textContent()).toBe('“说明.txt”没有添加：这不是照片文件。')
  })

  it('cancels a batch of previews mid-way and carries on when asked', async () => {
    // Holds the previews' first look at each photo until the test lets go, so cancel lands mid-batch.
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const fs: ServiceFs = {
      ...nodeServiceFs,
      stat: (async (path: Parameters<typeof nodeFs.stat>[0], options?: Parameters<typeof nodeFs.stat>[1]) => {
        if (String(path).startsWith(folder)) await gate
        return nodeFs.stat(path, options)
      }) as ServiceFs['stat']
    }
    app = await launchApp({ fs })
    const { page, services } = app
    // Lets go of the held files only once main has the cancel.
    const dispatch = services.dispatch
    let cancelReached: () => void = () => undefined
    const cancelled = new Promise<void>((resolve) => (cancelReached = resolve))
    services.dispatch = async (channel, payload, context) => {
      const answer = await dispatch(channel, payload, context)
      if (channel === 'photos:cancel') cancelReached()
      return answer
    }
    await openPhotos(page)
    app.dialogs.answerOpen([folder])
    await page.getByRole('button', { name: '添加文件夹…' }).click()
    const progress = page.locator('.photos-progress')
    await expect.poll(() => progress.isVisible()).toBe(true)
    await progress.getByRole('button', { name: '取消' }).click()
    await cancelled
    release()
    await expect.poll(() => progress.count()).toBe(0)
    await expect.poll(() => tiles(page).filter({ hasText: '已取消' }).count()).toBeGreaterThanOrEqual(PHOTO_COUNT - 4)
    // The photos already in hand when the cancel came finish; the rest never start.
    expect(await tiles(page).filter({ hasText: '已取消' }).count()).toBeLessThan(PHOTO_COUNT)

    await page.getByRole('button', { name: '继续生成预览' }).click()
    await expect
      .poll(() => page.locator('.photo-tile-image').evaluateAll((all) => all.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length))
      .toBe(PHOTO_COUNT - 1)
    expect(await tiles(page).filter({ hasText: '已取消' }).count()).toBe(0)
  })

  it('says so in the photo when the disk is full during an insert, keeps the draft, and inserts once there is space', async () => {
    const fs = createFaultyFs()
    app = await launchApp({ fs, settings: { autosaveDelayMs: 200 } })
    const { page, dataDir } = app
    await openPhotos(page)
    app.dialogs.answerOpen([folder])
    await page.getByRole('button', { name: '添加文件夹…' }).click()
    await expect
      .poll(() => page.locator('.photo-tile-image').evaluateAll((all) => all.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length))
      .toBe(PHOTO_COUNT - 1)
    await expect.poll(async () => JSON.stringify((await savedBody(dataDir))?.body ?? null)).toContain(OPENING_TEXT)
    await tiles(page).first().click()
    for (const key of ['p', 'ArrowRight', 'p']) await page.keyboard.press(key)
    await page.getByRole('textbox', { name: '摄影', exact: true }).fill('王磊')

    // The library's disk is full: the compressed photos cannot be written anywhere in it.
    fs.fail('disk-full', { only: (path) => path.startsWith(dataDir) })
    await page.getByRole('button', { name: '插入所选（2）' }).click()
    const failed = tiles(page).filter({ has: page.locator('.photo-tile-failure', { hasText: '磁盘空间已满' }) })
    await expect.poll(() => failed.locator('.photo-tile-name').allTextContents()).toEqual([nameOf(0), nameOf(7)])
    expect(await page.locator('.photos-summary').textContent()).toContain('2 张没有插入')
    expect(await page.getByRole('dialog', { name: '照片' }).isVisible()).toBe(true)
    expect(fs.refused).toBeGreaterThan(0)
    // Nothing went into the article, and its text is as it was, on screen and on disk.
    expect(await page.locator('.photo-block').count()).toBe(0)
    expect(await page.getByRole('textbox', { name: '正文' }).textContent()).toBe(OPENING_TEXT)
    const kept = await savedBody(dataDir)
    expect(JSON.stringify(kept?.body)).toContain(OPENING_TEXT)
    expect(kept?.body.root.children.some((b) => b.type === 'image')).toBe(false)

    fs.heal()
    await page.getByRole('button', { name: '插入所选（2）' }).click()
    await expect.poll(() => page.getByRole('dialog', { name: '照片' }).count()).toBe(0)
    const saved = await savedWithImages(dataDir, 2)
    const images = saved.images
    expect(images.map((image) => image.credit)).toEqual(['王磊', '王磊'])
    // No half-written file was left behind by the failed attempt: the assets are exactly the two photos.
    expect((await readdir(app.services.drafts().assetsFolder(saved.id))).sort()).toEqual(images.map((image) => image.assetId).sort())
    expect(JSON.stringify(saved.body)).toContain(OPENING_TEXT)
  })

  it('opens a folder dropped on the editor for choosing, then puts the picks in compressed, upright and credited', async () => {
    // A photographer's card: file order is not capture order, one photo is stored sideways, one was cut short.
    const card = join(work, '校运会-拖入')
    await mkdir(card)
    const shot = async (time: string, orientation: number) =>
      cameraJpeg(await quadrantJpeg(2400, 1600), {
        make: 'Canon',
        model: 'Canon EOS R6',
        dateTimeOriginal: `2025:11:20 ${time}`,
        orientation,
        gps: { latitude: 30.52, longitude: 114.36 }
      })
    await writeFile(join(card, 'IMG_0001.JPG'), await shot('10:05:00', 6))
    await writeFile(join(card, 'IMG_0002.JPG'), await shot('10:01:00', 1))
    const cut = await cameraJpeg(await quadrantJpeg(2400, 1600), { dateTimeOriginal: '2025:11:20 10:02:00' }, { thumbnail: false })
    await writeFile(join(card, 'IMG_0003.JPG'), cut.subarray(0, Math.floor(cut.length / 2)))
    await writeFile(join(card, 'IMG_0004.JPG'), await shot('10:03:00', 1))
    await writeFile(join(card, '说明.txt'), '校运会，摄影：王磊')

    app = await launchApp({ settings: { autosaveDelayMs: 200 } })
    const { page, dataDir } = app
    await newDraft(page)
    const photographers = page.getByRole('complementary', { name: '稿件信息' }).getByRole('combobox', { name: '摄影' })
    await photographers.fill('王磊')
    await photographers.press('Enter')

    // What Electron hands the page for a dropped folder: a File with no bytes whose path the preload knows.
    await app.dropPaths({ '校运会-拖入': card })
    await page.getByRole('textbox', { name: '正文' }).evaluate((root) => {
      const data = new DataTransfer()
      data.items.add(new File([], '校运会-拖入', { type: '' }))
      const init = { bubbles: true, cancelable: true, dataTransfer: data }
      root.dispatchEvent(new DragEvent('dragover', init))
      root.dispatchEvent(new DragEvent('drop', init))
    })
    const dialog = page.getByRole('dialog', { name: '照片' })
    await expect.poll(() => dialog.isVisible()).toBe(true)
    await expect.poll(() => tiles(page).count()).toBe(4)
    const broken = tiles(page).filter({ hasText: 'IMG_0003.JPG' })
    await expect.poll(() => broken.locator('.photo-tile-failure').textContent()).toContain('文件已损坏或不完整')
    await expect
      .poll(() => tiles(page).locator('.photo-tile-name').allTextContents())
      .toEqual(['IMG_0002.JPG', 'IMG_0004.JPG', 'IMG_0001.JPG', 'IMG_0003.JPG'])
    expect(await page.getByRole('textbox', { name: '摄影', exact: true }).inputValue()).toBe('王磊')

    // Pick the first and the sideways one with the keyboard.
    await tiles(page).first().click()
    for (const key of ['p', 'ArrowRight', 'ArrowRight', 'p']) await page.keyboard.press(key)
    await page.getByRole('button', { name: '插入所选（2）' }).click()
    await expect.poll(() => dialog.count()).toBe(0)

    const saved = await savedWithImages(dataDir, 2)
    const images = saved.images
    expect(images.map((image) => image.credit)).toEqual(['王磊', '王磊'])
    const assetsDir = app.services.drafts().assetsFolder(saved.id)
    const sizes = []
    for (const image of images) {
      const file = join(assetsDir, image.assetId)
      const meta = await sharp(file).metadata()
      sizes.push([meta.width, meta.height])
      expect(meta.orientation).toBeUndefined()
      expect(await exifr.gps(file)).toBeUndefined()
      expect(meta.xmp?.toString()).toContain('王磊')
    }
    // IMG_0002 as shot; IMG_0001 turned upright (a quarter turn) — both within the profile's 1920 px.
    expect(sizes).toEqual([
      [1920, 1280],
      [1280, 1920]
    ])
    const photoOriginals = JSON.parse(await readFile(join(app.services.drafts().draftFolder(saved.id), 'photo-originals.json'), 'utf8')) as Record<string, string>
    expect(photoOriginals).toEqual({ [images[0]!.assetId]: join(card, 'IMG_0002.JPG'), [images[1]!.assetId]: join(card, 'IMG_0001.JPG') })
    await expect
      .poll(() => page.locator('.photo-block img').evaluateAll((all) => all.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length))
      .toBe(2)
    expect(JSON.stringify(saved.body)).toContain(OPENING_TEXT)
  })
})
