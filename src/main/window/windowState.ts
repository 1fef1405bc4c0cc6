import { z } from 'zod'

export type Rect = { x: number; y: number; width: number; height: number }

/** A window's place on screen; no position means "let the system centre it" (first launch). */
export type WindowBounds = { x?: number | undefined; y?: number | undefined; width: number; height: number }

export type WindowState = WindowBounds & { maximized: boolean }

export const MIN_WINDOW_WIDTH = 960
export const MIN_WINDOW_HEIGHT = 640
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false }

const finite = z.number().finite()
const WindowStateSchema = z.object({
  x: finite.optional(),
  y: finite.optional(),
  width: finite.positive(),
  height: finite.positive(),
  maximized: z.boolean().default(false)
})

/** Reads what was stored; anything malformed (a hand-edited file, an older format) falls back to the default. */
export function parseWindowState(raw: unknown): WindowState {
  const parsed = WindowStateSchema.safeParse(raw)
  if (!parsed.success) return { ...DEFAULT_WINDOW_STATE }
  const { x, y, width, height, maximized } = parsed.data
  // A position is only meaningful as a pair.
  return x === undefined || y === undefined ? { width, height, maximized } : { x, y, width, height, maximized }
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}

/**
 * Puts saved bounds back where a person can reach them. A monitor unplugged since last time, or a laptop
 * now on a smaller screen, must not leave the editor off-screen or taller than the display: the window
 * goes onto the display it overlapped most (else the first, centred), shrunk to fit that display's work
 * area and moved fully inside it. `displays` are work areas, the primary display first.
 */
export function clampBoundsToDisplays(bounds: WindowBounds, displays: readonly Rect[]): WindowBounds {
  const primary = displays[0]
  const wanted = { width: Math.round(bounds.width), height: Math.round(bounds.height) }
  if (!primary) {
    return { width: Math.max(wanted.width, MIN_WINDOW_WIDTH), height: Math.max(wanted.height, MIN_WINDOW_HEIGHT) }
  }
  let area = primary
  let placed = false
  if (bounds.x !== undefined && bounds.y !== undefined) {
    const rect = { x: bounds.x, y: bounds.y, ...wanted }
    let best = 0
    for (const display of displays) {
      const overlap = overlapArea(rect, display)
      if (overlap > best) {
        best = overlap
        area = display
        placed = true
      }
    }
  }
  const width = clamp(wanted.width, Math.min(MIN_WINDOW_WIDTH, area.width), area.width)
  const height = clamp(wanted.height, Math.min(MIN_WINDOW_HEIGHT, area.height), area.height)
  if (!placed) {
    return {
      x: area.x + Math.round((area.width - width) / 2),
      y: area.y + Math.round((area.height - height) / 2),
      width,
      height
    }
  }
  return {
    x: clamp(Math.round(bounds.x ?? 0), area.x, area.x + area.width - width),
    y: clamp(Math.round(bounds.y ?? 0), area.y, area.y + area.height - height),
    width,
    height
  }
}

/** The part of electron-store (and `conf`) the window state needs. */
export type WindowStateStore = {
  get(key: string): unknown
  set(key: string, value: unknown): void
}

export const WINDOW_STATE_KEY = 'window'

export function readWindowState(store: WindowStateStore): WindowState {
  return parseWindowState(store.get(WINDOW_STATE_KEY))
}

export type WindowStateKeeper = {
  /** Call on every resize/move: saves once things have been still for a moment. */
  schedule(): void
  /** Call on close: saves at once and cancels a pending save. */
  saveNow(): void
}

/**
 * Saves the window's state, debounced because a drag fires dozens of move events a second. `snapshot`
 * returns null when the current state should not be remembered (a minimised window has no useful bounds);
 * a malformed snapshot is not saved either, so it cannot replace a good one.
 */
export function createWindowStateKeeper(options: {
  store: WindowStateStore
  snapshot(): WindowState | null
  debounceMs?: number
  onError?(error: unknown): void
}): WindowStateKeeper {
  const { store, snapshot, debounceMs = 500, onError = () => {} } = options
  let timer: ReturnType<typeof setTimeout> | undefined
  const saveNow = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    try {
      const state = WindowStateSchema.safeParse(snapshot())
      if (state.success) store.set(WINDOW_STATE_KEY, state.data)
    } catch (error) {
      // Losing the window's position is not worth interrupting anyone for.
      onError(error)
    }
  }
  return {
    schedule() {
      if (timer !== undefined) clearTimeout(timer)
      timer = setTimeout(saveNow, debounceMs)
    },
    saveNow
  }
}
