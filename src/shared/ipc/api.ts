// Types only from the contract: its schemas stay out of the preload and the page's first script (channelNames.ts).
import type { EventChannel, EventPayloadOf, InvokeChannel, PageChannel, RequestOf, ResponseOf } from './contract'
import { EVENT_CHANNEL_NAMES as EVENT_CHANNELS, PAGE_CHANNEL_NAMES as PAGE_CHANNELS } from './channelNames'
import { EnvelopeSchema, type Envelope } from './envelope'
import { AppError, type AppErrorCode } from '../errors'

type Namespace = PageChannel extends `${infer NS}:${string}` ? NS : never
type MethodArgs<C extends InvokeChannel> = Record<string, never> extends RequestOf<C> ? [request?: RequestOf<C>] : [request: RequestOf<C>]
type Subscribe = <E extends EventChannel>(channel: E, listener: (payload: EventPayloadOf<E>) => void) => () => void

/** A file dropped on the page (a DOM File); only the preload can tell where it is on disk. */
export type DroppedFile = { readonly name: string }
/**
 * Where dropped files are on this computer, answered in the preload (Electron's webUtils.getPathForFile):
 * one entry per file, '' for one that is not on disk (a picture pasted from another program).
 */
export type PathsForFiles = (files: readonly DroppedFile[]) => string[]
/**
 * Single-use tokens for dropped files, one per file ('' for one not on disk), for photos:addPaths. The
 * preload hands the paths to main itself (photos:registerDrop, a preload-only channel): the page never
 * sees a path, and cannot make main read one it names.
 */
export type DropTokens = (files: readonly DroppedFile[]) => Promise<string[]>

/**
 * What the preload exposes on `window.newsroom`: one method per contract channel (`drafts:list` becomes
 * `drafts.list(request)`), each resolving with the envelope, never throwing. Envelopes rather than
 * exceptions because contextBridge drops every property of an Error but its message, so a thrown
 * `code` would never reach the page.
 */
export type NewsroomBridge = {
  readonly [NS in Namespace]: {
    readonly [C in PageChannel as C extends `${NS}:${infer M}` ? M : never]: (...args: MethodArgs<C>) => Promise<Envelope>
  }
} & { readonly on: Subscribe; readonly dropTokens: DropTokens }

/** The renderer's view of the bridge: typed answers, and a NewsroomError with a code on failure. */
export type NewsroomApi = {
  readonly [NS in Namespace]: {
    readonly [C in PageChannel as C extends `${NS}:${infer M}` ? M : never]: (...args: MethodArgs<C>) => Promise<ResponseOf<C>>
  }
} & { readonly on: Subscribe; readonly dropTokens: DropTokens }

export type Transport = {
  invoke(channel: InvokeChannel, request: unknown): Promise<unknown>
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void
}

/** Error thrown in the renderer when main answers with an error envelope. */
export class NewsroomError extends AppError {
  constructor(code: AppErrorCode, message: string) {
    super(code, message)
    this.name = 'NewsroomError'
  }
}

type MethodTable = Record<string, Record<string, (request?: unknown) => Promise<unknown>>>

function buildTable(method: (channel: InvokeChannel) => (request?: unknown) => Promise<unknown>): MethodTable {
  const table: MethodTable = {}
  for (const channel of PAGE_CHANNELS) {
    const [ns, name] = channel.split(':') as [string, string]
    table[ns] ??= {}
    table[ns][name] = method(channel)
  }
  for (const ns of Object.keys(table)) Object.freeze(table[ns])
  return table
}

/**
 * Builds the bridge from the contract's channel lists. The preload uses it over Electron IPC and the E2E
 * harness over Playwright's exposed function: only the transport differs.
 */
export function createNewsroomBridge(transport: Transport, local: { pathsForFiles?: PathsForFiles } = {}): NewsroomBridge {
  const table = buildTable((channel) => async (request?: unknown) => EnvelopeSchema.parse(await transport.invoke(channel, request ?? {})))
  const on = (channel: EventChannel, listener: (payload: unknown) => void): (() => void) => {
    if (!(EVENT_CHANNELS as readonly string[]).includes(channel)) throw new Error(`unknown event channel ${String(channel)}`)
    return transport.subscribe(channel, listener)
  }
  const dropTokens: DropTokens = async (files) => {
    const paths = files.map((file) => {
      try {
        return local.pathsForFiles?.([file])[0] ?? ''
      } catch {
        return ''
      }
    })
    const onDisk = paths.filter((path) => path !== '')
    if (onDisk.length === 0) return paths.map(() => '')
    const envelope = EnvelopeSchema.parse(await transport.invoke('photos:registerDrop', { paths: onDisk }))
    const tokens = envelope.ok ? (envelope.value as { tokens: string[] }).tokens : []
    let next = 0
    return paths.map((path) => (path === '' ? '' : (tokens[next++] ?? '')))
  }
  return Object.freeze({ ...table, on, dropTokens }) as unknown as NewsroomBridge
}

/** An answer from the bridge, checked: its value, or a NewsroomError with the code main gave. */
export function unwrapEnvelope(answer: unknown): unknown {
  const envelope = EnvelopeSchema.parse(answer)
  if (envelope.ok) return envelope.value
  throw new NewsroomError(envelope.error.code, envelope.error.message)
}

/** Wraps the bridge for the renderer: unwraps envelopes, throws NewsroomError with the code. */
export function createNewsroomApi(bridge: NewsroomBridge): NewsroomApi {
  const source = bridge as unknown as MethodTable
  const table = buildTable((channel) => {
    const [ns, name] = channel.split(':') as [string, string]
    const call = source[ns]?.[name]
    if (!call) throw new Error(`the preload does not expose ${channel}: rebuild the app`)
    return async (request?: unknown) => unwrapEnvelope(await call(request))
  })
  const dropTokens: DropTokens = async (files) => {
    // A preload without dropTokens: the files are then read through the page, as pasted ones are.
    const tokens: unknown = typeof bridge.dropTokens === 'function' ? await bridge.dropTokens(files).catch(() => []) : []
    return files.map((_, index) => {
      const token = Array.isArray(tokens) ? (tokens[index] as unknown) : ''
      return typeof token === 'string' ? token : ''
    })
  }
  return Object.freeze({ ...table, on: bridge.on, dropTokens }) as unknown as NewsroomApi
}

/** The name under which the preload exposes the bridge on `window`. */
export const API_GLOBAL = 'newsroom'
