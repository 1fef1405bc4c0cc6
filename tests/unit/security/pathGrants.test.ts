import { describe, expect, it } from 'vitest'
import { createPathGrants } from '../../../src/main/services/grants/pathGrants'

describe('path grants', () => {
  it('answer once, for their own purpose, within their lifetime', async () => {
    let now = 0
    const grants = createPathGrants(() => now)
    const folder = grants.issue('site-folder', '/srv/site')
    expect(grants.take('dropped-file', folder)).toBeNull()
    const again = grants.issue('site-folder', '/srv/site')
    expect(grants.take('site-folder', again)).toBe('/srv/site')
    expect(grants.take('site-folder', again)).toBeNull()

    const late = grants.issue('dropped-file', '/media/card')
    now += 31 * 60_000
    expect(grants.take('dropped-file', late)).toBeNull()
  })

  it('are spent only when the use succeeds', async () => {
    const grants = createPathGrants()
    const id = grants.issue('site-folder', '/srv/site')
    await expect(grants.spend('site-folder', id, () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full')
    expect(await grants.spend('site-folder', id, async (path) => path)).toBe('/srv/site')
    expect(await grants.spend('site-folder', id, async (path) => path)).toBeNull()
  })
})
