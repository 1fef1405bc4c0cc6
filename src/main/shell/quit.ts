/** One thing to finish before the process ends, and how long it may take at most. */
export type QuitStep = { name: string; timeoutMs: number; run(): Promise<unknown> }

export type QuitOutcome = { name: string; result: 'done' | 'failed' | 'timeout'; error?: unknown }

/**
 * Runs the steps of quitting in order, each bounded by its own time limit. A step on a stalled network
 * folder must not keep the process alive with no window, holding the single-instance lock so the next
 * start does nothing: past its limit it is left behind and the next step runs. Never rejects.
 */
export async function runQuitSteps(steps: readonly QuitStep[]): Promise<QuitOutcome[]> {
  const outcomes: QuitOutcome[] = []
  for (const step of steps) {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<QuitOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ name: step.name, result: 'timeout' }), step.timeoutMs)
    })
    const work = Promise.resolve()
      .then(() => step.run())
      .then(
        (): QuitOutcome => ({ name: step.name, result: 'done' }),
        (error: unknown): QuitOutcome => ({ name: step.name, result: 'failed', error })
      )
    outcomes.push(await Promise.race([work, timeout]))
    clearTimeout(timer)
  }
  return outcomes
}

/** The longest quitting can take: after this, main exits whatever is still running. */
export function quitDeadlineMs(steps: readonly QuitStep[], marginMs = 2000): number {
  return steps.reduce((total, step) => total + step.timeoutMs, marginMs)
}

/**
 * What a second start of the app does to this one: bring its window forward, or open one when there is
 * none (macOS with every window closed, or a window that crashed away), so the person is never left with
 * an app that seems not to start.
 */
export function secondInstanceAction(
  window: { isDestroyed(): boolean } | null,
  state: { started: boolean; quitting: boolean }
): 'focus' | 'create' | 'nothing' {
  if (window && !window.isDestroyed()) return 'focus'
  // Still starting: the window is on its way. Quitting: a new window would only be closed again.
  if (!state.started || state.quitting) return 'nothing'
  return 'create'
}
