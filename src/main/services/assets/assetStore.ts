import { createHash } from 'node:crypto'
import { join } from 'node:path'
import sharp from 'sharp'
import { AppError, fsErrorCode } from '../../../shared/errors'
import type { DraftId } from '../../../shared/model/draft'
import type { StoredAsset } from '../../../shared/model/asset'
import { atomicWriteFile } from '../fs/atomicWrite'
import { nodeServiceFs, type ServiceFs } from '../fs/serviceFs'
import type { DraftStore } from '../drafts/draftStore'

/** Formats a browser shows and a web site takes as they are. Everything else waits for the photo pipeline. */
const SIGNATURES: Array<{ ext: StoredAsset['extension']; mime: string; test(b: Uint8Array): boolean }> = [
  { ext: 'jpg', mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'png', mime: 'image/png', test: (b) => ascii(b, 1, 3) === 'PNG' && b[0] === 0x89 },
  { ext: 'gif', mime: 'image/gif', test: (b) => ascii(b, 0, 4) === 'GIF8' },
  { ext: 'webp', mime: 'image/webp', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP' },
  { ext: 'avif', mime: 'image/avif', test: (b) => ascii(b, 4, 4) === 'ftyp' && /^avi[fs]$/.test(ascii(b, 8, 4)) }
]

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length))
}

export function sniffImage(bytes: Uint8Array): { ext: StoredAsset['extension']; mime: string } | null {
  const hit = SIGNATURES.find((s) => s.test(bytes))
  return hit ? { ext: hit.ext, mime: hit.mime } : null
}

/** Size as a reader sees it: a camera's sideways JPEG reports its EXIF-rotated size. Fails on a damaged file. */
async function uprightSize(bytes: Uint8Array): Promise<{ width: number; height: number }> {
  const meta = await sharp(bytes).metadata()
  return { width: meta.autoOrient?.width ?? meta.width ?? 0, height: meta.autoOrient?.height ?? meta.height ?? 0 }
}

export const MAX_ASSET_BYTES = 60 * 1024 * 1024

export type AssetStoreOptions = {
  drafts(): DraftStore
  fs?: ServiceFs
  maxBytes?: number
}

export type AssetStore = {
  /** Stores bytes as an asset of the draft; the same bytes twice give the same asset, stored once. */
  importBytes(draftId: DraftId, bytes: Uint8Array, originalName: string, originalPath?: string | null): Promise<StoredAsset>
  importFile(draftId: DraftId, path: string): Promise<StoredAsset>
}

export function createAssetStore(options: AssetStoreOptions): AssetStore {
  const fs = options.fs ?? nodeServiceFs
  const maxBytes = options.maxBytes ?? MAX_ASSET_BYTES

  async function importBytes(draftId: DraftId, bytes: Uint8Array, originalName: string, originalPath: string | null = null): Promise<StoredAsset> {
    if (bytes.length === 0) throw new AppError('corrupt-file', `${originalName} is empty (0 bytes)`)
    if (bytes.length > maxBytes) throw new AppError('file-too-large', `${originalName} has ${bytes.length} bytes; the limit is ${maxBytes}`)
    const kind = sniffImage(bytes)
    if (!kind) throw new AppError('unsupported-file', `${originalName} is not a JPEG, PNG, GIF, WebP or AVIF image`)
    const { width, height } = await uprightSize(bytes).catch((error: unknown) => {
      throw new AppError('corrupt-file', `${originalName}: ${(error as Error).message}`)
    })
    const hash = createHash('sha256').update(bytes).digest('hex')
    const assetId = `sha256-${hash}.${kind.ext}`
    try {
      await options.drafts().withAssets(draftId, async (folder) => {
        const file = join(folder, assetId)
        const existing = await fs.stat(file).catch(() => null)
        if (!existing || existing.size !== bytes.length) await atomicWriteFile(fs, file, bytes)
      })
    } catch (error) {
      if (error instanceof AppError) throw error
      const code = fsErrorCode(error)
      throw new AppError(code === 'internal' ? 'internal' : code, `cannot store ${originalName}: ${(error as Error).message}`, { cause: error })
    }
    return { assetId, extension: kind.ext, mime: kind.mime, bytes: bytes.length, width, height, originalName, originalPath }
  }

  return {
    importBytes,
    async importFile(draftId, path) {
      const name = path.split(/[\\/]/).pop() ?? path
      let bytes: Buffer
      try {
        const info = await fs.stat(path)
        if (!info.isFile()) throw new AppError('unsupported-file', `${name} is not a file`)
        if (info.size > maxBytes) throw new AppError('file-too-large', `${name} has ${info.size} bytes; the limit is ${maxBytes}`)
        bytes = await fs.readFile(path)
      } catch (error) {
        if (error instanceof AppError) throw error
        const code = fsErrorCode(error)
        throw new AppError(code === 'internal' ? 'internal' : code, `cannot read ${name}: ${(error as Error).message}`, { cause: error })
      }
      return importBytes(draftId, bytes, name, path)
    }
  }
}
