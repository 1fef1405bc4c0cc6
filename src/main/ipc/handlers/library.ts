import type { libraryChannels } from '../../../shared/ipc/channels/library'
import type { HandlerTable } from '../dispatch'
import type { HandlerDeps } from './deps'

export function createLibraryHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof libraryChannels> {
  return {
    'library:query': ({ view }) => deps.library().query(view, deps.settings.get().userName)
  }
}
