import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { NewsroomBridge } from '../../../src/shared/ipc/api'

/**
 * The start's early questions (src/renderer/src/library/earlyAsk.ts, earlyStart.ts) over a stand-in for the
 * preload's bridge: answers settle when the test says so.
 */
function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((ok) => (resolve = ok))
  return { promise, resolve }
}

const listEnvelope = { ok: true, value: { drafts: [{ id: 'd1', title: '开学典礼' }], quarantined: [] } }
const settingsEnvelope = { ok: true, value: { language: 'zh-CN', userName: '张三' } }

let list: ReturnType<typeof deferred<unknown>>
let settings: ReturnType<typeof deferred<unknown>>
let asked: string[]

beforeEach(() => {
  vi.resetModules()
  list = deferred()
  settings = deferred()
  asked = []
  const bridge = {
    drafts: { list: (request: unknown) => (asked.push(`drafts:list ${JSON.stringify(request)}`), list.promise) },
    settings: { get: () => (asked.push('settings:get'), settings.promise) }
  } as unknown as NewsroomBridge
  vi.stubGlobal('newsroom', bridge)
})

afterEach(() => {
  vi.unstubAllGlobals()
})

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('the start’s early questions', () => {
  it('ask for the first screen and the settings once, from the first script, before the app has run', async () => {
    const { askEarly } = await import('../../../src/renderer/src/library/earlyAsk')
    askEarly()
    askEarly()
    expect(asked).toEqual(['drafts:list {"scope":"active","storedFirst":60}', 'settings:get'])
  })

  it('give the first render the answers once both are in, as the very objects the start then takes', async () => {
    const { askEarly } = await import('../../../src/renderer/src/library/earlyAsk')
    const { readyEarly, takeEarly } = await import('../../../src/renderer/src/library/earlyStart')
    askEarly()
    expect(readyEarly()).toBeNull()
    list.resolve(listEnvelope)
    await flush()
    // The list alone is not enough: the settings decide how it is drawn.
    expect(readyEarly()).toBeNull()
    settings.resolve(settingsEnvelope)
    await flush()
    const ready = readyEarly()
    expect(ready?.firstScreen.drafts.map((draft) => draft.title)).toEqual(['开学典礼'])
    expect(ready?.settings.userName).toBe('张三')
    const taken = takeEarly()
    expect(await taken?.firstScreen).toBe(ready?.firstScreen)
    expect(await taken?.settings).toBe(ready?.settings)
    // Taken once: a later library (another data folder) asks anew, and the first render's peek is over too.
    expect(takeEarly()).toBeNull()
    expect(readyEarly()).toBeNull()
  })

  it('leave a failed or malformed answer to the start, which gets the error with its code', async () => {
    const { askEarly } = await import('../../../src/renderer/src/library/earlyAsk')
    const { readyEarly, takeEarly } = await import('../../../src/renderer/src/library/earlyStart')
    askEarly()
    list.resolve({ ok: false, error: { code: 'read-only', message: 'EACCES' } })
    settings.resolve({ ok: 'yes', value: {} })
    await flush()
    expect(readyEarly()).toBeNull()
    const taken = takeEarly()
    await expect(taken?.firstScreen).rejects.toMatchObject({ name: 'NewsroomError', code: 'read-only' })
    await expect(taken?.settings).rejects.toThrow()
  })

  it('ask nothing without the preload’s bridge', async () => {
    vi.stubGlobal('newsroom', undefined)
    const { askEarly } = await import('../../../src/renderer/src/library/earlyAsk')
    const { takeEarly } = await import('../../../src/renderer/src/library/earlyStart')
    askEarly()
    expect(asked).toEqual([])
    expect(takeEarly()).toBeNull()
  })
})
