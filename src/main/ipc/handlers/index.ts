import type { HandlerTable } from '../dispatch'
import { createAppHandlers } from './app'
import { createAssetHandlers } from './assets'
import { createDraftHandlers } from './drafts'
import { createSettingsHandlers } from './settings'
import type { HandlerDeps } from './deps'

export type { DesktopDialogs, DesktopShell, HandlerDeps } from './deps'

/** One handler per contract channel, one file per area; TypeScript refuses a table with one missing. */
export function createHandlerTable(deps: HandlerDeps): HandlerTable {
  return {
    ...createAppHandlers(deps),
    ...createAssetHandlers(deps),
    ...createDraftHandlers(deps),
    ...createSettingsHandlers(deps)
  }
}
