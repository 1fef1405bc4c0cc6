import { isAbsolute, relative } from 'node:path'
import { AppError } from '../../../shared/errors'
import type { appChannels } from '../../../shared/ipc/channels/app'
import type { HandlerTable } from '../dispatch'
import { ok, type HandlerDeps } from './deps'
import { diagnosticsReport, type DiagnosticsCapability } from '../../services/log/diagnostics'

/** True when `path` is `folder` or inside it (no `..` escape, no other drive). */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

export function createAppHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof appChannels> {
  const { drafts, flush, shell, appInfo, notifier } = deps
  const diagnostics = (): DiagnosticsCapability => {
    if (!deps.diagnostics) throw new AppError('not-found', 'this build keeps no log file')
    return deps.diagnostics
  }
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
    'app:openLog': async () => {
      shell.showInFolder(diagnostics().logFile)
      return ok
    },
    'app:copyDiagnostics': async () => {
      const d = diagnostics()
      const text = diagnosticsReport({ runtime: d.runtime(), logFile: d.logFile, logTail: d.logTail() })
      d.copy(text)
      return { text }
    },
    'app:notify': async ({ title, body }) => {
      notifier.show(title, body)
      return ok
    }
  }
}
