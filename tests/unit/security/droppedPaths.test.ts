import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createNewsroomBridge } from '../../../src/shared/ipc/api'
import { makeTempDir } from '../../support/draftFixtures'
import { attackableApp, valueOf } from './securityFixtures'

type Added = { sessionId: string; photos: { name: string }[]; refused: { code: string }[] }

describe('attack 8: photos:addPaths lists only what the person dropped or chose', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let secret: string
  beforeEach(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-attack-drop-'))
    // Someone's private photos, in a folder the person never offered the app.
    secret = join(dir, 'private')
    await mkdir(secret)
    await writeFile(join(secret, 'IMG_0001.JPG'), await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).jpeg().toBuffer())
  })
  afterEach(() => cleanup())

  it('refuses a path the page names, a forged token and a token spent already', async () => {
    const { call } = attackableApp(dir)
    const named = await call('photos:addPaths', { sessionId: null, paths: [secret] })
    expect(named.ok ? (named.value as Added).photos : []).toEqual([])

    const forged = valueOf<Added>(await call('photos:addPaths', { sessionId: null, tokens: ['A'.repeat(24)] }))
    expect(forged.photos).toEqual([])
    expect(forged.refused.map((r) => r.code)).toEqual(['unreadable'])

    // What a drop does, via the preload: the path to main, a token to the page; the token works once.
    const { tokens } = valueOf<{ tokens: string[] }>(await call('photos:registerDrop', { paths: [secret] }))
    const first = valueOf<Added>(await call('photos:addPaths', { sessionId: null, tokens }))
    expect(first.photos.map((p) => p.name)).toEqual(['IMG_0001.JPG'])
    const replayed = valueOf<Added>(await call('photos:addPaths', { sessionId: null, tokens }))
    expect(replayed.photos).toEqual([])
  })

  it('the page API has no way to register a drop: only the preload’s own lookup reaches registerDrop', async () => {
    const { call } = attackableApp(dir)
    const transport = { invoke: (channel: string, request: unknown) => call(channel, request), subscribe: () => () => undefined }
    const pageApi = createNewsroomBridge(transport) as unknown as Record<string, Record<string, unknown>>
    expect(pageApi['photos']?.['registerDrop']).toBeUndefined()
    // Without the preload's getPathForFile (a page calling dropTokens with made-up files) nothing is on disk.
    expect(await createNewsroomBridge(transport).dropTokens([{ name: secret }])).toEqual([''])
    const preload = createNewsroomBridge(transport, { pathsForFiles: (files) => files.map(() => secret) })
    const [token] = await preload.dropTokens([{ name: 'IMG_0001.JPG' }])
    expect(valueOf<Added>(await call('photos:addPaths', { sessionId: null, tokens: [token] })).photos).toHaveLength(1)
  })
})
