import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { quitDeadlineMs, runQuitSteps, secondInstanceAction, type QuitStep } from '../../../src/main/shell/quit'

describe('runQuitSteps', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('leaves a step that never finishes behind at its limit and still runs the next', async () => {
    const ran: string[] = []
    const steps: QuitStep[] = [
      { name: 'editor', timeoutMs: 5000, run: async () => void ran.push('editor') },
      // The audit log on a network folder that stopped answering.
      { name: 'audit-log', timeoutMs: 3000, run: () => new Promise(() => ran.push('audit-log')) },
      { name: 'heic', timeoutMs: 1000, run: async () => void ran.push('heic') }
    ]
    const done = runQuitSteps(steps)
    await vi.advanceTimersByTimeAsync(3000)
    await expect(done).resolves.toEqual([
      { name: 'editor', result: 'done' },
      { name: 'audit-log', result: 'timeout' },
      { name: 'heic', result: 'done' }
    ])
    expect(ran).toEqual(['editor', 'audit-log', 'heic'])
  })

  it('goes on after a step that fails or throws before returning a promise', async () => {
    const broken = new Error('EIO')
    const outcomes = runQuitSteps([
      { name: 'a', timeoutMs: 100, run: () => Promise.reject(broken) },
      {
        name: 'b',
        timeoutMs: 100,
        run: () => {
          throw broken
        }
      },
      { name: 'c', timeoutMs: 100, run: async () => 'ok' }
    ])
    await expect(outcomes).resolves.toEqual([
      { name: 'a', result: 'failed', error: broken },
      { name: 'b', result: 'failed', error: broken },
      { name: 'c', result: 'done' }
    ])
  })

  it('bounds the whole of quitting by the sum of the limits and a margin', () => {
    expect(quitDeadlineMs([{ name: 'a', timeoutMs: 5000, run: async () => {} }, { name: 'b', timeoutMs: 3000, run: async () => {} }])).toBe(10_000)
  })
})

describe('secondInstanceAction', () => {
  const open = { isDestroyed: () => false }
  const gone = { isDestroyed: () => true }
  it.each([
    [open, { started: true, quitting: false }, 'focus'],
    // The defect: with no window a second start did nothing, and the app seemed never to open.
    [null, { started: true, quitting: false }, 'create'],
    [gone, { started: true, quitting: false }, 'create'],
    [null, { started: false, quitting: false }, 'nothing'],
    [null, { started: true, quitting: true }, 'nothing']
  ] as const)('%o %o → %s', (window, state, expected) => {
    expect(secondInstanceAction(window, state)).toBe(expected)
  })
})
