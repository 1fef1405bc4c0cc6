import {
  EVENT_CHANNELS,
  EnvelopeSchema,
  INVOKE_CHANNELS,
  type Envelope,
  type EventChannel,
  type EventPayloadOf,
  type InvokeChannel,
  type RequestOf,
  type ResponseOf
} from './contract'
import { AppError, type AppErrorCode } from '../errors'

type Namespace = InvokeChannel extends `${infer NS}:${string}` ? NS : never
type MethodArgs<C extends InvokeChannel> = Record<string, never> extends RequestOf<C> ? [request?: RequestOf<C>] : [request: RequestOf<C>]
type Subscribe = <E extends EventChannel>(channel: E, listener: (payload: EventPayloadOf<E>) => void) => () => void

/** A file dropped on the page (a DOM File); only the preload can tell where it is on disk. */
export type DroppedFile = { readonly name: string }
/**
 * Where dropped files are on this computer: one entry per file, '' for one that is not on disk (a picture
 * pasted from another program). Not a channel: Electron answers it in the preload (webUtils.getPathForFile);
 * main checks every path it is then handed (photos:addPaths).
 */
export type PathsForFiles = (files: readonly DroppedFile[]) => string[]

/**
 * What the preload exposes on `window.newsroom`: one method per contract channel (`drafts:list` becomes
 * `drafts.list(request)`), each resolving with the envelope, never throwing. Envelopes rather than
 * exceptions because contextBridge drops every property of an Error but its message, so a thrown
 * `code` would never reach the page.
 */
export type NewsroomBridge = {
  readonly [NS in Namespace]: {
    readonly [C in InvokeChannel as C extends `${NS}:${infer M}` ? M : never]: (...args: MethodArgs<C>) => Promise<Envelope>
  }
} & { readonly on: Subscribe; readonly pathsForFiles: PathsForFiles }

/** The renderer's view of the bridge: typed answers, and a NewsroomError with a code on failure. */
export type NewsroomApi = {
  readonly [NS in Namespace]: {
    readonly [C in InvokeChannel as C extends `${NS}:${infer M}` ? M : never]: (...args: MethodArgs<C>) => Promise<ResponseOf<C>>
  }
} & { readonly on: Subscribe; readonly pathsForFiles: PathsForFiles }

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
  for (const channel of INVOKE_CHANNELS) {
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
    if (!EVENT_CHANNELS.includes(channel)) throw new Error(`unknown event channel ${String(channel)}`)
    return transport.subscribe(channel, listener)
  }
  const pathsForFiles: PathsForFiles = (files) =>
    files.map((file) => {
      try {
        return local.pathsForFiles?.([file])[0] ?? ''
      } catch {
        return ''
      }
    })
  return Object.freeze({ ...table, on, pathsForFiles }) as unknown as NewsroomBridge
}

/** Wraps the bridge for the renderer: unwraps envelopes, throws NewsroomError with the code. */
export function createNewsroomApi(bridge: NewsroomBridge): NewsroomApi {
  const source = bridge as unknown as MethodTable
  const table = buildTable((channel) => {
    const [ns, name] = channel.split(':') as [string, string]
    const call = source[ns]?.[name]
    if (!call) throw new Error(`the preload does not expose ${channel}: rebuild the app`)
    return async (request?: unknown) => {
      const envelope = EnvelopeSchema.parse(await call(request))
      if (envelope.ok) return envelope.value
      throw new NewsroomError(envelope.error.code, envelope.error.message)
    }
  })
  const pathsForFiles: PathsForFiles = (files) => {
    // A preload built before pathsForFiles existed: the files are then read through the page, as pasted ones are.
    const paths: unknown = typeof bridge.pathsForFiles === 'function' ? bridge.pathsForFiles(files) : []
    return files.map((_, index) => {
      const path = Array.isArray(paths) ? (paths[index] as unknown) : ''
      return typeof path === 'string' ? path : ''
    })
  }
  return Object.freeze({ ...table, on: bridge.on, pathsForFiles }) as unknown as NewsroomApi
}

/** The name under which the preload exposes the bridge on `window`. */
export const API_GLOBAL = 'newsroom'
