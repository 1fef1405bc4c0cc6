import { z } from 'zod'
import { SettingsPatchSchema, SettingsSchema } from '../../settings'
import { NoRequest, type ChannelMap, type EventMap } from './common'

export const settingsChannels = {
  'settings:get': {
    request: NoRequest,
    response: SettingsSchema
  },
  'settings:set': {
    // Never the data folder (settings:chooseDataDir); turning 先审后发 on or off is confirmed in main's own dialog.
    request: SettingsPatchSchema.omit({ dataDir: true }).strict(),
    response: SettingsSchema
  },
  /**
   * Main's folder dialog, then its confirmation naming the folder; the library is copied into an empty
   * folder (the old one stays) or the library already there is used. Nothing changes when either is cancelled.
   */
  'settings:chooseDataDir': {
    request: NoRequest,
    response: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('cancelled') }),
      z.object({ outcome: z.literal('changed'), settings: SettingsSchema, copied: z.boolean() })
    ])
  }
} as const satisfies ChannelMap

export const settingsEvents = {
  'settings:changed': SettingsSchema
} as const satisfies EventMap
