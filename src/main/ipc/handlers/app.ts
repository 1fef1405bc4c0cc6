import { isAbsolute, relative } from 'node:path'
import { AppError } from '../../../shared/errors'
import type { appChannels } from '../../../shared/ipc/channels/app'
import type { HandlerTable } from '../dispatch'
import { ok, type HandlerDeps } from './deps'

/** True when `path` is `folder` or inside it (no `..` escape, no other drive). */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

export function createAppHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof appChannels> {
  const { drafts, flush, shell, appInfo, notifier } = deps
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
      if (!isInside(drafts().dataDir, path)) throw new AppError('invalid-request', 'only folders inside the data folder can be shown')
      shell.showInFolder(path)
      return ok
    },
    'app:notify': async ({ title, body }) => {
      notifier.show(title, body)
      return ok
    }
  }
}
