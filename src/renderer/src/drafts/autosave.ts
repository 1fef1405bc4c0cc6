/**
 * When to write a draft: after a quiet time following the last change, one save at a time, always the
 * newest content. Framework-free so the timing rules can be tested with fake timers under Node.
 */

export type SaveState =
  | { kind: 'saved' }
  /** Changes not yet handed to a save (waiting for the quiet time). */
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  /** The last save failed; the content is still held and is retried on the next change or on request. */
  | { kind: 'failed'; error: unknown }

export type Timers = {
  set(callback: () => void, ms: number): unknown
  clear(handle: unknown): void
}

export type AutosaveOptions<C> = {
  save(content: C): Promise<void>
  delayMs: number
  timers?: Timers
  onState?(state: SaveState): void
}

export type Autosave<C> = {
  /** Records the newest content and restarts the quiet time. */
  change(content: C): void
  /** Saves what is pending now and waits until everything changed so far is written; false if a save failed. */
  flush(): Promise<boolean>
  setDelay(ms: number): void
  readonly state: SaveState
  /**
   * Calls `listener` on every change of state. The save indicator subscribes itself, so a change of state
   * re-renders that indicator and not the app around the editor.
   */
  subscribe(listener: () => void): () => void
  /** True while some change is not known to be on disk. */
  readonly dirty: boolean
  /** Stops the timer; later changes are ignored. Call after a final flush. */
  dispose(): void
}

const browserTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

export function createAutosave<C>(options: AutosaveOptions<C>): Autosave<C> {
  const timers = options.timers ?? browserTimers
  let delayMs = options.delayMs
  let pending: { content: C } | null = null
  let inFlight: Promise<boolean> | null = null
  let timer: unknown = null
  /** The quiet time ran out while a save was in flight: start the next one as soon as it ends. */
  let dueWhileSaving = false
  let lastError: { error: unknown } | null = null
  let disposed = false
  let state: SaveState = { kind: 'saved' }
  const listeners = new Set<() => void>()

  function computeState(): SaveState {
    if (inFlight) return { kind: 'saving' }
    if (lastError) return { kind: 'failed', error: lastError.error }
    if (pending) return { kind: 'unsaved' }
    return { kind: 'saved' }
  }

  function publish(): void {
    const next = computeState()
    const same = next.kind === state.kind && (next.kind !== 'failed' || (state.kind === 'failed' && state.error === next.error))
    if (same) return
    state = next
    options.onState?.(next)
    for (const listener of listeners) listener()
  }

  function clearTimer(): void {
    if (timer === null) return
    timers.clear(timer)
    timer = null
  }

  function schedule(): void {
    clearTimer()
    if (disposed) return
    timer = timers.set(() => {
      timer = null
      if (inFlight) dueWhileSaving = true
      else if (pending) void startSave()
    }, delayMs)
  }

  function startSave(): Promise<boolean> {
    const current = pending
    if (!current) return Promise.resolve(true)
    pending = null
    dueWhileSaving = false
    const attempt = options.save(current.content).then(
      () => {
        lastError = null
        return true
      },
      (error: unknown) => {
        // Keep the failed content unless something newer already replaced it: the text must not be lost.
        pending ??= current
        lastError = { error }
        return false
      }
    )
    inFlight = attempt.then((ok) => {
      inFlight = null
      const due = dueWhileSaving
      dueWhileSaving = false
      if (pending && due && !disposed) {
        // A failure is not retried in a tight loop: the newer change gets a fresh quiet time instead.
        if (ok) void startSave()
        else schedule()
      }
      publish()
      return ok
    })
    publish()
    return inFlight
  }

  async function flush(): Promise<boolean> {
    clearTimer()
    for (;;) {
      if (inFlight) {
        await inFlight
        continue
      }
      if (!pending) return true
      if (!(await startSave())) return false
    }
  }

  return {
    change(content) {
      if (disposed) return
      pending = { content }
      schedule()
      publish()
    },
    flush,
    setDelay(ms) {
      delayMs = ms
    },
    get state() {
      return state
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    get dirty() {
      return pending !== null || inFlight !== null
    },
    dispose() {
      disposed = true
      clearTimer()
    }
  }
}
