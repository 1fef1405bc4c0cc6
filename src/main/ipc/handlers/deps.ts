import type { DraftStore } from '../../services/drafts/draftStore'
import type { SettingsService } from '../../services/settings/settingsService'
import type { FlushCoordinator } from '../../services/flush/flushCoordinator'

/** What the desktop shell does for the app; Electron's `shell` in main, a recorder in tests. */
export type DesktopShell = {
  openExternal(url: string): Promise<void>
  showInFolder(path: string): void
}

/** Everything the handler tables may use; compose.ts builds it once. */
export type HandlerDeps = {
  drafts(): DraftStore
  settings: SettingsService
  flush: FlushCoordinator
  shell: DesktopShell
  appInfo: { version: string; platform: string; assetUrlBase: string }
}

export const ok = { ok: true } as const
