import { SettingsPatchSchema, SettingsSchema } from '../../settings'
import { NoRequest, type ChannelMap, type EventMap } from './common'

export const settingsChannels = {
  'settings:get': {
    request: NoRequest,
    response: SettingsSchema
  },
  'settings:set': {
    request: SettingsPatchSchema,
    response: SettingsSchema
  }
} as const satisfies ChannelMap

export const settingsEvents = {
  'settings:changed': SettingsSchema
} as const satisfies EventMap
