import { parentPort, workerData } from 'node:worker_threads'
import { createLibraryIndex } from './libraryIndex'
import { libraryRequestHandler, type LibraryWorkerData, type LibraryWorkerRequest, type LibraryWorkerResponse } from './librarySearch'

/** Worker-thread entry of the library search (bundled as its own entry by electron-vite). */
const port = parentPort
if (!port) throw new Error('libraryWorker must run in a worker thread')
const { dataDir } = workerData as LibraryWorkerData

const handle = libraryRequestHandler(createLibraryIndex({ dataDir }), (error) => console.error('library search index:', error))

port.on('message', (request: LibraryWorkerRequest) => {
  handle(request).then(
    (result) => {
      if ('seq' in request && result !== undefined) port.postMessage({ seq: request.seq, result } satisfies LibraryWorkerResponse)
    },
    (error: unknown) => {
      if ('seq' in request) port.postMessage({ seq: request.seq, error: error instanceof Error ? error.message : String(error) } satisfies LibraryWorkerResponse)
    }
  )
})
