import { createCipheriv, createDecipheriv, createHash, createPrivateKey, generateKeyPairSync, randomBytes, scrypt, sign, type KeyObject } from 'node:crypto'
import { dirname } from 'node:path'
import { z } from 'zod'
import { AppError } from '../../../shared/errors'
import type { OfficeDirectory } from '../../../shared/model/directory'
import { NAME_MAX } from '../../../shared/model/metadata'
import { PIN_MAX, PIN_MIN, type DeskKey, type KeyTrust, type KeysOverview } from '../../../shared/model/signing'
import { SignatureSchema, type Signature, type SignOff, type Verification } from '../../../shared/model/workflow'
import type { Clock } from '../clock'
import { atomicWriteFile } from '../fs/atomicWrite'
import type { ServiceFs } from '../fs/serviceFs'
import type { SecretStore } from '../publish/secretStore'
import { CURRENT_FORM, keyFingerprint, publicKeyFromRaw, rawPublicKey, signatureChecks, signedBytes } from './signedForm'

/**
 * Signing keys and the keys this desk trusts.
 *
 * A person's private key never leaves the desk where it was made: PKCS#8 encrypted with a key derived from
 * their PIN (scrypt, AES-256-GCM), and that blob stored through the secret store (Electron safeStorage),
 * so neither a copied disk nor a colleague at the same desk can sign in their name.
 *
 * Trust works as SSH known-hosts: the directory may carry anyone's public key, but a key counts only once
 * a person here compared its fingerprint and confirmed it; a different key arriving for a trusted name is
 * shown as changed and counts for nothing until confirmed again.
 */

const PublicKeySchema = SignatureSchema.shape.publicKey
const NameSchema = z.string().trim().min(1).max(NAME_MAX)

const SigningFileSchema = z.object({
  version: z.literal(1),
  own: z.array(z.object({ name: NameSchema, publicKey: PublicKeySchema, createdAt: z.string(), secretRef: z.string() })).default([]),
  trusted: z.array(z.object({ name: NameSchema, publicKey: PublicKeySchema, confirmedAt: z.string(), confirmedBy: z.string().max(NAME_MAX) })).default([])
})
type SigningFile = z.output<typeof SigningFileSchema>

/** scrypt cost: about 0.1 s and 32 MiB per try, so guessing a 6-digit PIN offline takes a day per core, not seconds. */
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }

const SealedKeySchema = z.object({
  v: z.literal(1),
  kdf: z.object({ N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() }),
  iv: z.string(),
  tag: z.string(),
  data: z.string()
})

const derive = (pin: string, salt: Buffer, params: { N: number; r: number; p: number }) =>
  new Promise<Buffer>((resolve, reject) => {
    scrypt(pin.normalize('NFC'), salt, 32, { ...params, maxmem: SCRYPT.maxmem }, (error, key) => (error ? reject(error) : resolve(key)))
  })

async function seal(privateKey: KeyObject, pin: string): Promise<string> {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const key = await derive(pin, salt, SCRYPT)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const data = Buffer.concat([cipher.update(privateKey.export({ format: 'der', type: 'pkcs8' })), cipher.final()])
  return JSON.stringify({
    v: 1,
    kdf: { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, salt: salt.toString('base64') },
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64')
  })
}

async function unseal(sealed: string, pin: string): Promise<KeyObject> {
  let blob: z.output<typeof SealedKeySchema>
  try {
    blob = SealedKeySchema.parse(JSON.parse(sealed))
  } catch (error) {
    throw new AppError('key-unavailable', 'the stored signing key is damaged; make a new key', { cause: error })
  }
  const key = await derive(pin, Buffer.from(blob.kdf.salt, 'base64'), blob.kdf)
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(blob.iv, 'base64'))
  decipher.setAuthTag(Buffer.from(blob.tag, 'base64'))
  try {
    const der = Buffer.concat([decipher.update(Buffer.from(blob.data, 'base64')), decipher.final()])
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
  } catch {
    throw new AppError('pin-wrong', 'the PIN does not open this signing key')
  }
}

const sameName = (a: string, b: string) => a.normalize('NFC').trim().toLowerCase() === b.normalize('NFC').trim().toLowerCase()
const secretRefOf = (name: string) => `signing-key:${createHash('sha256').update(name.normalize('NFC').trim().toLowerCase()).digest('hex').slice(0, 40)}`

/** The trusted keys at one moment, for judging many sign-offs at once without touching the disk. */
export type TrustSnapshot = { verdict(signOff: SignOff): Verification }

/**
 * 已验证 only for a signature that checks with the key trusted here for that very name; 未验证 for anything
 * that came in a package without that, and for any signature that does not check. A typed name made here
 * stays what it was before keys existed.
 */
export function verdictOf(signOff: SignOff, trusted: readonly { name: string; publicKey: string }[]): Verification {
  if (signOff.signature) {
    const key = trusted.find((entry) => sameName(entry.name, signOff.name))
    return key && key.publicKey === signOff.signature.publicKey && signatureChecks(signOff) ? 'verified' : 'unverified'
  }
  return signOff.importedAt === null ? 'typed' : 'unverified'
}

export type SigningService = {
  overview(): Promise<KeysOverview>
  /** A new key for a person on this desk, sealed with their PIN; it is trusted here at once. Refused for a name that already has a key here or a trusted one. */
  createKey(name: string, pin: string): Promise<DeskKey>
  /** This desk's key for that name, or null. */
  deskKey(name: string): Promise<DeskKey | null>
  /** Signs a sign-off with the signer's desk key; null when they have none here. Wrong PIN: pin-wrong; none given: pin-required. */
  sign(signOff: SignOff, pin: string | undefined): Promise<Signature | null>
  /** A person compared the fingerprint of the directory's key for `name` and confirms it. */
  confirmKey(name: string, publicKey: string, confirmedBy: string): Promise<KeysOverview>
  snapshot(): Promise<TrustSnapshot>
}

export type SigningServiceOptions = {
  /** The desk's key list and trusted keys (JSON, beside the app's settings: keys belong to the computer). */
  file: string
  fs: ServiceFs
  secrets: SecretStore
  clock: Clock
  directory(): Promise<OfficeDirectory>
}

export function createSigningService(options: SigningServiceOptions): SigningService {
  const { fs, file, secrets, clock } = options
  let queue: Promise<unknown> = Promise.resolve()

  async function load(): Promise<SigningFile> {
    let text: string
    try {
      text = await fs.readFile(file, 'utf8')
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return { version: 1, own: [], trusted: [] }
      throw error
    }
    const parsed = SigningFileSchema.safeParse(JSON.parse(text))
    if (!parsed.success) throw new AppError('key-unavailable', `the desk's key list (${file}) is damaged: ${parsed.error.message}`)
    return parsed.data
  }

  function change<T>(edit: (current: SigningFile) => Promise<{ next: SigningFile; result: T }>): Promise<T> {
    const run = queue.catch(() => undefined).then(async () => {
      const { next, result } = await edit(await load())
      await fs.mkdir(dirname(file), { recursive: true })
      await atomicWriteFile(fs, file, JSON.stringify(next, null, 2))
      return result
    })
    queue = run
    return run
  }

  const deskKeyOf = (entry: SigningFile['own'][number]): DeskKey => ({
    name: entry.name,
    publicKey: entry.publicKey,
    fingerprint: keyFingerprint(entry.publicKey),
    createdAt: entry.createdAt
  })

  async function overview(): Promise<KeysOverview> {
    const [state, directory] = await Promise.all([load(), options.directory()])
    const people: KeyTrust[] = []
    for (const person of directory.people) {
      if (!person.publicKey) continue
      const trusted = state.trusted.find((entry) => sameName(entry.name, person.name))
      people.push({
        name: person.name,
        publicKey: person.publicKey,
        fingerprint: keyFingerprint(person.publicKey),
        state: !trusted ? 'new' : trusted.publicKey === person.publicKey ? 'trusted' : 'changed',
        trustedFingerprint: trusted ? keyFingerprint(trusted.publicKey) : null
      })
    }
    return { deskKeys: state.own.map(deskKeyOf), people }
  }

  return {
    overview,

    createKey(name, pin) {
      const signer = NameSchema.parse(name)
      if (pin.length < PIN_MIN || pin.length > PIN_MAX) throw new AppError('invalid-request', `a PIN has ${PIN_MIN} to ${PIN_MAX} characters`)
      return change(async (current) => {
        // Nobody at this desk can take over a name that already signs: a deskmate making "王审核" a new key
        // with their own PIN would sign as them from then on.
        const own = current.own.find((k) => sameName(k.name, signer))
        if (own) throw new AppError('already-exists', `${signer} already has a signing key on this computer`)
        if (current.trusted.some((k) => sameName(k.name, signer))) {
          throw new AppError('already-exists', `a key of ${signer} is already trusted on this computer; a new one would replace whom signatures are checked against`)
        }
        const { privateKey, publicKey } = generateKeyPairSync('ed25519')
        const raw = rawPublicKey(publicKey)
        const secretRef = secretRefOf(signer)
        try {
          await secrets.set(secretRef, await seal(privateKey, pin))
        } catch (error) {
          throw new AppError('key-unavailable', `the signing key cannot be stored: ${(error as Error).message}`, { cause: error })
        }
        const at = clock.now().toISOString()
        const entry = { name: signer, publicKey: raw, createdAt: at, secretRef }
        return {
          next: {
            ...current,
            own: [...current.own.filter((k) => !sameName(k.name, signer)), entry],
            trusted: [...current.trusted.filter((k) => !sameName(k.name, signer)), { name: signer, publicKey: raw, confirmedAt: at, confirmedBy: signer }]
          },
          result: deskKeyOf(entry)
        }
      })
    },

    async deskKey(name) {
      const entry = (await load()).own.find((k) => sameName(k.name, name))
      return entry ? deskKeyOf(entry) : null
    },

    async sign(signOff, pin) {
      const entry = (await load()).own.find((k) => sameName(k.name, signOff.name))
      if (!entry) return null
      if (!pin) throw new AppError('pin-required', `${signOff.name} has a signing key on this computer; type the PIN to sign`)
      const sealed = await secrets.get(entry.secretRef)
      if (sealed === null) throw new AppError('key-unavailable', `the signing key of ${signOff.name} cannot be read on this computer (system encryption unavailable or the key was removed)`)
      const privateKey = await unseal(sealed, pin)
      const publicKey = publicKeyFromRaw(entry.publicKey)
      if (!publicKey) throw new AppError('key-unavailable', 'the stored public key is damaged; make a new key')
      const bytes = signedBytes(signOff, CURRENT_FORM)
      if (!bytes) throw new AppError('internal', 'no signed form for the current version')
      return { form: CURRENT_FORM, algorithm: 'ed25519', publicKey: entry.publicKey, value: sign(null, bytes, privateKey).toString('base64') }
    },

    confirmKey(name, publicKey, confirmedBy) {
      return change(async (current) => {
        const directory = await options.directory()
        const person = directory.people.find((p) => sameName(p.name, name))
        // Only the key the directory shows now can be confirmed: the page cannot slip another one in.
        if (!person || person.publicKey !== publicKey) throw new AppError('not-found', `the directory holds no such key for ${name} any more; look again`)
        const entry = { name: person.name, publicKey, confirmedAt: clock.now().toISOString(), confirmedBy: confirmedBy.slice(0, NAME_MAX) }
        return { next: { ...current, trusted: [...current.trusted.filter((k) => !sameName(k.name, person.name)), entry] }, result: undefined }
      }).then(overview)
    },

    async snapshot() {
      const { trusted } = await load()
      return { verdict: (signOff) => verdictOf(signOff, trusted) }
    }
  }
}
