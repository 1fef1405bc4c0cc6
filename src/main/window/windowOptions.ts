import { clampBoundsToDisplays, MIN_WINDOW_HEIGHT, MIN_WINDOW_WIDTH, type Rect, type WindowState } from './windowState'

/**
 * The editor window's webPreferences, each switch as a literal type: main spells them out as an object
 * literal at `new BrowserWindow(...)` (where Electronegativity, which reads the built code, can check them)
 * and `satisfies` this type, so no switch can be weakened or left to a default that a future Electron changes.
 */
export type SecureWebPreferences = {
  preload: string
  contextIsolation: true
  sandbox: true
  nodeIntegration: false
  nodeIntegrationInWorker: false
  nodeIntegrationInSubFrames: false
  webSecurity: true
  allowRunningInsecureContent: false
  webviewTag: false
  experimentalFeatures: false
  navigateOnDragDrop: false
  spellcheck: false
  /** Middle-click would open a link in a new window; the window-open handler refuses it anyway. */
  disableBlinkFeatures: 'Auxclick'
}

/** The part of Electron's BrowserWindowConstructorOptions we set besides webPreferences; assignable to it. */
export type WindowFrameOptions = {
  title: string
  x?: number
  y?: number
  width: number
  height: number
  minWidth: number
  minHeight: number
  show: false
  backgroundColor: string
}

export type WindowOptionsInput = {
  /** What was saved last time (or the default). */
  state: WindowState
  /** Work areas of the connected displays, the primary first. */
  displays: readonly Rect[]
  /** Painted before the page loads, so opening the window does not flash. */
  backgroundColor?: string
}

export const WINDOW_TITLE = '校园新闻编辑器'
export const DEFAULT_BACKGROUND_COLOR = '#ffffff'

/** Size, place and look of the editor window; its security switches are SecureWebPreferences. */
export function windowOptions(input: WindowOptionsInput): WindowFrameOptions {
  const bounds = clampBoundsToDisplays(input.state, input.displays)
  return {
    title: WINDOW_TITLE,
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds.width,
    height: bounds.height,
    // A display smaller than the usual minimum still gets a window that fits on it.
    minWidth: Math.min(MIN_WINDOW_WIDTH, bounds.width),
    minHeight: Math.min(MIN_WINDOW_HEIGHT, bounds.height),
    // Shown on ready-to-show: no white frame before the editor has painted.
    show: false,
    backgroundColor: input.backgroundColor ?? DEFAULT_BACKGROUND_COLOR
  }
}
