import {
  EVENT_CHANNELS,
  EnvelopeSchema,
  INVOKE_CHANNELS,
  type EventChannel,
  type EventPayloadOf,
  type InvokeChannel,
  type RequestOf,
  type ResponseOf
} from './contract'
import { AppError, type AppErrorCode } from '../errors'

type Namespace = InvokeChannel extends `${infer NS}:${string}` ? NS : never
type MethodArgs<C extends InvokeChannel> = object extends RequestOf<C> ? [request?: RequestOf<C>] : [request: RequestOf<C>]

/**
 * The renderer-facing API: `drafts:list` becomes `newsroom.drafts.list(request)`. Exactly the contract's
 * channels, nothing generic, so the renderer cannot reach a channel main does not register.
 */
export type NewsroomApi = {
  readonly [NS in Namespace]: {
    readonly [C in InvokeChannel as C extends `${NS}:${infer M}` ? M : never]: (...args: MethodArgs<C>) => Promise<ResponseOf<C>>
  }
} & {
  /** Subscribes to a push event; returns the unsubscribe function. */
  readonly on: <E extends EventChannel>(channel: E, listener: (payload: EventPayloadOf<E>) => void) => () => void
}

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

/**
 * Builds the API from the contract's channel lists. The preload uses it over Electron IPC and the E2E
 * harness over Playwright's exposed function: only the transport differs.
 */
export function createNewsroomApi(transport: Transport): NewsroomApi {
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {}
  for (const channel of INVOKE_CHANNELS) {
    const [ns, method] = channel.split(':') as [string, string]
    api[ns] ??= {}
    api[ns][method] = async (request?: unknown) => {
      const envelope = EnvelopeSchema.parse(await transport.invoke(channel, request ?? {}))
      if (envelope.ok) return envelope.value
      throw new NewsroomError(envelope.error.code, envelope.error.message)
    }
  }
  for (const ns of Object.keys(api)) Object.freeze(api[ns])
  const on = (channel: EventChannel, listener: (payload: unknown) => void): (() => void) => {
    if (!EVENT_CHANNELS.includes(channel)) throw new Error(`unknown event channel ${String(channel)}`)
    return transport.subscribe(channel, listener)
  }
  return Object.freeze({ ...api, on }) as unknown as NewsroomApi
}

/** The name under which the preload exposes the API on `window`. */
export const API_GLOBAL = 'newsroom'
