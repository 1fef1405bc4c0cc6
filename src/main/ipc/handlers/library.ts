import type { libraryChannels } from '../../../shared/ipc/channels/library'
import { libraryMe } from '../../../shared/library/statuses'
import type { HandlerTable } from '../dispatch'
import type { HandlerDeps } from './deps'

export function createLibraryHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof libraryChannels> {
  return {
    'library:query': async ({ view, knownChoices }) => {
      const { userName, chain } = deps.settings.get()
      // 等我处理 follows the office's chain: who may sign a step comes from the chain and the directory's roles.
      const directory = await deps
        .directory()
        .get()
        .catch(() => null)
      return deps.library().query(view, libraryMe(userName, chain, directory), knownChoices)
    }
  }
}
