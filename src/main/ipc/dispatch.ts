import type { z } from 'zod'
import {
  eventContract,
  invokeContract,
  type Envelope,
  type EventChannel,
  type EventPayloadOf,
  type InvokeChannel,
  type ParsedRequestOf,
  type ResponseOf
} from '../../shared/ipc/contract'
import { AppError, fsErrorCode } from '../../shared/errors'

/** What a handler may do besides answering: push events to the window that asked. */
export type HandlerContext = {
  emit<E extends EventChannel>(channel: E, payload: EventPayloadOf<E>): void
}

export type Handler<C extends InvokeChannel> = (request: ParsedRequestOf<C>, context: HandlerContext) => Promise<ResponseOf<C>>

/** One handler per contract channel; TypeScript refuses a table with one missing. */
export type HandlerTable = { [C in InvokeChannel]: Handler<C> }

export type Dispatch = (channel: string, payload: unknown, context: HandlerContext) => Promise<Envelope>

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(request)'}: ${issue.message}`)
    .join('; ')
}

export type DispatchLogger = { error(message: string, error?: unknown): void }

/**
 * Validates the request, runs the handler, validates the answer, and wraps everything in an envelope.
 * Electron's main process and the E2E harness both call this, so they cannot disagree.
 */
export function createDispatcher(handlers: HandlerTable, logger: DispatchLogger = console): Dispatch {
  return async (channel, payload, context) => {
    if (!Object.hasOwn(invokeContract, channel)) {
      return { ok: false, error: { code: 'unknown-channel', message: `no such channel: ${channel}` } }
    }
    const name = channel as InvokeChannel
    const { request, response } = invokeContract[name]
    const parsedRequest = request.safeParse(payload)
    if (!parsedRequest.success) {
      return { ok: false, error: { code: 'invalid-request', message: `${channel}: ${describeIssues(parsedRequest.error)}` } }
    }
    let value: unknown
    try {
      const handler = handlers[name] as (req: unknown, ctx: HandlerContext) => Promise<unknown>
      value = await handler(parsedRequest.data, context)
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toPayload() }
      const code = fsErrorCode(error)
      if (code === 'internal') logger.error(`${channel} failed`, error)
      return { ok: false, error: { code, message: (error as Error)?.message ?? String(error) } }
    }
    const parsedResponse = response.safeParse(value)
    if (!parsedResponse.success) {
      logger.error(`${channel} answered outside its contract: ${describeIssues(parsedResponse.error)}`)
      return { ok: false, error: { code: 'invalid-response', message: `${channel}: the answer did not match the contract` } }
    }
    return { ok: true, value: parsedResponse.data }
  }
}

/** Validates an event payload before it leaves main; a bad one is a bug, so it throws. */
export function validateEvent<E extends EventChannel>(channel: E, payload: EventPayloadOf<E>): EventPayloadOf<E> {
  return eventContract[channel].parse(payload) as EventPayloadOf<E>
}
