import { dirname } from 'node:path'
import type { SecretRef } from '../../../shared/model/publish'
import { atomicWriteFile } from '../fs/atomicWrite'
import type { ServiceFs } from '../fs/serviceFs'

/** Passwords and tokens, by reference. Nothing else in the app holds them. */
export type SecretStore = {
  get(ref: SecretRef): Promise<string | null>
  set(ref: SecretRef, value: string): Promise<void>
  delete(ref: SecretRef): Promise<void>
}

export function createMemorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const values = new Map(Object.entries(initial))
  return {
    get: (ref) => Promise.resolve(values.get(ref) ?? null),
    set: (ref, value) => {
      values.set(ref, value)
      return Promise.resolve()
    },
    delete: (ref) => {
      values.delete(ref)
      return Promise.resolve()
    }
  }
}

/** What Electron's safeStorage offers; main hands it over (services never import electron). */
export type SecretCipher = {
  available(): boolean
  encrypt(plain: string): Buffer
  decrypt(encrypted: Buffer): string
}

/**
 * Each secret encrypted on its own (base64 of the cipher's bytes) in one JSON file; refuses to store
 * anything when the system offers no encryption rather than falling back to plain text.
 */
export function createEncryptedSecretStore(options: { file: string; fs: ServiceFs; cipher: SecretCipher }): SecretStore {
  const { fs, cipher, file } = options
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
  return {
    async get(ref) {
      const stored = (await load())[ref]
      if (stored === undefined || !cipher.available()) return null
      return cipher.decrypt(Buffer.from(stored, 'base64'))
    },
    set(ref, value) {
      if (!cipher.available()) return Promise.reject(new Error('the system offers no encryption for stored passwords'))
      const encrypted = cipher.encrypt(value).toString('base64')
      return change((all) => ({ ...all, [ref]: encrypted }))
    },
    delete(ref) {
      return change((all) => Object.fromEntries(Object.entries(all).filter(([key]) => key !== ref)))
    }
  }
}
