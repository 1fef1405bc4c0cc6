import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nodeServiceFs } from '../../../src/main/services/fs/serviceFs'
import { createMemorySecretStore, type SecretStore } from '../../../src/main/services/publish/secretStore'
import { signatureChecks, signedBytes } from '../../../src/main/services/signing/signedForm'
import { createSigningService, verdictOf, type SigningService } from '../../../src/main/services/signing/signingService'
import { contentHash } from '../../../src/main/services/workflow/contentHash'
import { emptyDirectory } from '../../../src/shared/model/directory'
import { SignOffSchema, type SignOff } from '../../../src/shared/model/workflow'
import { makeTempDir } from '../../support/draftFixtures'
import { article, manualClock, openOffice } from '../workflow/fixtures'

const record = (extra: Partial<SignOff> = {}): SignOff =>
  SignOffSchema.parse({
    id: 'sign-1',
    action: 'sign',
    stepId: 'review',
    stepName: '审核',
    name: '王审核',
    at: '2026-11-02T08:00:00.000Z',
    from: 'awaiting:review',
    to: 'approved',
    revision: 4,
    contentHash: 'c'.repeat(64),
    ...extra
  })

describe('signing keys sealed by a PIN, and what a signature covers', () => {
  let dir: string
  let cleanup: () => Promise<void>
  let secrets: SecretStore
  let signing: SigningService

  beforeAll(async () => {
    ;({ dir, cleanup } = await makeTempDir('newsroom-keys-'))
    secrets = createMemorySecretStore()
    signing = createSigningService({ file: join(dir, 'signing-keys.json'), fs: nodeServiceFs, secrets, clock: manualClock(), directory: async () => emptyDirectory() })
    await signing.createKey('王审核', '8642')
  }, 30_000)
  afterAll(async () => {
    await cleanup()
  })

  it('keeps only a PIN-sealed private key in the secret store and nothing secret in the key list', async () => {
    const list = await (await import('node:fs/promises')).readFile(join(dir, 'signing-keys.json'), 'utf8')
    expect(list).not.toMatch(/PRIVATE|pkcs8|"data"/)
    const overview = await signing.overview()
    const ref = JSON.parse(list).own[0].secretRef as string
    const sealed = JSON.parse((await secrets.get(ref)) ?? '{}') as { kdf: { N: number }; data: string }
    expect(sealed.kdf.N).toBe(1 << 15)
    expect(sealed.data.length).toBeGreaterThan(40)
    expect(overview.deskKeys.map((k) => k.name)).toEqual(['王审核'])
    await expect(signing.sign(record(), undefined)).rejects.toMatchObject({ code: 'pin-required' })
    await expect(signing.sign(record(), '1111')).rejects.toMatchObject({ code: 'pin-wrong' })
    expect(await signing.sign(record({ name: '没有密钥的人' }), '8642')).toBeNull()
    // A deskmate cannot make a new key under a name that already signs here.
    await expect(signing.createKey('王审核', '0000')).rejects.toMatchObject({ code: 'already-exists' })
    await expect(signing.sign(record(), '0000')).rejects.toMatchObject({ code: 'pin-wrong' })
  })

  it('signs the canonical form: any signed field changed breaks it; the record\'s bookkeeping does not', async () => {
    const signature = await signing.sign(record({ waivers: [{ ruleId: 'typo', finding: '“登陆”应为“登录”', reason: '引用原文', by: '王审核' }] }), '8642')
    if (!signature) throw new Error('no signature')
    const signed = record({ signature, waivers: [{ ruleId: 'typo', finding: '“登陆”应为“登录”', reason: '引用原文', by: '王审核' }] })
    expect(signatureChecks(signed)).toBe(true)
    // Invalidation marks, the version id and the import stamp are not signed: they change after signing.
    expect(signatureChecks({ ...signed, invalidatedAt: '2026-11-03T00:00:00.000Z', versionId: 'x', importedAt: '2026-11-04T00:00:00.000Z' })).toBe(true)
    for (const forged of [
      { ...signed, contentHash: 'd'.repeat(64) },
      { ...signed, name: '李校对' },
      { ...signed, stepId: 'proofread' },
      { ...signed, at: '2026-11-02T08:00:01.000Z' },
      { ...signed, comment: '同意' },
      { ...signed, waivers: [] }
    ]) {
      expect(signatureChecks(forged)).toBe(false)
    }
    // A form this app does not know (a newer app's) is never taken as verified.
    expect(signedBytes(signed, 99)).toBeNull()
    expect(signatureChecks({ ...signed, signature: { ...signature, form: 99 } })).toBe(false)
    // Trusted under that name only.
    const trusted = [{ name: '王审核', publicKey: signature.publicKey }]
    expect(verdictOf(signed, trusted)).toBe('verified')
    expect(verdictOf({ ...signed, name: '李校对' }, [{ name: '李校对', publicKey: signature.publicKey }])).toBe('unverified')
    expect(verdictOf(signed, [])).toBe('unverified')
    expect(verdictOf(record(), [])).toBe('typed')
    expect(verdictOf(record({ importedAt: '2026-11-04T00:00:00.000Z' }), [])).toBe('unverified')
  })

  it('a reviewer\'s waivers are kept in their record, outside the content hash: the proofreader\'s sign-off still holds', async () => {
    const office = openOffice(join(dir, 'office'))
    const draft = await office.store.create()
    await office.workflow.save(draft.id, { title: '讲座通知', column: '通知', body: article('明天下午举行讲座。') })
    await office.workflow.step(draft.id, { action: 'submit', name: '张编辑' })
    await office.workflow.step(draft.id, { action: 'sign', stepId: 'proofread', name: '李校对' })
    const waiver = { ruleId: 'sensitive-word', finding: '“第一”', reason: '比赛名次，属实', by: '王审核' }
    const reviewed = await office.workflow.step(draft.id, { action: 'sign', stepId: 'review', name: '王审核', waivers: [waiver] })
    expect(reviewed.signOff.waivers).toEqual([waiver])
    expect(reviewed.state.signOffs.map((s) => s.valid)).toEqual([true, true, true])
    expect(reviewed.state.allowedActions).toContain('publish')
    expect(contentHash(reviewed.draft)).toBe(reviewed.signOff.contentHash)
  })

  it('refuses to store a key when the system offers no encryption', async () => {
    const failing: SecretStore = { get: async () => null, set: () => Promise.reject(new Error('the system offers no encryption for stored passwords')), delete: async () => undefined, state: async () => 'none', protection: () => 'none' }
    const bare = createSigningService({ file: join(dir, 'other.json'), fs: nodeServiceFs, secrets: failing, clock: manualClock(), directory: async () => emptyDirectory() })
    await expect(bare.createKey('李校对', '1234')).rejects.toMatchObject({ code: 'key-unavailable' })
    expect((await bare.overview()).deskKeys).toEqual([])
  })
})
