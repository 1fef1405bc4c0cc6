import { createHash } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDraftStore, type DraftStore } from '../../../src/main/services/drafts/draftStore'
import { createAssetStore, sniffImage } from '../../../src/main/services/assets/assetStore'
import { AssetIdSchema } from '../../../src/shared/article/schema'
import { createFaultyFs } from '../../support/faultyFs'

const png = () => sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } }).png().toBuffer()
const jpeg = () =>
  sharp({ create: { width: 40, height: 60, channels: 3, background: '#3c3' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer()

describe('AssetStore', () => {
  let dir: string
  let drafts: DraftStore
  let draftId: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-assets-'))
    drafts = createDraftStore({ dataDir: dir, clock: { now: () => new Date() } })
    draftId = (await drafts.create()).id
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('stores a picture under the hash of its bytes, once, in the draft’s assets folder', async () => {
    const assets = createAssetStore({ drafts: () => drafts })
    const bytes = await png()
    const first = await assets.importBytes(draftId, bytes, '会议现场.png')
    const second = await assets.importBytes(draftId, bytes, '同一张.png')
    expect(first.assetId).toBe(`sha256-${createHash('sha256').update(bytes).digest('hex')}.png`)
    expect(AssetIdSchema.safeParse(first.assetId).success).toBe(true)
    expect(second.assetId).toBe(first.assetId)
    expect(first).toMatchObject({ mime: 'image/png', width: 64, height: 48, bytes: bytes.length, originalName: '会议现场.png' })
    expect(await readdir(drafts.assetsFolder(draftId))).toEqual([first.assetId])
    expect(await readFile(join(drafts.assetsFolder(draftId), first.assetId))).toEqual(bytes)
  })

  it('never writes a photo into a new draft that is being discarded: either the photo keeps the draft, or the import says not-found and leaves no folder behind', async () => {
    const assets = createAssetStore({ drafts: () => drafts })
    const bytes = await png()
    const outcomes = new Set<string>()
    for (let round = 0; round < 24; round++) {
      const id = (await drafts.create()).id
      // The start-up sweep discards untouched drafts while the page may already import a photo into one;
      // the sweep starts a little later each round, so it meets the import at each of its steps.
      const discard = new Promise<boolean>((resolve, reject) => setTimeout(() => drafts.discardUntouched(id).then(resolve, reject), round % 6))
      const [imported, discarded] = await Promise.allSettled([assets.importBytes(id, bytes, '现场.png'), discard])
      const folder = drafts.draftFolder(id)
      const left = await readdir(folder).catch(() => null)
      if (discarded.status === 'fulfilled' && discarded.value) {
        expect(imported).toMatchObject({ status: 'rejected', reason: { code: 'not-found' } })
        expect(left).toBeNull()
        outcomes.add('discarded')
      } else {
        expect(imported.status).toBe('fulfilled')
        expect(await readdir(drafts.assetsFolder(id))).toHaveLength(1)
        expect(left).toContain('draft.json')
        outcomes.add('kept')
      }
    }
    expect(outcomes.size).toBeGreaterThan(0)
  })

  it('reports the upright size of a rotated camera JPEG and remembers where it came from', async () => {
    const path = join(dir, 'IMG_0001.JPG')
    await writeFile(path, await jpeg())
    const asset = await createAssetStore({ drafts: () => drafts }).importFile(draftId, path)
    expect(asset).toMatchObject({ extension: 'jpg', width: 60, height: 40, originalPath: path, originalName: 'IMG_0001.JPG' })
  })

  it.each([
    ['empty', Buffer.alloc(0), 'corrupt-file'],
    ['text', Buffer.from('这不是图片'), 'unsupported-file'],
    ['svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'unsupported-file'],
    ['truncated png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'corrupt-file']
  ])('refuses %s with %s and stores nothing', async (_name, bytes, code) => {
    const assets = createAssetStore({ drafts: () => drafts })
    await expect(assets.importBytes(draftId, bytes, 'x')).rejects.toMatchObject({ code })
    expect(await readdir(drafts.assetsFolder(draftId))).toEqual([])
  })

  it('refuses a file over the size limit before reading it', async () => {
    const path = join(dir, 'big.jpg')
    await writeFile(path, Buffer.alloc(2048))
    await expect(createAssetStore({ drafts: () => drafts, maxBytes: 1024 }).importFile(draftId, path)).rejects.toMatchObject({ code: 'file-too-large' })
  })

  it('a missing file is not-found; a full disk is disk-full with nothing half-written', async () => {
    const fs = createFaultyFs()
    const assets = createAssetStore({ drafts: () => drafts, fs })
    await expect(assets.importFile(draftId, join(dir, 'gone.jpg'))).rejects.toMatchObject({ code: 'not-found' })
    fs.fail('disk-full')
    await expect(assets.importBytes(draftId, await png(), 'a.png')).rejects.toMatchObject({ code: 'disk-full' })
    fs.heal()
    expect(await readdir(drafts.assetsFolder(draftId))).toEqual([])
  })

  it('sniffs formats by their bytes, not their names', () => {
    expect(sniffImage(Buffer.from('GIF89a....'))?.ext).toBe('gif')
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))?.ext).toBe('webp')
    expect(sniffImage(Buffer.from('\0\0\0\x1cftypavif'))?.ext).toBe('avif')
    expect(sniffImage(Buffer.from('\0\0\0\x1cftypheic'))).toBeNull()
  })
})
