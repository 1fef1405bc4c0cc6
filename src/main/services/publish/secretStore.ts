import { dirname } from 'node:path'
import type { SecretRef } from '../../../shared/model/publish'
import { atomicWriteFile } from '../fs/atomicWrite'
import type { ServiceFs } from '../fs/serviceFs'

/**
 * How well stored passwords are protected here: `strong` (the OS keychain, DPAPI, a Linux keyring), `weak`
 * (Linux without a keyring: Chromium's basic_text, a key built into every copy of the app), `none`.
 */
export type SecretProtection = 'strong' | 'weak' | 'none'

/** Where a password is kept: the encrypted file, only in memory for this run, or the weak file after consent. */
export type SecretKeeping = 'system' | 'session' | 'weak'

/** What a target's secret looks like without decrypting it. */
export type SecretState = 'stored' | 'session' | 'unreadable' | 'none'

/** A stored secret that cannot be decrypted any more (another PC or user, a keyring reset, a new install). */
export class SecretUnreadableError extends Error {
  constructor(message = 'the stored password can no longer be read on this computer') {
    super(message)
    this.name = 'SecretUnreadableError'
  }
}

/** Storing was refused: the protection on offer is weaker than the keeping asked for. */
export class SecretKeepingError extends Error {
  readonly protection: SecretProtection
  constructor(protection: SecretProtection) {
    super(
      protection === 'weak'
        ? 'this computer has no keyring: the password can be kept for this run only, or stored with weak protection after confirming'
        : 'this computer offers no encryption for stored passwords: the password can be kept for this run only'
    )
    this.name = 'SecretKeepingError'
    this.protection = protection
  }
}

/** Passwords and tokens, by reference. Nothing else in the app holds them. */
export type SecretStore = {
  /** Decrypts; throws SecretUnreadableError when the stored value cannot be read here any more. */
  get(ref: SecretRef): Promise<string | null>
  /** Without decrypting: listing targets never touches the cipher. */
  state(ref: SecretRef): Promise<SecretState>
  set(ref: SecretRef, value: string, keeping?: SecretKeeping): Promise<void>
  delete(ref: SecretRef): Promise<void>
  protection(): SecretProtection
}

export function createMemorySecretStore(initial: Record<string, string> = {}, protection: SecretProtection = 'strong'): SecretStore {
  const values = new Map(Object.entries(initial))
  const session = new Set<string>()
  return {
    get: (ref) => Promise.resolve(values.get(ref) ?? null),
    state: (ref) => Promise.resolve(session.has(ref) ? 'session' : values.has(ref) ? 'stored' : 'none'),
    set: (ref, value, keeping = 'system') => {
      if (keeping !== 'session' && !(protection === 'strong' || (protection === 'weak' && keeping === 'weak'))) return Promise.reject(new SecretKeepingError(protection))
      values.set(ref, value)
      if (keeping === 'session') session.add(ref)
      else session.delete(ref)
      return Promise.resolve()
    },
    delete: (ref) => {
      values.delete(ref)
      session.delete(ref)
      return Promise.resolve()
    },
    protection: () => protection
  }
}

/** What Electron's safeStorage offers; main hands it over (services never import electron). */
export type SecretCipher = {
  available(): boolean
  encrypt(plain: string): Buffer
  decrypt(encrypted: Buffer): string
  /** Linux only: safeStorage.getSelectedStorageBackend() (`basic_text` without a keyring); null elsewhere. */
  backend?(): string | null
}

/** The backends that are no real protection: the key is the same in every copy of Chromium. */
const WEAK_BACKENDS = new Set(['basic_text'])

export function protectionOf(cipher: SecretCipher): SecretProtection {
  if (!cipher.available()) return 'none'
  const backend = cipher.backend?.() ?? null
  return backend !== null && WEAK_BACKENDS.has(backend) ? 'weak' : 'strong'
}

/** Marks a stored value that failed to decrypt once, so the targets list can say "请重新输入密码" without trying again. */
const UNREADABLE = '!unreadable'

/**
 * Each secret encrypted on its own (base64 of the cipher's bytes) in one JSON file, decrypted only when a
 * publish or a connection test uses it. Refuses plain text: without a real keyring a password is kept in
 * memory for this run, or stored with the weak protection only after the person confirmed it.
 */
export function createEncryptedSecretStore(options: { file: string; fs: ServiceFs; cipher: SecretCipher }): SecretStore {
  const { fs, cipher, file } = options
  const session = new Map<string, string>()
  let queue: Promise<unknown> = Promise.resolve()
  async function load(): Promise<Record<string, string>> {
    try {
      const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as unknown
      return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, string>) : {}
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return {}
      throw error
    }
  }
  function change(edit: (all: Record<string, string>) => Record<string, string>): Promise<void> {
    const next = queue.catch(() => undefined).then(async () => {
      const all = edit(await load())
      await fs.mkdir(dirname(file), { recursive: true })
      await atomicWriteFile(fs, file, JSON.stringify(all))
    })
    queue = next
    return next
  }
  const without = (ref: string) => (all: Record<string, string>) => Object.fromEntries(Object.entries(all).filter(([key]) => key !== ref))
  return {
    async get(ref) {
      const kept = session.get(ref)
      if (kept !== undefined) return kept
      const stored = (await load())[ref]
      if (stored === undefined) return null
      if (stored === UNREADABLE || !cipher.available()) throw new SecretUnreadableError()
      try {
        return cipher.decrypt(Buffer.from(stored, 'base64'))
      } catch (error) {
        await change((all) => (all[ref] === stored ? { ...all, [ref]: UNREADABLE } : all))
        throw new SecretUnreadableError(`the stored password can no longer be read on this computer (${error instanceof Error ? error.message : String(error)})`)
      }
    },
    async state(ref) {
      if (session.has(ref)) return 'session'
      const stored = (await load())[ref]
      return stored === undefined ? 'none' : stored === UNREADABLE ? 'unreadable' : 'stored'
    },
    async set(ref, value, keeping = 'system') {
      if (keeping === 'session') {
        session.set(ref, value)
        return change(without(ref))
      }
      const protection = protectionOf(cipher)
      if (!(protection === 'strong' || (protection === 'weak' && keeping === 'weak'))) throw new SecretKeepingError(protection)
      const encrypted = cipher.encrypt(value).toString('base64')
      session.delete(ref)
      return change((all) => ({ ...all, [ref]: encrypted }))
    },
    delete(ref) {
      session.delete(ref)
      return change(without(ref))
    },
    protection: () => protectionOf(cipher)
  }
}
