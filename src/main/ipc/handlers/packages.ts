import { basename } from 'node:path'
import { AppError } from '../../../shared/errors'
import type { packageChannels } from '../../../shared/ipc/channels/packages'
import type { DraftId } from '../../../shared/model/draft'
import { fileNameFor, withExtension } from '../../services/export/articleExporter'
import { PACKAGE_EXTENSION } from '../../services/package/layout'
import type { HandlerContext, HandlerTable } from '../dispatch'
import type { HandlerDeps } from './deps'

export const PACKAGE_FILE_FILTERS = [{ name: 'Campus Newsroom', extensions: [PACKAGE_EXTENSION.slice(1)] }]
export const PACKAGE_FLUSH_TIMEOUT_MS = 5000

/** The editor writes what it still holds before a draft leaves the app; a failed save stops the hand-off. */
export async function flushEditor(deps: Pick<HandlerDeps, 'flush'>, context: HandlerContext, what: string): Promise<void> {
  const outcome = await deps.flush.request((requestId) => context.emit('app:flushRequest', { requestId }), PACKAGE_FLUSH_TIMEOUT_MS)
  if (outcome === 'failed') throw new AppError('internal', `the latest edits could not be saved, so the ${what} would miss them; solve the save problem first`)
}

export function createPackageHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof packageChannels> {
  const { packages, drafts, dialogs, settings, openedPackages } = deps

  async function exportPackage(draftId: DraftId, context: HandlerContext) {
    await flushEditor(deps, context, 'package')
    const draft = await drafts().open(draftId)
    const fallback = settings.get().language === 'en' ? 'draft' : '稿件'
    const chosen = await dialogs.saveFile({
      purpose: 'package',
      defaultName: `${fileNameFor(draft.title, fallback)}${PACKAGE_EXTENSION}`,
      filters: PACKAGE_FILE_FILTERS.map((f) => ({ name: f.name, extensions: [...f.extensions] }))
    })
    if (chosen === null) return { cancelled: true as const }
    return packages().exportDraft(draftId, withExtension(chosen, [PACKAGE_EXTENSION]))
  }

  return {
    'packages:export': ({ draftId }, context) => exportPackage(draftId, context),
    'packages:import': async ({ token, onConflict }) => {
      let path: string
      if (token !== undefined) {
        // A conflict question's token, or one for a package the operating system opened with the app.
        const held = openedPackages.redeem(token)
        if (held === null) throw new AppError('not-found', 'this import question has expired; choose the package again')
        path = held
      } else {
        const [picked] = await dialogs.openFiles({ purpose: 'package', multiple: false, filters: PACKAGE_FILE_FILTERS })
        if (picked === undefined) return { outcome: 'cancelled' as const }
        path = picked
      }
      const outcome = await packages().importPackage(path, { onConflict, language: settings.get().language })
      if (outcome.kind === 'conflict') {
        return { outcome: 'conflict' as const, token: openedPackages.remember(path), fileName: basename(path), conflict: outcome.conflict }
      }
      const { kind: _kind, ...imported } = outcome
      return { outcome: 'imported' as const, ...imported }
    },
    'packages:takeOpened': async () => ({ opened: openedPackages.takeNext() })
  }
}
