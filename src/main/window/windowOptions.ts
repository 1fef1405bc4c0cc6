import { clampBoundsToDisplays, MIN_WINDOW_HEIGHT, MIN_WINDOW_WIDTH, type Rect, type WindowState } from './windowState'

/** The part of Electron's BrowserWindowConstructorOptions we set; structurally assignable to it. */
export type SecureWindowOptions = {
  title: string
  x?: number
  y?: number
  width: number
  height: number
  minWidth: number
  minHeight: number
  show: false
  backgroundColor: string
  webPreferences: {
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
  }
}

export type WindowOptionsInput = {
  /** Absolute path of the bundled preload (out/preload/index.cjs). */
  preloadPath: string
  /** What was saved last time (or the default). */
  state: WindowState
  /** Work areas of the connected displays, the primary first. */
  displays: readonly Rect[]
  /** Painted before the page loads, so opening the window does not flash. */
  backgroundColor?: string
}

export const WINDOW_TITLE = '校园新闻编辑器'
export const DEFAULT_BACKGROUND_COLOR = '#ffffff'

/**
 * Options for the editor window. Every security switch is spelt out even where Electron's default already
 * agrees, so that a default changing in a future Electron cannot silently weaken the window.
 */
export function windowOptions(input: WindowOptionsInput): SecureWindowOptions {
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
    backgroundColor: input.backgroundColor ?? DEFAULT_BACKGROUND_COLOR,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false
    }
  }
}
