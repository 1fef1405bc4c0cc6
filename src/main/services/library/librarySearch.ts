import { Worker } from 'node:worker_threads'
import type { LibraryResult, LibraryView } from '../../../shared/library/query'
import type { LibraryMe } from '../../../shared/library/statuses'
import type { ServiceFs } from '../fs/serviceFs'
import { createLibraryIndex, type LibraryIndex, type LibraryIndexStats } from './libraryIndex'

/**
 * The library search as main sees it. `changed` and `refresh` only post a note and return: an autosave
 * never waits for the index. Queries are answered once the index has loaded (ready: false before).
 */
export type LibrarySearch = {
  changed(id: string): void
  refresh(): void
  /** `knownChoices`: the filters' values the asker has (their `choicesRevision`), left out of the answer if unchanged. */
  query(view: LibraryView, me: LibraryMe, knownChoices?: number): Promise<LibraryResult>
  stats(): Promise<LibraryIndexStats>
  close(): Promise<void>
}

export type LibraryWorkerRequest =
  | { kind: 'changed'; id: string }
  | { kind: 'refresh' }
  | { kind: 'query'; seq: number; view: LibraryView; me: LibraryMe; knownChoices?: number }
  | { kind: 'stats'; seq: number }
export type LibraryWorkerResponse = { seq: number; result: LibraryResult | LibraryIndexStats } | { seq: number; error: string }
export type LibraryWorkerData = { dataDir: string }

/** Answers the requests of LibrarySearch from an index: the worker's body, and the inline search of tests. */
export function libraryRequestHandler(index: LibraryIndex, onError: (error: unknown) => void) {
  const started = index.load().catch(onError)
  return async (request: LibraryWorkerRequest): Promise<LibraryResult | LibraryIndexStats | undefined> => {
    switch (request.kind) {
      case 'changed':
        await started
        await index.changed(request.id).catch(onError)
        return undefined
      case 'refresh':
        await started
        await index.refresh().catch(onError)
        return undefined
      case 'query':
        return index.query(request.view, request.me, request.knownChoices)
      case 'stats':
        await started
        return index.stats()
    }
  }
}

/**
 * Made on first use: a start answers the list's first screen before the index is opened (its worker and
 * its reads would share the disk and the two cores with it); the whole list's refresh starts it right after.
 */
export function lazyLibrarySearch(make: () => LibrarySearch): LibrarySearch {
  let made: LibrarySearch | null = null
  let closed = false
  const search = () => (made ??= make())
  const gone = () => Promise.reject(new Error('library search closed'))
  return {
    changed: (id) => void (closed || search().changed(id)),
    refresh: () => void (closed || search().refresh()),
    query: (view, me, knownChoices) => (closed ? gone() : search().query(view, me, knownChoices)),
    stats: () => (closed ? gone() : search().stats()),
    close: async () => {
      // Not made after this: a late call would make a search (a worker) that nobody closes.
      closed = true
      await made?.close()
    }
  }
}

/** On the calling thread: for tests and the E2E harness, never for Electron's main process. */
export function createInlineLibrarySearch(options: { dataDir: string; fs?: ServiceFs; onError?: (error: unknown) => void }): LibrarySearch {
  const index = createLibraryIndex({ dataDir: options.dataDir, ...(options.fs ? { fs: options.fs } : {}) })
  const handle = libraryRequestHandler(index, options.onError ?? (() => undefined))
  const pending = new Set<Promise<unknown>>()
  const track = (work: Promise<unknown>) => {
    pending.add(work)
    void work.finally(() => pending.delete(work))
  }
  return {
    changed: (id) => track(handle({ kind: 'changed', id })),
    refresh: () => track(handle({ kind: 'refresh' })),
    query: async (view, me, knownChoices) => (await handle({ kind: 'query', seq: 0, view, me, ...(knownChoices === undefined ? {} : { knownChoices }) })) as LibraryResult,
    stats: async () => (await handle({ kind: 'stats', seq: 0 })) as LibraryIndexStats,
    close: async () => {
      await Promise.allSettled([...pending])
    }
  }
}

export type WorkerLibrarySearchOptions = {
  /** The bundled libraryWorker entry (or a loader shim in scripts). */
  workerUrl: URL
  dataDir: string
  /** More for the worker (a loader shim's entry in scripts and tests). */
  workerData?: Record<string, unknown>
  onError?: (error: unknown) => void
}

/** In a worker thread: building and querying the index never blocks main's event loop. */
export function createWorkerLibrarySearch(options: WorkerLibrarySearchOptions): LibrarySearch {
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  let seq = 0
  let worker: Worker | null = null
  let closed = false

  function start(): Worker | null {
    // Closed is closed: a save or a list answered while the app shuts down must not start a worker nobody ends.
    if (closed) return null
    if (worker) return worker
    const started = new Worker(options.workerUrl, {
      workerData: { ...options.workerData, dataDir: options.dataDir } satisfies LibraryWorkerData,
      resourceLimits: { maxOldGenerationSizeMb: 2048 }
    })
    started.unref()
    started.on('message', (response: LibraryWorkerResponse) => {
      const entry = waiting.get(response.seq)
      if (!entry) return
      waiting.delete(response.seq)
      if ('error' in response) entry.reject(new Error(response.error))
      else entry.resolve(response.result)
    })
    const lost = (error: Error) => {
      if (worker !== started) return
      worker = null
      options.onError?.(error)
      for (const entry of waiting.values()) entry.reject(error)
      waiting.clear()
    }
    started.on('error', lost)
    started.on('exit', (code) => lost(new Error(`library search worker exited with code ${code}`)))
    worker = started
    return started
  }

  const ask = <T>(request: { kind: 'query'; view: LibraryView; me: LibraryMe; knownChoices?: number } | { kind: 'stats' }): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const message = { ...request, seq: ++seq }
      const running = start()
      if (!running) return reject(new Error('library search closed'))
      waiting.set(message.seq, { resolve: resolve as (value: unknown) => void, reject })
      running.postMessage(message satisfies LibraryWorkerRequest)
    })

  start()
  return {
    changed: (id) => start()?.postMessage({ kind: 'changed', id } satisfies LibraryWorkerRequest),
    refresh: () => start()?.postMessage({ kind: 'refresh' } satisfies LibraryWorkerRequest),
    query: (view, me, knownChoices) => ask<LibraryResult>({ kind: 'query', view, me, ...(knownChoices === undefined ? {} : { knownChoices }) }),
    stats: () => ask<LibraryIndexStats>({ kind: 'stats' }),
    close: async () => {
      closed = true
      const ending = worker
      worker = null
      await ending?.terminate()
    }
  }
}
