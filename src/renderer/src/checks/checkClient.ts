import type { CheckInput, CheckResult } from '../../../shared/checks/types'
import { RequestEncoder, ResultDecoder, type CheckRequest, type CheckResponse } from './checkMessages'

export type CheckRunner = {
  /** Checks the input; resolves null when a newer request came in first (its answer is stale). */
  check(input: CheckInput): Promise<CheckResult | null>
  dispose(): void
}

type Port = Pick<Worker, 'postMessage' | 'terminate'> & { onmessage: ((event: MessageEvent<CheckResponse>) => void) | null }

/**
 * Talks to the check worker. Only the latest request matters: while one runs, newer ones replace each other
 * in a queue of one, so typing fast never piles up work, and every older promise settles as stale (null).
 */
export function createCheckRunner(makePort: () => Port = defaultPort): CheckRunner {
  let port: Port | null = null
  let nextId = 1
  let running: { id: number; resolve(result: CheckResult | null): void; reject(error: Error): void } | null = null
  let queued: { input: CheckInput; resolve(result: CheckResult | null): void; reject(error: Error): void } | null = null
  // Each side remembers what the other last sent (checkMessages), so a new worker starts both afresh.
  let requests = new RequestEncoder()
  let answers = new ResultDecoder()

  const ensurePort = () => {
    if (port) return port
    port = makePort()
    requests = new RequestEncoder()
    answers = new ResultDecoder()
    port.onmessage = (event) => {
      const answer = event.data
      let result: CheckResult | Error
      try {
        // Every answer is decoded, stale or not: the next one names its findings by this one's.
        result = answer.ok ? answers.decode(answer.findings, answer.rulesRun) : new Error(answer.message)
      } catch (error) {
        // Out of step with the worker (never seen): a new worker starts both sides afresh.
        port?.terminate()
        port = null
        result = error instanceof Error ? error : new Error(String(error))
      }
      const current = running
      if (!current || answer.id !== current.id) return
      running = null
      if (queued) {
        // A newer text is waiting: this answer is already out of date.
        current.resolve(null)
        start()
      } else if (result instanceof Error) current.reject(result)
      else current.resolve(result)
    }
    return port
  }

  const start = () => {
    if (!queued) return
    const { input, resolve, reject } = queued
    queued = null
    const id = nextId++
    running = { id, resolve, reject }
    const target = ensurePort()
    const request: CheckRequest = requests.encode(id, input)
    target.postMessage(request)
  }

  return {
    check(input) {
      return new Promise<CheckResult | null>((resolve, reject) => {
        queued?.resolve(null)
        queued = { input, resolve, reject }
        if (!running) start()
      })
    },
    dispose() {
      port?.terminate()
      port = null
      running?.resolve(null)
      queued?.resolve(null)
      running = null
      queued = null
    }
  }
}

function defaultPort(): Port {
  return new Worker(new URL('./checkWorker.ts', import.meta.url), { type: 'module', name: 'checks' }) as Port
}
