import { describe, expect, it } from 'vitest'
import { parseSmokeSwitches, runSmoke, SMOKE_DEFAULT_TIMEOUT_MS, type SmokeReport, type SmokeStep } from '../../../src/main/shell/smoke'

function clock() {
  let t = 0
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

async function smoke(steps: SmokeStep[], timeoutMs = 1000, setTimer?: (callback: () => void, ms: number) => { cancel(): void }) {
  const written: SmokeReport[] = []
  const c = clock()
  const report = await runSmoke({ steps, timeoutMs, app: { version: '0.1.0' }, now: c.now, writeReport: async (r) => void written.push(r), ...(setTimer ? { setTimer } : {}) })
  return { report, written }
}

describe('the --smoke switch', () => {
  it('is read from the command line with its report path and time limit', () => {
    expect(parseSmokeSwitches(['app', '--smoke=/tmp/r.json', '--smoke-timeout=30000'])).toEqual({ reportPath: '/tmp/r.json', timeoutMs: 30000 })
    expect(parseSmokeSwitches(['app', '--smoke=C:\\r.json'])).toEqual({ reportPath: 'C:\\r.json', timeoutMs: SMOKE_DEFAULT_TIMEOUT_MS })
    expect(parseSmokeSwitches(['app', '--smoke=/r.json', '--smoke-timeout=soon'])?.timeoutMs).toBe(SMOKE_DEFAULT_TIMEOUT_MS)
    expect(parseSmokeSwitches(['app', '--smoke'])).toBeNull()
    expect(parseSmokeSwitches(['app', 'x.newsroom'])).toBeNull()
  })

  it('passes when every step passes, and writes what each found', async () => {
    const { report, written } = await smoke([
      { name: 'window', run: async () => undefined },
      { name: 'library', run: async () => ({ drafts: 0 }) }
    ])
    expect(report).toMatchObject({ ok: true, timedOut: false, steps: [{ name: 'window', ok: true }, { name: 'library', ok: true, detail: { drafts: 0 } }] })
    expect(written).toEqual([report])
  })

  it('fails at the first failing step and says why', async () => {
    let ranAfter = false
    const { report } = await smoke([
      { name: 'library', run: () => Promise.reject(new Error('sender not trusted')) },
      { name: 'photo', run: async () => void (ranAfter = true) }
    ])
    expect(report).toMatchObject({ ok: false, steps: [{ name: 'library', ok: false, error: 'sender not trusted' }] })
    expect(ranAfter).toBe(false)
  })

  it('fails when a step hangs past the time limit, and still writes the report', async () => {
    let fire: (() => void) | undefined
    const pending = smoke([{ name: 'window', run: () => new Promise(() => undefined) }], 50, (callback) => {
      fire = callback
      return { cancel: () => undefined }
    })
    await Promise.resolve()
    fire!()
    const { report, written } = await pending
    expect(report).toMatchObject({ ok: false, timedOut: true, steps: [] })
    expect(written).toHaveLength(1)
  })
})
