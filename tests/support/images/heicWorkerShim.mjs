// Vitest cannot hand a .ts entry to a worker thread: register tsx inside the worker, then load the real
// worker module (src/main/services/images/heicWorker.ts) whose URL the test passes as workerData.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
