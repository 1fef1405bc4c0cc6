import { randomUUID } from 'node:crypto'

export type FlushOutcome = 'flushed' | 'failed' | 'timeout'

/**
 * Before the window closes, main asks the renderer to write what is pending and waits for its answer,
 * but never forever: a hung renderer must not keep the app from quitting.
 */
export type FlushCoordinator = {
  request(send: (requestId: string) => void, timeoutMs: number): Promise<FlushOutcome>
  answer(requestId: string, ok: boolean): void
}

export function createFlushCoordinator(): FlushCoordinator {
  const pending = new Map<string, (outcome: FlushOutcome) => void>()
  return {
    request(send, timeoutMs) {
      const requestId = randomUUID()
      return new Promise<FlushOutcome>((resolve) => {
        const timer = setTimeout(() => finish('timeout'), timeoutMs)
        function finish(outcome: FlushOutcome) {
          clearTimeout(timer)
          pending.delete(requestId)
          resolve(outcome)
        }
        pending.set(requestId, finish)
        try {
          send(requestId)
        } catch {
          finish('failed')
        }
      })
    },
    answer(requestId, ok) {
      pending.get(requestId)?.(ok ? 'flushed' : 'failed')
    }
  }
}
