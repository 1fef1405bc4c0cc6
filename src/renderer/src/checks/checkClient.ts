import type { CheckInput, CheckResult } from '../../../shared/checks/types'
import type { CheckRequest, CheckResponse } from './checkMessages'

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

  const ensurePort = () => {
    if (port) return port
    port = makePort()
    port.onmessage = (event) => {
      const answer = event.data
      const current = running
      if (!current || answer.id !== current.id) return
      running = null
      if (queued) {
        // A newer text is waiting: this answer is already out of date.
        current.resolve(null)
        start()
      } else if (answer.ok) current.resolve(answer.result)
      else current.reject(new Error(answer.message))
    }
    return port
  }

  const start = () => {
    if (!queued) return
    const { input, resolve, reject } = queued
    queued = null
    const id = nextId++
    running = { id, resolve, reject }
    const request: CheckRequest = { id, input }
    ensurePort().postMessage(request)
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
