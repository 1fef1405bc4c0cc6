import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import exifr from 'exifr'
import sharp from 'sharp'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { composeApp, type AppServices } from '../../../src/main/compose'
import { testCapabilities } from '../../support/testApp'
import type { HandlerContext } from '../../../src/main/ipc/dispatch'
import { PHOTO_ORIGINALS_FILE } from '../../../src/main/ipc/handlers/photos'
import type { EventPayloadOf, ResponseOf } from '../../../src/shared/ipc/contract'
import { createFaultyFs } from '../../support/faultyFs'
import { cameraJpeg, quadrantJpeg, sha256File } from '../../support/images/fixtures'

type Progress = EventPayloadOf<'photos:progress'>

let dir: string
let folder: string
let app: AppServices
let dialogAnswers: string[][]
let dialogOptions: { purpose: string; folders?: boolean }[]
let events: Progress[]
const context: HandlerContext = {
  emit(channel, payload) {
    if (channel === 'photos:progress') events.push(payload as Progress)
  }
}

let sideways: Buffer
beforeAll(async () => {
  // 2400×1600 as the sensor saw it; EXIF orientation 6 says turn it a quarter clockwise.
  sideways = await cameraJpeg(await quadrantJpeg(2400, 1600), {
    make: 'Canon',
    model: 'Canon EOS R6',
    orientation: 6,
    dateTimeOriginal: '2025:10:18 09:30:00',
    gps: { latitude: 31.23, longitude: 121.47 }
  })
})

function compose(fs?: ReturnType<typeof createFaultyFs>): AppServices {
  return composeApp(
    testCapabilities(dir, {
      ...(fs ? { fs } : {}),
      dialogs: {
        openFiles: async (options) => {
          dialogOptions.push(options)
          return dialogAnswers.shift() ?? []
        },
        saveFile: async () => null
      },
      previewUrlBase: 'newsroom-preview://previews/'
    })
  )
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsroom-photo-ipc-'))
  folder = join(dir, 'photographer')
  await mkdir(join(folder, 'DCIM', '100CANON'), { recursive: true })
  dialogAnswers = []
  dialogOptions = []
  events = []
  app = compose()
})
afterEach(() => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }))

async function call<C extends 'photos:choose' | 'photos:previews' | 'photos:insert' | 'photos:cancel' | 'photos:addBytes' | 'photos:addPaths' | 'photos:registerDrop'>(
  channel: C,
  request: unknown
): Promise<ResponseOf<C>> {
  const answer = await app.dispatch(channel, request, context)
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${answer.error.message}`)
  return answer.value as ResponseOf<C>
}

describe('photo channels', () => {
  it('takes a folder of camera photos from choosing to compressed, upright, credited assets of the draft', async () => {
    const portrait = join(folder, 'IMG_0002.JPG')
    await writeFile(portrait, sideways)
    await writeFile(join(folder, 'IMG_0001.JPG'), await cameraJpeg(await quadrantJpeg(1200, 800), { dateTimeOriginal: '2025:10:18 09:31:00' }))
    const good = await readFile(join(folder, 'IMG_0001.JPG'))
    // Cut mid-scan and without an EXIF thumbnail: only decoding can tell it is broken.
    const corrupt = await sharp(await quadrantJpeg(1200, 800)).jpeg().toBuffer()
    await writeFile(join(folder, 'DCIM', '100CANON', 'IMG_0003.JPG'), corrupt.subarray(0, Math.floor(corrupt.length / 2)))
    await writeFile(join(folder, '说明.txt'), '摄影：王磊')
    await writeFile(join(folder, '.hidden.jpg'), good)
    const originalHash = await sha256File(portrait)

    dialogAnswers.push([folder])
    const chosen = await call('photos:choose', { mode: 'folder', sessionId: null })
    expect(dialogOptions[0]).toMatchObject({ purpose: 'photos-folder', folders: true })
    expect(chosen.photos.map((p) => p.name)).toEqual(['IMG_0003.JPG', 'IMG_0001.JPG', 'IMG_0002.JPG'])
    const idOf = (name: string) => chosen.photos.find((p) => p.name === name)!.id

    const { photos: previews } = await call('photos:previews', { sessionId: chosen.sessionId })
    const byId = new Map(previews.map((p) => [p.id, p]))
    expect(byId.get(idOf('IMG_0003.JPG'))).toMatchObject({ status: 'failed', code: 'corrupt' })
    const portraitPreview = byId.get(idOf('IMG_0002.JPG'))
    expect(portraitPreview).toMatchObject({ status: 'ready', preview: { capturedAt: '2025-10-18T09:30:00', camera: 'Canon EOS R6' } })
    if (portraitPreview?.status !== 'ready') throw new Error('no preview')
    expect(portraitPreview.preview.height).toBeGreaterThan(portraitPreview.preview.width)
    // The address resolves to a real JPEG in the cache, and nothing but preview names resolve.
    const previewFile = app.previewFile(portraitPreview.preview.url.slice('newsroom-preview://previews/'.length))
    expect(previewFile).not.toBeNull()
    expect((await sharp(previewFile!).metadata()).format).toBe('jpeg')
    expect(app.previewFile('../../settings.json')).toBeNull()
    // Every photo was pushed as it finished, with its preview when it had one.
    const finals = events.filter((e) => e.phase === 'preview' && e.state !== 'working')
    expect(finals).toHaveLength(3)
    expect(finals.find((e) => e.id === idOf('IMG_0002.JPG'))?.preview?.url).toBe(portraitPreview.preview.url)
    expect(finals.at(-1)).toMatchObject({ finished: 3, total: 3 })

    const { id: draftId } = await app.drafts().create()
    const inserted = await call('photos:insert', {
      sessionId: chosen.sessionId,
      draftId,
      photoIds: [idOf('IMG_0002.JPG'), idOf('IMG_0003.JPG'), idOf('IMG_0001.JPG')],
      credit: '王磊'
    })
    expect(inserted.failures).toEqual([expect.objectContaining({ id: idOf('IMG_0003.JPG'), name: 'IMG_0003.JPG', code: 'corrupt' })])
    expect(inserted.photos.map((p) => p.id)).toEqual([idOf('IMG_0002.JPG'), idOf('IMG_0001.JPG')])
    const [upright] = inserted.photos
    expect(upright).toMatchObject({ width: 1280, height: 1920, originalPath: portrait })
    expect(upright!.assetId).toMatch(/^sha256-[0-9a-f]{64}\.jpg$/)

    const assetFile = join(app.drafts().assetsFolder(draftId), upright!.assetId)
    const meta = await sharp(assetFile).metadata()
    expect({ width: meta.width, height: meta.height, orientation: meta.orientation }).toEqual({ width: 1280, height: 1920, orientation: undefined })
    expect(await exifr.gps(assetFile)).toBeUndefined()
    expect(meta.xmp?.toString()).toContain('王磊')
    expect(await sha256File(portrait)).toBe(originalHash)
    // The asset id is the hash of the stored bytes, as for every other asset.
    expect(`sha256-${await sha256File(assetFile)}.jpg`).toBe(upright!.assetId)

    const originals = JSON.parse(await readFile(join(app.drafts().draftFolder(draftId), PHOTO_ORIGINALS_FILE), 'utf8'))
    expect(originals).toEqual({ [upright!.assetId]: portrait, [inserted.photos[1]!.assetId]: join(folder, 'IMG_0001.JPG') })
    expect(events.filter((e) => e.phase === 'insert' && e.state !== 'working')).toHaveLength(3)
  })

  it('compresses with the profile from settings', async () => {
    await writeFile(join(folder, 'a.jpg'), sideways)
    app.settings.update({ photoCompression: { longEdge: 800, quality: 70, format: 'webp', keepCaptureDate: true } })
    dialogAnswers.push([join(folder, 'a.jpg')])
    const chosen = await call('photos:choose', { mode: 'files', sessionId: null })
    expect(dialogOptions[0]).toMatchObject({ purpose: 'photos', folders: false })
    const { id: draftId } = await app.drafts().create()
    const inserted = await call('photos:insert', { sessionId: chosen.sessionId, draftId, photoIds: [0], credit: '' })
    expect(inserted.photos[0]).toMatchObject({ width: 533, height: 800, assetId: expect.stringMatching(/\.webp$/) })
    const file = join(app.drafts().assetsFolder(draftId), inserted.photos[0]!.assetId)
    expect((await sharp(file).metadata()).exif?.toString('latin1')).toContain('2025:10:18 09:30:00')
  })

  it('stops a batch of previews on cancel and finishes the rest when asked again', async () => {
    const paths: string[] = []
    for (let i = 0; i < 12; i++) {
      const path = join(folder, `IMG_${String(i).padStart(4, '0')}.jpg`)
      await writeFile(path, await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: i * 20, g: 80, b: 120 } } }).jpeg().toBuffer())
      paths.push(path)
    }
    dialogAnswers.push(paths)
    const { sessionId } = await call('photos:choose', { mode: 'files', sessionId: null })
    const running = call('photos:previews', { sessionId })
    await call('photos:cancel', { sessionId })
    const first = await running
    // At most the four in flight may finish; the others never start.
    expect(first.photos.filter((p) => p.status === 'failed' && p.code === 'cancelled').length).toBeGreaterThanOrEqual(8)
    const second = await call('photos:previews', { sessionId })
    expect(second.photos.map((p) => p.status)).toEqual(Array(12).fill('ready'))
  })

  it('adds a dropped picture to the import and answers an ended import with not-found', async () => {
    const base64 = (await sharp({ create: { width: 300, height: 200, channels: 3, background: '#246' } }).jpeg().toBuffer()).toString('base64')
    const added = await call('photos:addBytes', { sessionId: null, name: '../拖进来的.jpg', base64 })
    expect(added.photos).toEqual([{ id: 0, name: '拖进来的.jpg' }])
    const { photos } = await call('photos:previews', { sessionId: added.sessionId })
    expect(photos).toEqual([expect.objectContaining({ status: 'ready' })])
    await app.dispatch('photos:close', { sessionId: added.sessionId }, context)
    const answer = await app.dispatch('photos:previews', { sessionId: added.sessionId }, context)
    expect(answer).toMatchObject({ ok: false, error: { code: 'not-found' } })
    await expect(stat(join(dir, 'library', '.cache', 'dropped', added.sessionId))).rejects.toThrow()
  })

  it('takes dropped paths: photos and folders searched for photos; anything else is refused by name', async () => {
    await writeFile(join(folder, 'DCIM', '100CANON', 'IMG_0001.JPG'), sideways)
    await writeFile(join(folder, 'DCIM', '100CANON', 'IMG_0002.JPG'), sideways)
    const single = join(dir, '单张.jpg')
    await writeFile(single, sideways)
    const notes = join(dir, '说明.txt')
    await writeFile(notes, '摄影：王磊')
    const emptyFolder = join(dir, '空文件夹')
    await mkdir(emptyFolder)

    // As the preload does for a drop: the paths go to main, the page gets tokens.
    const dropped = async (paths: string[]) => (await call('photos:registerDrop', { paths })).tokens
    const added = await call('photos:addPaths', {
      sessionId: null,
      tokens: await dropped([folder, single, notes, join(dir, '不在了.jpg'), emptyFolder, 'relative/IMG_0009.JPG', single])
    })
    expect(added.photos.map((p) => p.name)).toEqual(['IMG_0001.JPG', 'IMG_0002.JPG', '单张.jpg'])
    expect(added.folders).toBe(2)
    expect(added.refused.map(({ name, code }) => ({ name, code }))).toEqual([
      { name: '说明.txt', code: 'not-an-image' },
      { name: '不在了.jpg', code: 'vanished' },
      { name: '空文件夹', code: 'not-an-image' },
      { name: 'IMG_0009.JPG', code: 'unreadable' }
    ])
    // Added to the same import again: nothing twice.
    const again = await call('photos:addPaths', { sessionId: added.sessionId, tokens: await dropped([single]) })
    expect(again).toMatchObject({ sessionId: added.sessionId, folders: 0, refused: [] })
    expect(again.photos).toHaveLength(3)

    const { id: draftId } = await app.drafts().create()
    const inserted = await call('photos:insert', { sessionId: added.sessionId, draftId, photoIds: [2], credit: '' })
    expect(inserted.photos[0]).toMatchObject({ width: 1280, height: 1920, originalPath: single })
  })

  it('writes photos into the draft through the injected file system: a read-only assets folder fails each photo, then heals', async () => {
    const fs = createFaultyFs()
    app = compose(fs)
    await writeFile(join(folder, 'a.jpg'), sideways)
    await writeFile(join(folder, 'b.jpg'), await cameraJpeg(await quadrantJpeg(1200, 800), {}))
    dialogAnswers.push([join(folder, 'a.jpg'), join(folder, 'b.jpg')])
    const { sessionId } = await call('photos:choose', { mode: 'files', sessionId: null })
    const { id: draftId } = await app.drafts().create()
    const assets = app.drafts().assetsFolder(draftId)
    await mkdir(assets, { recursive: true })

    fs.fail('read-only', { only: (path) => path.startsWith(assets) })
    const refused = await call('photos:insert', { sessionId, draftId, photoIds: [0, 1], credit: '王磊' })
    expect(refused.photos).toEqual([])
    expect(refused.failures.map(({ name, code }) => ({ name, code }))).toEqual([
      { name: 'a.jpg', code: 'read-only' },
      { name: 'b.jpg', code: 'read-only' }
    ])
    expect(await readdir(assets)).toEqual([])
    await expect(stat(join(app.drafts().draftFolder(draftId), PHOTO_ORIGINALS_FILE))).rejects.toThrow()

    // The record of originals goes through it too: a failure there never loses the inserted photos.
    fs.fail('disk-full', { only: (path) => path.includes(PHOTO_ORIGINALS_FILE) })
    const kept = await call('photos:insert', { sessionId, draftId, photoIds: [0], credit: '王磊' })
    expect(kept.failures).toEqual([])
    expect(await readdir(assets)).toEqual([kept.photos[0]!.assetId])
    expect(fs.refused).toBeGreaterThan(0)
    await expect(stat(join(app.drafts().draftFolder(draftId), PHOTO_ORIGINALS_FILE))).rejects.toThrow()

    fs.heal()
    const healed = await call('photos:insert', { sessionId, draftId, photoIds: [0, 1], credit: '王磊' })
    expect(healed.failures).toEqual([])
    expect((await readdir(assets)).sort()).toEqual(healed.photos.map((p) => p.assetId).sort())
    const originals = JSON.parse(await readFile(join(app.drafts().draftFolder(draftId), PHOTO_ORIGINALS_FILE), 'utf8'))
    expect(originals).toEqual({ [healed.photos[0]!.assetId]: join(folder, 'a.jpg'), [healed.photos[1]!.assetId]: join(folder, 'b.jpg') })
  })
})
