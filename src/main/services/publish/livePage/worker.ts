import { parentPort } from 'node:worker_threads'
import { checkLivePage, decodePage } from './check'
import type { LivePageWorkerRequest, LivePageWorkerResponse } from './checker'

/** Worker-thread entry (its own electron-vite entry): the page's bytes come transferred, findings go back. */
const port = parentPort
if (!port) throw new Error('the live-page worker must run in a worker thread')

port.on('message', (request: LivePageWorkerRequest) => {
  try {
    const findings = checkLivePage(decodePage(request.bytes, request.contentType), request.sent)
    port.postMessage({ id: request.id, findings } satisfies LivePageWorkerResponse)
  } catch (error) {
    port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies LivePageWorkerResponse)
  }
})
