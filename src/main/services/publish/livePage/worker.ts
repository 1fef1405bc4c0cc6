import { setPriority } from 'node:os'
import { parentPort } from 'node:worker_threads'
import { decodePage, inspectLivePage } from './check'
import type { LivePageWorkerRequest, LivePageWorkerResponse } from './checker'

/** Worker-thread entry (its own electron-vite entry): the page's bytes come transferred, findings go back. */
const port = parentPort
if (!port) throw new Error('the live-page worker must run in a worker thread')

// Background work: on a busy PC main's event loop (IPC, autosave) should win the CPU. Linux keeps a nice value
// per thread, so this lowers this worker only; elsewhere it would lower the whole app, so it is not done.
if (process.platform === 'linux') {
  try {
    setPriority(10)
  } catch {
    // Not permitted in some sandboxes: the check still runs, at normal priority.
  }
}

port.on('message', (request: LivePageWorkerRequest) => {
  try {
    const inspection = inspectLivePage(decodePage(request.bytes, request.contentType), request.sent, request.context)
    port.postMessage({ id: request.id, inspection } satisfies LivePageWorkerResponse)
  } catch (error) {
    port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies LivePageWorkerResponse)
  }
})
