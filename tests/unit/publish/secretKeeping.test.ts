import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { composeApp, type AppServices } from '../../../src/main/compose'
import { nodeServiceFs } from '../../../src/main/services/fs/serviceFs'
import { createEncryptedSecretStore, type SecretCipher } from '../../../src/main/services/publish/secretStore'
import type { Envelope } from '../../../src/shared/ipc/contract'
import { startCmsServer, type CmsServer } from '../../support/cmsServer'
import { makeTempDir, steppingClock } from '../../support/draftFixtures'
import { testCapabilities } from '../../support/testApp'

/** A stand-in for safeStorage: XOR "encryption", a decrypt that can be made to fail, the backend it reports. */
function fakeSafeStorage(backend: string | null = 'gnome_libsecret') {
  const state = { decrypts: 0, broken: false, backend }
  const cipher: SecretCipher = {
    available: () => true,
    encrypt: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
    decrypt: (bytes) => {
      state.decrypts++
      if (state.broken) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      return Buffer.from(bytes.map((b) => b ^ 0x5a)).toString('utf8')
    },
    backend: () => state.backend
  }
  return { cipher, state }
}

describe('the secret store: decrypted only when used, honest about weak protection', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>
  let cms: CmsServer
  beforeEach(async () => {
    temp = await makeTempDir('newsroom-secrets-')
    cms = await startCmsServer()
  })
  afterEach(async () => {
    await cms.close()
    await temp.cleanup()
  })
  const secretsFile = () => join(temp.dir, 'userData', 'publish-secrets.json')
  function start(cipher: SecretCipher): { app: AppServices; call(channel: string, request: unknown): Promise<Envelope>; value(channel: string, request: unknown): Promise<Record<string, unknown>> } {
    const app = composeApp(testCapabilities(join(temp.dir, 'userData'), { clock: steppingClock(), secrets: createEncryptedSecretStore({ file: secretsFile(), fs: nodeServiceFs, cipher }) }))
    const call = (channel: string, request: unknown) => app.dispatch(channel as never, request as never, { emit: () => undefined } as never)
    return {
      app,
      call,
      async value(channel, request) {
        const envelope = await call(channel, request)
        if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
        return envelope.value as Record<string, unknown>
      }
    }
  }

  it('a password that cannot be decrypted any more breaks nothing: the list loads, the target asks for it again, and works once re-entered', async () => {
    const { cipher, state } = fakeSafeStorage()
    const { value } = start(cipher)
    await value('publish:saveTarget', { target: { id: 'school', name: '学校', kind: 'cms', baseUrl: cms.url }, secret: cms.token })
    await value('publish:saveTarget', { target: { id: 'other', name: '另一个', kind: 'cms', baseUrl: cms.url }, secret: cms.token })
    // Another computer, another user, a keyring reset:
    state.broken = true
    state.decrypts = 0
    expect(await value('publish:targets', {})).toMatchObject({ withSecret: ['local', 'school', 'other'], needsPassword: [] })
    expect(state.decrypts).toBe(0)
    const report = await value('publish:testConnection', { targetId: 'school' })
    expect(report).toMatchObject({ authenticated: false, error: { kind: 'no-credentials', message: expect.stringContaining('again') } })
    expect(await value('publish:targets', {})).toMatchObject({ withSecret: ['local', 'other'], needsPassword: ['school'] })
    state.broken = false
    await value('publish:saveTarget', { target: { id: 'school', name: '学校', kind: 'cms', baseUrl: cms.url }, secret: cms.token })
    expect(await value('publish:targets', {})).toMatchObject({ withSecret: ['local', 'school', 'other'], needsPassword: [] })
    expect(await value('publish:testConnection', { targetId: 'school' })).toMatchObject({ authenticated: true })
  })

  it('Linux without a keyring (basic_text): nothing is stored until the person chooses; this run only, or weak after confirming', async () => {
    const { cipher } = fakeSafeStorage('basic_text')
    const { value, call } = start(cipher)
    expect(await value('publish:targets', {})).toMatchObject({ secretProtection: 'weak' })
    const refused = await call('publish:saveTarget', { target: { id: 'school', name: '学校', kind: 'cms', baseUrl: cms.url }, secret: cms.token })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('no keyring') } })

    await value('publish:saveTarget', { target: { id: 'school', name: '学校', kind: 'cms', baseUrl: cms.url }, secret: cms.token, secretStorage: 'session' })
    expect(await value('publish:targets', {})).toMatchObject({ withSecret: ['local', 'school'], sessionOnly: ['school'] })
    expect(await value('publish:testConnection', { targetId: 'school' })).toMatchObject({ authenticated: true })
    await expect(readFile(secretsFile(), 'utf8')).resolves.not.toContain('publish:school')
    // Asked again next time: a new run has only the file.
    const next = start(cipher)
    expect(await next.value('publish:targets', {})).toMatchObject({ withSecret: ['local'] })

    await next.value('publish:saveTarget', { target: { id: 'school', name: '学校', kind: 'cms', baseUrl: cms.url }, secret: cms.token, secretStorage: 'weak' })
    expect(await readFile(secretsFile(), 'utf8')).toContain('publish:school')
    expect(await readFile(secretsFile(), 'utf8')).not.toContain(cms.token)
    expect(await start(cipher).value('publish:testConnection', { targetId: 'school' })).toMatchObject({ authenticated: true })
  })

  it('with no encryption at all, only this run', async () => {
    const { cipher } = fakeSafeStorage()
    const { value, call } = start({ ...cipher, available: () => false })
    expect(await value('publish:targets', {})).toMatchObject({ secretProtection: 'none' })
    expect((await call('publish:saveTarget', { target: { id: 'school', name: '学校', kind: 'cms', baseUrl: cms.url }, secret: cms.token, secretStorage: 'weak' })).ok).toBe(false)
    await value('publish:saveTarget', { target: { id: 'school', name: '学校', kind: 'cms', baseUrl: cms.url }, secret: cms.token, secretStorage: 'session' })
    expect(await value('publish:testConnection', { targetId: 'school' })).toMatchObject({ authenticated: true })
  })
})
