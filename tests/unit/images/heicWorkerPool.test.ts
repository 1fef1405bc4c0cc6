import { afterEach, describe, expect, it } from 'vitest'
import { createWorkerHeicDecoder, type HeicDecoder } from '../../../src/main/services/images/heicDecoder'

const probe = new URL('../../support/images/concurrencyProbeWorker.mjs', import.meta.url)

/** Two decodes asked for at once; each answers with the most decodes it saw running together. */
async function mostAtOnce(workers: number, waitMs: number): Promise<number[]> {
  const shared = new SharedArrayBuffer(8)
  decoder = createWorkerHeicDecoder({ workerUrl: probe, workerData: { shared, expected: 2, waitMs }, workers })
  const answers = await Promise.all([decoder.decode(new Uint8Array([1]), undefined), decoder.decode(new Uint8Array([2]), undefined)])
  return answers.map((tiff) => tiff[0] ?? 0)
}

let decoder: HeicDecoder | null = null
afterEach(async () => {
  await decoder?.close()
  decoder = null
})

describe('the HEIC worker pool', () => {
  it('decodes as many photos at once as it has workers', async () => {
    expect(await mostAtOnce(2, 10_000)).toEqual([2, 2])
  })

  it('with one worker, decodes one photo at a time', async () => {
    expect(await mostAtOnce(1, 200)).toEqual([1, 1])
  })

  it('cancelling a queued decode leaves the running ones alone', async () => {
    const shared = new SharedArrayBuffer(8)
    decoder = createWorkerHeicDecoder({ workerUrl: probe, workerData: { shared, expected: 2, waitMs: 10_000 }, workers: 2 })
    const controller = new AbortController()
    const first = decoder.decode(new Uint8Array([1]), undefined)
    const second = decoder.decode(new Uint8Array([2]), undefined)
    const third = decoder.decode(new Uint8Array([3]), undefined, controller.signal)
    controller.abort(new Error('the culling view closed'))
    await expect(third).rejects.toThrow('the culling view closed')
    expect([...(await first), ...(await second)]).toEqual([2, 2])
  })
})
