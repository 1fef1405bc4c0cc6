import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createImageService } from '../../../src/main/services/images/imageService'

const DAY = 24 * 60 * 60 * 1000
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0)

let cacheDir: string
let previews: string

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'newsroom-preview-cache-'))
  previews = join(cacheDir, 'previews')
  await mkdir(previews)
})
afterEach(() => rm(cacheDir, { recursive: true, force: true }))

const keyOf = (n: number) => n.toString(16).padStart(40, '0')

/** One preview as the service leaves it (JPEG + record), last used `daysAgo` days before NOW. */
async function cachedPreview(n: number, bytes: number, daysAgo: number): Promise<void> {
  const when = new Date(NOW - daysAgo * DAY)
  for (const [suffix, size] of [
    ['.jpg', bytes - 100],
    ['.json', 100]
  ] as const) {
    const file = join(previews, `${keyOf(n)}${suffix}`)
    await writeFile(file, Buffer.alloc(size))
    await utimes(file, when, when)
  }
}

const keysLeft = async () => [...new Set((await readdir(previews)).map((name) => name.slice(0, 40)))].sort()

describe('the preview cache', () => {
  it('forgets previews unused for longer than the age limit, then the least recently used until it fits', async () => {
    await cachedPreview(1, 1000, 40) // too old
    await cachedPreview(2, 1000, 10)
    await cachedPreview(3, 1000, 3)
    await cachedPreview(4, 1000, 1)
    await cachedPreview(5, 1000, 0)
    await writeFile(join(previews, 'notes.txt'), 'not ours')
    const images = createImageService({ cacheDir, pruneDelayMs: null, now: () => NOW })

    const result = await images.prunePreviewCache({ maxBytes: 2500, maxAgeMs: 30 * DAY })
    expect(result).toEqual({ removed: 3, bytes: 3000 })
    expect(await keysLeft()).toEqual([keyOf(4), keyOf(5), 'notes.txt'].sort())
    // Within its limits, nothing more goes.
    expect(await images.prunePreviewCache({ maxBytes: 2500, maxAgeMs: 30 * DAY })).toEqual({ removed: 0, bytes: 0 })
  })

  it('counts a preview served from the cache as used, so a busy older one outlives an idle newer one', async () => {
    const photo = join(cacheDir, 'IMG_0001.JPG')
    await writeFile(photo, await sharp({ create: { width: 800, height: 600, channels: 3, background: '#468' } }).jpeg().toBuffer())
    let clock = NOW - 20 * DAY
    const images = createImageService({ cacheDir, pruneDelayMs: null, now: () => clock })
    await images.preview(photo)
    const made = await keysLeft()
    expect(made).toHaveLength(1)
    let madeBytes = 0
    for (const name of await readdir(previews)) {
      await utimes(join(previews, name), new Date(NOW - 20 * DAY), new Date(NOW - 20 * DAY))
      madeBytes += (await stat(join(previews, name))).size
    }
    await cachedPreview(9, 1000, 5)

    // Seen again today: served from the cache, and marked as used now.
    clock = NOW
    expect((await images.preview(photo)).previewFile).toContain(made[0])
    await expect.poll(async () => (await stat(join(previews, `${made[0]}.json`))).atimeMs).toBe(NOW)
    // Room for one: the idle preview goes, though its files are newer.
    expect(await images.prunePreviewCache({ maxBytes: madeBytes, maxAgeMs: 30 * DAY })).toEqual({ removed: 1, bytes: 1000 })
    expect(await keysLeft()).toEqual(made)
  })

  it('prunes by itself shortly after the service is made', async () => {
    await cachedPreview(1, 1000, 400)
    await cachedPreview(2, 1000, 0)
    createImageService({ cacheDir, pruneDelayMs: 0, now: () => NOW })
    await expect.poll(() => keysLeft()).toEqual([keyOf(2)])
  })
})
