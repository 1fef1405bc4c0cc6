import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDraftStore } from '../../../src/main/services/drafts/draftStore'
import { assetFileFor, assetMime } from '../../../src/main/services/assets/assetUrl'

const store = createDraftStore({ dataDir: '/data/library', clock: { now: () => new Date() } })
const asset = `sha256-${'ab'.repeat(32)}.jpg`

describe('asset addresses', () => {
  it('map <draftId>/<assetId> into that draft’s assets folder', () => {
    expect(assetFileFor(store, `mabc123-0a1b2c3d4e/${asset}`)).toBe(join('/data/library/drafts/mabc123-0a1b2c3d4e/assets', asset))
    expect(assetFileFor(store, `/mabc123-0a1b2c3d4e/${asset}`)).toBe(join('/data/library/drafts/mabc123-0a1b2c3d4e/assets', asset))
  })

  it.each([
    ['parent folder', `../mabc123-0a1b2c3d4e/${asset}`],
    ['encoded traversal', `mabc123-0a1b2c3d4e/..%2F..%2Fsettings.json`],
    ['absolute path as asset', `mabc123-0a1b2c3d4e/%2Fetc%2Fpasswd`],
    ['not an asset id', 'mabc123-0a1b2c3d4e/photo.jpg'],
    ['extra segment', `mabc123-0a1b2c3d4e/assets/${asset}`],
    ['bad escape', `mabc123-0a1b2c3d4e/%E0%A4%A`],
    ['upper-case draft id', `MABC123-0A1B2C3D4E/${asset}`]
  ])('refuse %s', (_name, tail) => {
    expect(assetFileFor(store, tail)).toBeNull()
  })

  it('know the image types', () => {
    expect(assetMime(asset)).toBe('image/jpeg')
    expect(assetMime('sha256-x.webp')).toBe('image/webp')
    expect(assetMime('x.exe')).toBe('application/octet-stream')
  })
})
