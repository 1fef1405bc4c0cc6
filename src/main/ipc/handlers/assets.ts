import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AppError, fsErrorCode } from '../../../shared/errors'
import type { assetChannels } from '../../../shared/ipc/channels/assets'
import type { HandlerTable } from '../dispatch'
import type { HandlerDeps } from './deps'

export function createAssetHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof assetChannels> {
  const { assets } = deps
  return {
    'assets:import': async ({ draftId, source }) => {
      if (source.kind === 'bytes') return assets().importBytes(draftId, Buffer.from(source.base64, 'base64'), source.name)
      let path: string
      try {
        path = fileURLToPath(source.url)
      } catch {
        throw new AppError('invalid-request', 'not a local file address')
      }
      // Checked again after decoding: %2e%2e and the like must not lead out of Word's clipboard folder.
      if (!/[\\/]msohtmlclip\d*[\\/]/i.test(path) || /(^|[\\/])\.\.?([\\/]|$)/.test(path)) {
        throw new AppError('invalid-request', 'only pictures in Word’s clipboard folder can be read')
      }
      return assets().importFile(draftId, path)
    },
    'assets:adopt': async ({ draftId, fromDraftId, assetId }) => {
      const drafts = deps.drafts()
      // Storing into a draft that is not there would leave a folder the library takes for a damaged draft.
      if (!(await stat(join(drafts.draftFolder(draftId), 'draft.json')).catch(() => null))?.isFile()) {
        throw new AppError('not-found', `draft ${draftId} is not in the library`)
      }
      let bytes: Buffer
      try {
        // Both ids passed the contract's patterns, so the path stays inside the source draft's assets folder.
        bytes = await readFile(join(drafts.assetsFolder(fromDraftId), assetId))
      } catch (error) {
        throw new AppError(fsErrorCode(error), `picture ${assetId} of draft ${fromDraftId}: ${(error as Error).message}`, { cause: error })
      }
      // Stored as bytes again so the hash is checked: an id is only ever the hash of what its file holds.
      const stored = await assets().importBytes(draftId, bytes, assetId)
      if (stored.assetId !== assetId) throw new AppError('corrupt-file', `picture ${assetId} of draft ${fromDraftId} does not match its name`)
      return stored
    }
  }
}
