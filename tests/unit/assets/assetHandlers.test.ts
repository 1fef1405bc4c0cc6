import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { composeApp, type AppServices } from '../../../src/main/compose'
import { testCapabilities } from '../../support/testApp'

const context = { emit: () => undefined }

describe('asset channels', () => {
  let dir: string
  let app: AppServices
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-asset-ipc-'))
    app = composeApp(testCapabilities(dir))
  })
  afterEach(() => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }))

  it('reads a picture Word left in its msohtmlclip folder', async () => {
    const { id } = await app.drafts().create()
    const clip = join(dir, 'AppData', 'Local', 'Temp', 'msohtmlclip1', '01')
    await mkdir(clip, { recursive: true })
    await writeFile(join(clip, 'clip_image001.png'), await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).png().toBuffer())
    const answer = await app.dispatch('assets:import', { draftId: id, source: { kind: 'wordClip', url: pathToFileURL(join(clip, 'clip_image001.png')).href } }, context)
    expect(answer).toMatchObject({ ok: true, value: { extension: 'png', width: 8 } })
  })

  it.each(['file:///etc/passwd', 'file:///home/someone/.ssh/id_rsa', 'https://example.com/msohtmlclip1/a.png', 'file:///tmp/msohtmlclip1/../../etc/passwd/x', 'file:///tmp/msohtmlclip1/%2e%2e/passwd']) (
    'will not read %s on behalf of pasted HTML',
    async (url) => {
      const { id } = await app.drafts().create()
      const answer = await app.dispatch('assets:import', { draftId: id, source: { kind: 'wordClip', url } }, context)
      expect(answer.ok).toBe(false)
    }
  )
})
