import type { settingsChannels } from '../../../shared/ipc/channels/settings'
import type { HandlerTable } from '../dispatch'
import type { HandlerDeps } from './deps'

export function createSettingsHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof settingsChannels> {
  const { settings } = deps
  return {
    'settings:get': async () => settings.get(),
    'settings:set': async (patch, context) => {
      const next = settings.update(patch)
      context.emit('settings:changed', next)
      return next
    }
  }
}
