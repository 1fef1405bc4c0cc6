import { Worker } from 'node:worker_threads'
import { decodePage, inspectLivePage, type LivePageContext, type LivePageInspection } from './check'

/*
 * Runs the live-page check where it cannot stall main: the app hands the page's bytes to a worker thread and
 * waits at most `timeoutMs`; a check that runs over is ended (the worker terminated) and reported as such.
 * Tests and scripts may check inline.
 */

export type LivePageInput = { bytes: Uint8Array; contentType: string | null; sent: { title: string; html: string }; context?: LivePageContext }

export type LivePageChecker = {
  /** Findings, or `check-timeout` when the check ran over its time limit. */
  check(input: LivePageInput): Promise<LivePageInspection>
  close(): Promise<void>
}

export type LivePageWorkerRequest = { id: number; bytes: Uint8Array; contentType: string | null; sent: { title: string; html: string }; context: LivePageContext }
export type LivePageWorkerResponse = { id: number; inspection: LivePageInspection } | { id: number; error: string }

/** The largest page the check reads: a real article page is well under 1 MB; 8 MB leaves room for inline images. */
export const LIVE_PAGE_MAX_BYTES = 8 * 1024 * 1024
export const LIVE_PAGE_TIMEOUT_MS = 10_000

/** On the calling thread: for tests and scripts, never for Electron's main process. */
export function createInlineLivePageChecker(): LivePageChecker {
  return {
    check: (input) => Promise.resolve(inspectLivePage(decodePage(input.bytes, input.contentType), input.sent, input.context)),
    close: () => Promise.resolve()
  }
}

export type WorkerLivePageCheckerOptions = {
  /** The bundled worker entry (or a loader shim in tests and the bench). */
  workerUrl: URL
  workerData?: unknown
  timeoutMs?: number
  /** Ends an idle worker so its heap is given back. */
  idleMs?: number
}

/** One worker, one check at a time (checks are rare: after a publish, or on demand); started when needed. */
export function createWorkerLivePageChecker(options: WorkerLivePageCheckerOptions): LivePageChecker {
  const timeoutMs = options.timeoutMs ?? LIVE_PAGE_TIMEOUT_MS
  const idleMs = options.idleMs ?? 30_000
  let worker: Worker | null = null
  let idleTimer: NodeJS.Timeout | null = null
  let nextId = 1
  let queue: Promise<unknown> = Promise.resolve()

  const stop = async () => {
    const running = worker
    worker = null
    if (running !== null) await running.terminate()
  }

  function runOne(input: LivePageInput): Promise<LivePageInspection> {
    if (idleTimer !== null) clearTimeout(idleTimer)
    if (worker === null) {
      worker = new Worker(options.workerUrl, { workerData: options.workerData })
      worker.unref()
    }
    const current = worker
    const id = nextId++
    return new Promise<LivePageInspection>((resolve, reject) => {
      const timer = setTimeout(() => {
        finish()
        void stop()
        resolve({ findings: [{ kind: 'check-timeout', detail: `the page could not be checked within ${String(Math.round(timeoutMs / 1000))} s` }], family: null, outside: { links: [], scripts: [] } })
      }, timeoutMs)
      const onMessage = (message: LivePageWorkerResponse) => {
        if (message.id !== id) return
        finish()
        if ('error' in message) reject(new Error(message.error))
        else resolve(message.inspection)
      }
      const onError = (error: Error) => {
        finish()
        worker = null
        reject(error)
      }
      const finish = () => {
        clearTimeout(timer)
        current.off('message', onMessage)
        current.off('error', onError)
        idleTimer = setTimeout(() => void stop(), idleMs)
        idleTimer.unref()
      }
      current.on('message', onMessage)
      current.on('error', onError)
      // A copy, then transferred: the caller's bytes stay usable and main never holds two decoded copies.
      const bytes = input.bytes.slice()
      current.postMessage({ id, bytes, contentType: input.contentType, sent: input.sent, context: input.context ?? {} } satisfies LivePageWorkerRequest, [bytes.buffer as ArrayBuffer])
    })
  }

  return {
    check(input) {
      const next = queue.catch(() => undefined).then(() => runOne(input))
      queue = next
      return next
    },
    async close() {
      if (idleTimer !== null) clearTimeout(idleTimer)
      await stop()
    }
  }
}
