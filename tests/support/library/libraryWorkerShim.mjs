// A .ts worker entry cannot be handed to a worker thread under Vitest or tsx: register tsx inside the
// worker, then load the real entry (src/main/services/library/libraryWorker.ts) named in workerData.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
