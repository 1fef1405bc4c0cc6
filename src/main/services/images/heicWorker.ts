import { parentPort } from 'node:worker_threads'
import { decodeHeicToTiff } from './heicCore'

/**
 * Worker-thread entry for HEIC decoding (bundled as its own entry by electron-vite). One request at a time;
 * the answer's buffer is transferred, not copied.
 */
export type HeicWorkerRequest = { id: number; bytes: Uint8Array; icc?: Uint8Array }
export type HeicWorkerResponse = { id: number; tiff: Uint8Array } | { id: number; error: string }

const port = parentPort
if (!port) throw new Error('heicWorker must run in a worker thread')

port.on('message', (request: HeicWorkerRequest) => {
  decodeHeicToTiff(request.bytes, request.icc).then(
    (tiff) => port.postMessage({ id: request.id, tiff } satisfies HeicWorkerResponse, [tiff.buffer as ArrayBuffer]),
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies HeicWorkerResponse)
  )
})
