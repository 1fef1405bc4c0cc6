import type { DraftStore } from '../services/drafts/draftStore'
import type { SettingsService } from '../services/settings/settingsService'
import type { FlushCoordinator } from '../services/flush/flushCoordinator'
import { AppError } from '../../shared/errors'
import type { HandlerTable } from './dispatch'

/** What the desktop shell does for the app; Electron's `shell` in main, a recorder in tests. */
export type DesktopShell = {
  openExternal(url: string): Promise<void>
  showInFolder(path: string): void
}

export type HandlerDeps = {
  drafts(): DraftStore
  settings: SettingsService
  flush: FlushCoordinator
  shell: DesktopShell
  appInfo: { version: string; platform: string }
}

export function createHandlerTable(deps: HandlerDeps): HandlerTable {
  const { drafts, settings, flush, shell, appInfo } = deps
  const ok = { ok: true } as const
  return {
    'app:info': async () => ({ ...appInfo, dataDir: drafts().dataDir }),
    'app:flushed': async ({ requestId, ok: flushed }) => {
      flush.answer(requestId, flushed)
      return ok
    },
    'app:openExternal': async ({ url }) => {
      await shell.openExternal(url)
      return ok
    },
    'app:showInFolder': async ({ path }) => {
      // Only folders inside the data folder: the renderer must not be able to probe the disk.
      if (!path.startsWith(drafts().dataDir)) throw new AppError('invalid-request', 'only folders inside the data folder can be shown')
      shell.showInFolder(path)
      return ok
    },
    'drafts:list': ({ scope }) => drafts().list(scope),
    'drafts:create': (init) => drafts().create(init),
    'drafts:open': ({ id }) => drafts().open(id),
    'drafts:save': async ({ id, content }, context) => {
      context.emit('drafts:saveState', { id, state: 'saving' })
      try {
        const result = await drafts().save(id, content)
        context.emit('drafts:saveState', { id, state: 'saved', revision: result.revision })
        return result
      } catch (error) {
        const payload = error instanceof AppError ? error.toPayload() : { code: 'internal' as const, message: String(error) }
        context.emit('drafts:saveState', { id, state: 'failed', error: payload })
        throw error
      }
    },
    'drafts:rename': ({ id, title }) => drafts().rename(id, title),
    'drafts:duplicate': ({ id }) => drafts().duplicate(id),
    'drafts:trash': async ({ id }) => {
      await drafts().trash(id)
      return ok
    },
    'drafts:restore': async ({ id }) => {
      await drafts().restore(id)
      return ok
    },
    'drafts:emptyTrash': async () => ({ removed: await drafts().emptyTrash() }),
    'drafts:acknowledgeQuarantine': async ({ ids }) => {
      await drafts().acknowledgeQuarantine(ids)
      return ok
    },
    'settings:get': async () => settings.get(),
    'settings:set': async (patch, context) => {
      const next = settings.update(patch)
      context.emit('settings:changed', next)
      return next
    }
  }
}
