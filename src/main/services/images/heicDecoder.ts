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
  /** Decodes at once, each in its own worker (default 1). An iPhone card decodes about twice as fast on two. */
  workers?: number
}

type Job = {
  id: number
  bytes: Uint8Array
  icc: Uint8Array | undefined
  signal: AbortSignal | undefined
  resolve(tiff: Uint8Array): void
  reject(error: unknown): void
}

/** One worker and the decode it is running; the worker is started on demand and ended when idle. */
type Slot = { worker: Worker | null; running: Job | null; idleTimer: NodeJS.Timeout | null }

/**
 * A few workers, one decode each at a time: WASM decoding is single-threaded and memory-hungry, and the
 * machine also runs sharp on libuv's pool. Cancelling a running decode terminates its worker (WASM cannot
 * be interrupted); the next request starts a fresh one.
 */
export function createWorkerHeicDecoder(options: WorkerHeicDecoderOptions): HeicDecoder {
  const idleMs = options.idleMs ?? 30_000
  const queue: Job[] = []
  const slots: Slot[] = Array.from({ length: Math.max(1, Math.floor(options.workers ?? 1)) }, () => ({ worker: null, running: null, idleTimer: null }))
  let nextId = 1

  function startWorker(slot: Slot): Worker {
    const started = new Worker(options.workerUrl, { workerData: options.workerData })
    started.unref()
    started.on('message', (response: HeicWorkerResponse) => {
      const job = slot.running
      if (slot.worker !== started || !job || job.id !== response.id) return
      slot.running = null
      if ('tiff' in response) job.resolve(response.tiff)
      else job.reject(new Error(response.error))
      pump()
    })
    const lost = (error: Error) => {
      if (slot.worker !== started) return
      slot.worker = null
      const job = slot.running
      slot.running = null
      job?.reject(error)
      pump()
    }
    started.on('error', lost)
    started.on('exit', (code) => lost(new Error(`HEIC worker exited with code ${code}`)))
    return started
  }

  function pump() {
    for (const slot of slots) {
      if (slot.running) continue
      const job = queue.shift()
      if (!job) {
        scheduleIdle(slot)
        continue
      }
      if (slot.idleTimer) clearTimeout(slot.idleTimer)
      slot.idleTimer = null
      slot.worker ??= startWorker(slot)
      slot.running = job
      const request: HeicWorkerRequest = { id: job.id, bytes: job.bytes, ...(job.icc ? { icc: job.icc } : {}) }
      slot.worker.postMessage(request)
    }
  }

  function scheduleIdle(slot: Slot) {
    if (!slot.worker || slot.idleTimer) return
    slot.idleTimer = setTimeout(() => {
      slot.idleTimer = null
      if (!slot.running) void stopWorker(slot)
    }, idleMs)
    slot.idleTimer.unref()
  }

  async function stopWorker(slot: Slot) {
    const current = slot.worker
    slot.worker = null
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
          const slot = slots.find((candidate) => candidate.running === job)
          if (slot) {
            slot.running = null
            void stopWorker(slot).then(pump)
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
      for (const job of queue.splice(0)) job.reject(new Error('HEIC decoder closed'))
      await Promise.all(
        slots.map(async (slot) => {
          if (slot.idleTimer) clearTimeout(slot.idleTimer)
          slot.idleTimer = null
          const job = slot.running
          slot.running = null
          job?.reject(new Error('HEIC decoder closed'))
          await stopWorker(slot)
        })
      )
    }
  }
}
