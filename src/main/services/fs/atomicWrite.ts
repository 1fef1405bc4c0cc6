import { dirname } from 'node:path'
import type { ServiceFs } from './serviceFs'

let tempCounter = 0

/**
 * Writes a file so that a crash at any moment leaves either the old or the new content, never a mix:
 * write a temp file beside it, fsync, rename over the target, fsync the folder so the rename survives
 * a power cut too.
 */
export async function atomicWriteFile(fs: ServiceFs, path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.${++tempCounter}.tmp`
  try {
    const handle = await fs.open(temp, 'w', 0o644)
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(temp, path)
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined)
    throw error
  }
  await syncFolder(fs, dirname(path))
}

/** fsync a folder so a rename or create inside it is durable. Some file systems refuse; that is not fatal. */
export async function syncFolder(fs: ServiceFs, folder: string): Promise<void> {
  let handle
  try {
    handle = await fs.open(folder, 'r')
    await handle.sync()
  } catch {
    // EISDIR/EINVAL/EPERM on some platforms (Windows cannot open folders): the data itself is synced.
  } finally {
    await handle?.close().catch(() => undefined)
  }
}

export function isTempFile(name: string): boolean {
  return name.endsWith('.tmp')
}
