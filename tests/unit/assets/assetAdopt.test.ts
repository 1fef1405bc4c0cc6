import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { composeApp, type AppServices } from '../../../src/main/compose'
import { testCapabilities } from '../../support/testApp'

const context = { emit: () => undefined }

describe('assets:adopt (a picture pasted from another draft)', () => {
  let dir: string
  let app: AppServices
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-asset-adopt-'))
    app = composeApp(testCapabilities(dir))
  })
  afterEach(() => rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }))

  async function draftWithPicture(colour = '#2a5db0') {
    const { id } = await app.drafts().create()
    const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: colour } }).jpeg().toBuffer()
    const asset = await app.assets().importBytes(id, bytes, '操场.jpg')
    return { id, asset, bytes }
  }

  it('copies the file into the pasting draft, once', async () => {
    const from = await draftWithPicture()
    const { id: to } = await app.drafts().create()
    const request = { draftId: to, fromDraftId: from.id, assetId: from.asset.assetId }
    const answer = await app.dispatch('assets:adopt', request, context)
    expect(answer).toMatchObject({ ok: true, value: { assetId: from.asset.assetId, width: 40, height: 30, extension: 'jpg' } })
    const copied = join(app.drafts().assetsFolder(to), from.asset.assetId)
    expect(await readFile(copied)).toEqual(from.bytes)
    expect(await app.dispatch('assets:adopt', request, context)).toMatchObject({ ok: true })
    expect(await readdir(app.drafts().assetsFolder(to))).toEqual([from.asset.assetId])
  })

  it('refuses a picture the source draft does not have, and leaves the pasting draft alone', async () => {
    const from = await draftWithPicture()
    const other = await draftWithPicture('#b05a2a')
    const { id: to } = await app.drafts().create()
    const answer = await app.dispatch('assets:adopt', { draftId: to, fromDraftId: from.id, assetId: other.asset.assetId }, context)
    expect(answer).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(existsSync(join(app.drafts().assetsFolder(to), other.asset.assetId))).toBe(false)
  })

  it('refuses a file whose bytes do not match its name', async () => {
    const from = await draftWithPicture()
    const { id: to } = await app.drafts().create()
    const other = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).jpeg().toBuffer()
    await writeFile(join(app.drafts().assetsFolder(from.id), from.asset.assetId), other)
    const answer = await app.dispatch('assets:adopt', { draftId: to, fromDraftId: from.id, assetId: from.asset.assetId }, context)
    expect(answer).toMatchObject({ ok: false, error: { code: 'corrupt-file' } })
    expect(existsSync(join(app.drafts().assetsFolder(to), from.asset.assetId))).toBe(false)
  })

  it('refuses a draft that is not in the library without creating its folder', async () => {
    const from = await draftWithPicture()
    const answer = await app.dispatch('assets:adopt', { draftId: 'no-such-draft', fromDraftId: from.id, assetId: from.asset.assetId }, context)
    expect(answer).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(existsSync(app.drafts().draftFolder('no-such-draft'))).toBe(false)
  })

  it.each([
    { fromDraftId: '../etc', assetId: 'sha256-' + 'a'.repeat(64) + '.jpg' },
    { fromDraftId: 'draft-one', assetId: '../../draft.json' },
    { fromDraftId: 'draft-one', assetId: 'sha256-' + 'a'.repeat(64) + '.jpg/../x' }
  ])('rejects ids outside the patterns: %o', async ({ fromDraftId, assetId }) => {
    const { id: to } = await app.drafts().create()
    const answer = await app.dispatch('assets:adopt', { draftId: to, fromDraftId, assetId }, context)
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
  })
})
