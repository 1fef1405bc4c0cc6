import type { z } from 'zod'
import { appChannels, appEvents } from './channels/app'
import { approvalChannels, approvalEvents } from './channels/approval'
import { assetChannels, assetEvents } from './channels/assets'
import { directoryChannels, directoryEvents } from './channels/directory'
import { draftChannels, draftEvents } from './channels/drafts'
import { exportChannels, exportEvents } from './channels/export'
import { importChannels, importEvents } from './channels/imports'
import { libraryChannels, libraryEvents } from './channels/library'
import { packageChannels, packageEvents } from './channels/packages'
import { publishChannels, publishEvents } from './channels/publish'
import { handPublishChannels } from './channels/handPublish'
import { photoChannels, photoEvents } from './channels/photos'
import { settingsChannels, settingsEvents } from './channels/settings'
import { signingChannels, signingEvents } from './channels/signing'
import { workflowChannels, workflowEvents } from './channels/workflow'
import { wechatChannels, wechatEvents } from './channels/wechat'
import type { ChannelMap, EventMap } from './channels/common'

/**
 * The one request/response contract between renderer and main, one file per area under channels/.
 * Main registers every channel from this map, the preload exposes exactly these methods, and the E2E
 * harness dispatches through the same table.
 */
export const invokeContract = {
  ...appChannels,
  ...approvalChannels,
  ...assetChannels,
  ...directoryChannels,
  ...draftChannels,
  ...exportChannels,
  ...importChannels,
  ...libraryChannels,
  ...packageChannels,
  ...publishChannels,
  ...handPublishChannels,
  ...photoChannels,
  ...settingsChannels,
  ...signingChannels,
  ...workflowChannels,
  ...wechatChannels
} as const satisfies ChannelMap

/** Push events from main to the renderer, validated before they are sent. */
export const eventContract = {
  ...appEvents,
  ...approvalEvents,
  ...assetEvents,
  ...directoryEvents,
  ...draftEvents,
  ...exportEvents,
  ...importEvents,
  ...libraryEvents,
  ...packageEvents,
  ...publishEvents,
  ...photoEvents,
  ...settingsEvents,
  ...signingEvents,
  ...workflowEvents,
  ...wechatEvents
} as const satisfies EventMap

export type InvokeChannel = keyof typeof invokeContract
export type EventChannel = keyof typeof eventContract
export type RequestOf<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['request']>
export type ParsedRequestOf<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['request']>
export type ResponseOf<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['response']>
export type EventPayloadOf<E extends EventChannel> = z.output<(typeof eventContract)[E]>

export const INVOKE_CHANNELS = Object.keys(invokeContract) as InvokeChannel[]

/** Channels only the preload calls (see ChannelMap); the page's API leaves them out. */
export type PreloadOnlyChannel = { [C in InvokeChannel]: (typeof invokeContract)[C] extends { preloadOnly: true } ? C : never }[InvokeChannel]
export type PageChannel = Exclude<InvokeChannel, PreloadOnlyChannel>
export const PAGE_CHANNELS = INVOKE_CHANNELS.filter((channel) => !('preloadOnly' in invokeContract[channel])) as PageChannel[]
export const EVENT_CHANNELS = Object.keys(eventContract) as EventChannel[]

export { EnvelopeSchema, type Envelope } from './envelope'
