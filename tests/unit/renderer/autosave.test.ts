import { describe, expect, it } from 'vitest'
import { createAutosave, type SaveState, type Timers } from '../../../src/renderer/src/drafts/autosave'

/** Manual clock: timers fire only when the test advances time. */
function fakeTimers() {
  let now = 0
  let nextId = 1
  const scheduled = new Map<number, { at: number; callback: () => void }>()
  const timers: Timers = {
    set(callback, ms) {
      const id = nextId++
      scheduled.set(id, { at: now + ms, callback })
      return id
    },
    clear(handle) {
      scheduled.delete(handle as number)
    }
  }
  return {
    timers,
    advance(ms: number) {
      const until = now + ms
      for (;;) {
        const due = [...scheduled.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0]
        if (!due) break
        scheduled.delete(due[0])
        now = due[1].at
        due[1].callback()
      }
      now = until
    },
    get pendingTimers() {
      return scheduled.size
    }
  }
}

/** A save function whose calls stay in flight until the test settles them. */
function controlledSave<C>() {
  const calls: { content: C; resolve(): void; reject(error: unknown): void }[] = []
  let inFlight = 0
  let maxInFlight = 0
  const save = (content: C) =>
    new Promise<void>((resolve, reject) => {
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      const done = () => inFlight--
      calls.push({
        content,
        resolve: () => {
          done()
          resolve()
        },
        reject: (error) => {
          done()
          reject(error)
        }
      })
    })
  return {
    save,
    calls,
    get maxInFlight() {
      return maxInFlight
    }
  }
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

function setup(delayMs = 800) {
  const clock = fakeTimers()
  const saver = controlledSave<string>()
  const states: SaveState['kind'][] = []
  const autosave = createAutosave<string>({
    save: saver.save,
    delayMs,
    timers: clock.timers,
    onState: (state) => states.push(state.kind)
  })
  return { clock, saver, states, autosave }
}

describe('autosave', () => {
  it('saves once, with the newest content, after the quiet time following the last change', () => {
    const { clock, saver, autosave } = setup(800)
    autosave.change('a')
    clock.advance(500)
    autosave.change('ab')
    clock.advance(500)
    autosave.change('abc')
    clock.advance(799)
    expect(saver.calls).toHaveLength(0)
    expect(autosave.state.kind).toBe('unsaved')
    clock.advance(1)
    expect(saver.calls.map((c) => c.content)).toEqual(['abc'])
    expect(autosave.state.kind).toBe('saving')
  })

  it('reports saved once the save resolves and is no longer dirty', async () => {
    const { clock, saver, states, autosave } = setup()
    autosave.change('x')
    expect(autosave.dirty).toBe(true)
    clock.advance(800)
    saver.calls[0]?.resolve()
    await settle()
    expect(autosave.state.kind).toBe('saved')
    expect(autosave.dirty).toBe(false)
    expect(states).toEqual(['unsaved', 'saving', 'saved'])
  })

  it('never runs two saves at once and coalesces changes made during a save into one follow-up save', async () => {
    const { clock, saver, autosave } = setup(100)
    autosave.change('v1')
    clock.advance(100)
    expect(saver.calls).toHaveLength(1)
    autosave.change('v2')
    clock.advance(100)
    autosave.change('v3')
    clock.advance(100)
    autosave.change('v4')
    clock.advance(100)
    // Quiet time ran out three times while v1 was still being written: nothing new starts yet.
    expect(saver.calls).toHaveLength(1)
    saver.calls[0]?.resolve()
    await settle()
    expect(saver.calls.map((c) => c.content)).toEqual(['v1', 'v4'])
    saver.calls[1]?.resolve()
    await settle()
    expect(saver.maxInFlight).toBe(1)
    expect(autosave.state.kind).toBe('saved')
  })

  it('a change during a save whose quiet time has not run out waits for its own timer', async () => {
    const { clock, saver, autosave } = setup(800)
    autosave.change('v1')
    clock.advance(800)
    autosave.change('v2')
    saver.calls[0]?.resolve()
    await settle()
    expect(saver.calls).toHaveLength(1)
    expect(autosave.state.kind).toBe('unsaved')
    clock.advance(800)
    expect(saver.calls.map((c) => c.content)).toEqual(['v1', 'v2'])
  })

  it('flush saves immediately without waiting for the quiet time', async () => {
    const { clock, saver, autosave } = setup(800)
    autosave.change('now')
    const flushed = autosave.flush()
    expect(saver.calls.map((c) => c.content)).toEqual(['now'])
    saver.calls[0]?.resolve()
    expect(await flushed).toBe(true)
    // The cancelled timer must not fire a second save later.
    clock.advance(5000)
    expect(saver.calls).toHaveLength(1)
    expect(clock.pendingTimers).toBe(0)
  })

  it('flush waits for the save in flight and then writes the newer content', async () => {
    const { clock, saver, autosave } = setup(800)
    autosave.change('old')
    clock.advance(800)
    autosave.change('new')
    let done = false
    const flushed = autosave.flush().then((ok) => {
      done = true
      return ok
    })
    await settle()
    expect(saver.calls).toHaveLength(1)
    expect(done).toBe(false)
    saver.calls[0]?.resolve()
    await settle()
    expect(saver.calls.map((c) => c.content)).toEqual(['old', 'new'])
    expect(done).toBe(false)
    saver.calls[1]?.resolve()
    expect(await flushed).toBe(true)
    expect(saver.maxInFlight).toBe(1)
  })

  it('flush with nothing pending resolves true without saving', async () => {
    const { saver, autosave } = setup()
    expect(await autosave.flush()).toBe(true)
    expect(saver.calls).toHaveLength(0)
  })

  it('after a failure keeps the content dirty and retries it on the next change', async () => {
    const { clock, saver, autosave } = setup(800)
    const diskFull = Object.assign(new Error('no space'), { code: 'disk-full' })
    autosave.change('important text')
    clock.advance(800)
    saver.calls[0]?.reject(diskFull)
    await settle()
    expect(autosave.state).toEqual({ kind: 'failed', error: diskFull })
    expect(autosave.dirty).toBe(true)
    // No retry loop on its own.
    clock.advance(60_000)
    expect(saver.calls).toHaveLength(1)
    autosave.change('important text!')
    // The failure stays visible until the retry actually starts.
    expect(autosave.state.kind).toBe('failed')
    clock.advance(800)
    expect(saver.calls.map((c) => c.content)).toEqual(['important text', 'important text!'])
    saver.calls[1]?.resolve()
    await settle()
    expect(autosave.state.kind).toBe('saved')
    expect(autosave.dirty).toBe(false)
  })

  it('a manual retry (flush) after a failure saves the kept content', async () => {
    const { clock, saver, autosave } = setup(800)
    autosave.change('kept')
    clock.advance(800)
    saver.calls[0]?.reject(new Error('read-only'))
    await settle()
    const retried = autosave.flush()
    expect(saver.calls.map((c) => c.content)).toEqual(['kept', 'kept'])
    saver.calls[1]?.resolve()
    expect(await retried).toBe(true)
    expect(autosave.state.kind).toBe('saved')
  })

  it('flush reports false when the save fails, and the content is still held', async () => {
    const { saver, autosave } = setup()
    autosave.change('text')
    const flushed = autosave.flush()
    saver.calls[0]?.reject(new Error('disk full'))
    expect(await flushed).toBe(false)
    expect(autosave.dirty).toBe(true)
    expect(autosave.state.kind).toBe('failed')
  })

  it('a failed save does not overwrite newer content typed while it was in flight', async () => {
    const { clock, saver, autosave } = setup(100)
    autosave.change('first')
    clock.advance(100)
    autosave.change('second')
    clock.advance(100)
    saver.calls[0]?.reject(new Error('boom'))
    await settle()
    // The newer content gets a fresh quiet time rather than an immediate retry.
    expect(saver.calls).toHaveLength(1)
    clock.advance(100)
    expect(saver.calls.map((c) => c.content)).toEqual(['first', 'second'])
  })

  it('uses a changed delay for the next quiet time', () => {
    const { clock, saver, autosave } = setup(800)
    autosave.setDelay(2000)
    autosave.change('x')
    clock.advance(1999)
    expect(saver.calls).toHaveLength(0)
    clock.advance(1)
    expect(saver.calls).toHaveLength(1)
  })

  it('after dispose, the timer is gone and later changes are ignored', () => {
    const { clock, saver, autosave } = setup(800)
    autosave.change('x')
    autosave.dispose()
    clock.advance(5000)
    autosave.change('y')
    clock.advance(5000)
    expect(saver.calls).toHaveLength(0)
  })

  it('tells subscribers of each change of state only, not of each keystroke, until they unsubscribe', async () => {
    const { clock, saver, autosave } = setup(800)
    const seen: SaveState['kind'][] = []
    const off = autosave.subscribe(() => seen.push(autosave.state.kind))
    autosave.change('a')
    autosave.change('ab')
    autosave.change('abc')
    expect(seen).toEqual(['unsaved'])
    clock.advance(800)
    saver.calls[0]?.resolve()
    await settle()
    expect(seen).toEqual(['unsaved', 'saving', 'saved'])
    off()
    autosave.change('abcd')
    expect(seen).toEqual(['unsaved', 'saving', 'saved'])
  })
})
