// A stand-in for heicWorker.ts that answers the same protocol and reports how many decodes the pool ran at
// once: each request counts itself in, waits until `expected` have been in flight together (or `waitMs` at
// most), and answers with the largest number seen, as a one-byte "tiff".
import { parentPort, workerData } from 'node:worker_threads'

const counters = new Int32Array(workerData.shared) // [in flight, most in flight at once]

parentPort.on('message', (request) => {
  const inFlight = Atomics.add(counters, 0, 1) + 1
  for (let most = Atomics.load(counters, 1); inFlight > most; most = Atomics.load(counters, 1)) {
    if (Atomics.compareExchange(counters, 1, most, inFlight) === most) break
  }
  const deadline = Date.now() + workerData.waitMs
  while (Atomics.load(counters, 1) < workerData.expected && Date.now() < deadline) Atomics.wait(counters, 0, Atomics.load(counters, 0), 5)
  const seen = Atomics.load(counters, 1)
  Atomics.sub(counters, 0, 1)
  const tiff = new Uint8Array([seen])
  parentPort.postMessage({ id: request.id, tiff }, [tiff.buffer])
})
