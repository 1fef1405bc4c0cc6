import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createWindowStateKeeper,
  DEFAULT_WINDOW_STATE,
  parseWindowState,
  readWindowState,
  WINDOW_STATE_KEY,
  type WindowState,
  type WindowStateStore
} from '../../../src/main/window/windowState'

function memoryStore(initial: Record<string, unknown> = {}): WindowStateStore & { data: Record<string, unknown>; writes: number } {
  return {
    data: { ...initial },
    writes: 0,
    get(key) {
      return this.data[key]
    },
    set(key, value) {
      this.writes++
      this.data[key] = value
    }
  }
}

describe('parseWindowState', () => {
  it('keeps a well-formed saved state', () => {
    expect(parseWindowState({ x: 10, y: 20, width: 1000, height: 700, maximized: true })).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true })
  })

  it.each([undefined, null, 'big', { width: -1, height: 700 }, { width: Number.NaN, height: 700 }, { x: 1, y: 2 }])(
    'falls back to the default for %j',
    (raw) => {
      expect(parseWindowState(raw)).toEqual(DEFAULT_WINDOW_STATE)
    }
  )

  it('drops a position given only by half', () => {
    expect(parseWindowState({ x: 10, width: 1000, height: 700 })).toEqual({ width: 1000, height: 700, maximized: false })
  })

  it('reads from the store under the "window" key', () => {
    expect(WINDOW_STATE_KEY).toBe('window')
    const store = memoryStore({ window: { x: 5, y: 6, width: 1100, height: 720, maximized: false } })
    expect(readWindowState(store)).toEqual({ x: 5, y: 6, width: 1100, height: 720, maximized: false })
  })
})

describe('createWindowStateKeeper', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('saves once after a burst of moves, not on every event', () => {
    const store = memoryStore()
    let state: WindowState = { x: 0, y: 0, width: 1000, height: 700, maximized: false }
    const keeper = createWindowStateKeeper({ store, snapshot: () => state, debounceMs: 500 })
    for (let i = 1; i <= 30; i++) {
      state = { ...state, x: i * 10 }
      keeper.schedule()
      vi.advanceTimersByTime(50)
    }
    expect(store.writes).toBe(0)
    vi.advanceTimersByTime(500)
    expect(store.writes).toBe(1)
    expect(store.data['window']).toEqual({ x: 300, y: 0, width: 1000, height: 700, maximized: false })
  })

  it('saves at once on close and drops the pending save', () => {
    const store = memoryStore()
    const keeper = createWindowStateKeeper({ store, snapshot: () => ({ width: 1200, height: 800, x: 1, y: 2, maximized: true }) })
    keeper.schedule()
    keeper.saveNow()
    expect(store.writes).toBe(1)
    vi.advanceTimersByTime(5000)
    expect(store.writes).toBe(1)
    expect(store.data['window']).toMatchObject({ maximized: true })
  })

  it('does not overwrite a good state with a minimised window or a malformed snapshot', () => {
    const good = { x: 1, y: 2, width: 1000, height: 700, maximized: false }
    const store = memoryStore({ window: good })
    let snapshot: WindowState | null = null
    const keeper = createWindowStateKeeper({ store, snapshot: () => snapshot })
    keeper.saveNow()
    snapshot = { width: 0, height: 700, maximized: false }
    keeper.saveNow()
    expect(store.writes).toBe(0)
    expect(store.data['window']).toEqual(good)
  })

  it('reports a store that cannot write instead of throwing from a window event', () => {
    const onError = vi.fn()
    const store: WindowStateStore = {
      get: () => undefined,
      set: () => {
        throw Object.assign(new Error('no space'), { code: 'ENOSPC' })
      }
    }
    const keeper = createWindowStateKeeper({ store, snapshot: () => DEFAULT_WINDOW_STATE, onError })
    expect(() => keeper.saveNow()).not.toThrow()
    expect(onError).toHaveBeenCalledOnce()
  })
})
