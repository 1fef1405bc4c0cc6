import { Worker } from 'node:worker_threads'
import type { HeicWorkerRequest, HeicWorkerResponse } from './heicWorker'

/**
 * Turns HEIC bytes into an uncompressed TIFF sharp can read (see heicCore.ts). A capability, so tests can
 * decode inline while the app decodes in a worker thread and keeps the main process responsive.
 */
export type HeicDecoder = {
  decode(bytes: Uint8Array, icc: Uint8Array | undefined, signal?: AbortSignal): Promise<Uint8Array>
  close(): Promise<void>
}

/** Decodes on the calling thread: for tests and scripts, never for the Electron main process. */
export function createInlineHeicDecoder(): HeicDecoder {
  return {
    async decode(bytes, icc, signal) {
      signal?.throwIfAborted()
      const { decodeHeicToTiff } = await import('./heicCore')
      return decodeHeicToTiff(bytes, icc)
    },
    async close() {}
  }
}

export type WorkerHeicDecoderOptions = {
  /** The bundled heicWorker entry (or a loader shim in tests). */
  workerUrl: URL
  workerData?: unknown
  /** Ends an idle worker so the WASM heap (hundreds of MB after a 12-MP decode) is given back. */
  idleMs?: number
}

type Job = {
  id: number
  bytes: Uint8Array
  icc: Uint8Array | undefined
  signal: AbortSignal | undefined
  resolve(tiff: Uint8Array): void
  reject(error: unknown): void
}

/**
 * One worker, one decode at a time: WASM decoding is single-threaded and memory-hungry, and the machine
 * also runs sharp on libuv's pool. Cancelling the running decode terminates the worker (WASM cannot be
 * interrupted); the next request starts a fresh one.
 */
export function createWorkerHeicDecoder(options: WorkerHeicDecoderOptions): HeicDecoder {
  const idleMs = options.idleMs ?? 30_000
  const queue: Job[] = []
  let worker: Worker | null = null
  let running: Job | null = null
  let nextId = 1
  let idleTimer: NodeJS.Timeout | null = null

  function startWorker(): Worker {
    const started = new Worker(options.workerUrl, { workerData: options.workerData })
    started.unref()
    started.on('message', (response: HeicWorkerResponse) => {
      const job = running
      if (!job || job.id !== response.id) return
      running = null
      if ('tiff' in response) job.resolve(response.tiff)
      else job.reject(new Error(response.error))
      pump()
    })
    const lost = (error: Error) => {
      if (worker !== started) return
      worker = null
      const job = running
      running = null
      job?.reject(error)
      pump()
    }
    started.on('error', lost)
    started.on('exit', (code) => lost(new Error(`HEIC worker exited with code ${code}`)))
    return started
  }

  function pump() {
    if (running) return
    const job = queue.shift()
    if (!job) {
      scheduleIdle()
      return
    }
    if (idleTimer) clearTimeout(idleTimer)
    idleTimer = null
    worker ??= startWorker()
    running = job
    const request: HeicWorkerRequest = { id: job.id, bytes: job.bytes, ...(job.icc ? { icc: job.icc } : {}) }
    worker.postMessage(request)
  }

  function scheduleIdle() {
    if (!worker || idleTimer) return
    idleTimer = setTimeout(() => {
      idleTimer = null
      if (!running && queue.length === 0) void stopWorker()
    }, idleMs)
    idleTimer.unref()
  }

  async function stopWorker() {
    const current = worker
    worker = null
    if (current) await current.terminate()
  }

  return {
    decode(bytes, icc, signal) {
      return new Promise<Uint8Array>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason)
        const job: Job = { id: nextId++, bytes, icc, signal, resolve, reject }
        const onAbort = () => {
          const index = queue.indexOf(job)
          if (index >= 0) queue.splice(index, 1)
          else if (running === job) {
            running = null
            void stopWorker().then(pump)
          }
          reject(signal?.reason)
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        const settle = <T>(fn: (value: T) => void) => (value: T) => {
          signal?.removeEventListener('abort', onAbort)
          fn(value)
        }
        job.resolve = settle(resolve)
        job.reject = settle(reject)
        queue.push(job)
        pump()
      })
    },
    async close() {
      if (idleTimer) clearTimeout(idleTimer)
      idleTimer = null
      for (const job of queue.splice(0)) job.reject(new Error('HEIC decoder closed'))
      const job = running
      running = null
      job?.reject(new Error('HEIC decoder closed'))
      await stopWorker()
    }
  }
}
