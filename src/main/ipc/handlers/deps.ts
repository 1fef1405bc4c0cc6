import type { DraftStore } from '../../services/drafts/draftStore'
import type { SettingsService } from '../../services/settings/settingsService'
import type { FlushCoordinator } from '../../services/flush/flushCoordinator'
import type { AssetStore } from '../../services/assets/assetStore'

/** What the desktop shell does for the app; Electron's `shell` in main, a recorder in tests. */
export type DesktopShell = {
  openExternal(url: string): Promise<void>
  showInFolder(path: string): void
}

/**
 * The system's file dialogs: Electron's `dialog` in main, scripted answers in the E2E harness. Paths come
 * from here, never from the page.
 */
export type DesktopDialogs = {
  openFiles(options: {
    purpose: 'images' | 'docx' | 'package'
    multiple: boolean
    filters: { name: string; extensions: string[] }[]
  }): Promise<string[]>
  saveFile(options: { purpose: 'html' | 'docx' | 'pdf' | 'package'; defaultName: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>
}

/** Everything the handler tables may use; compose.ts builds it once. */
export type HandlerDeps = {
  drafts(): DraftStore
  assets(): AssetStore
  dialogs: DesktopDialogs
  settings: SettingsService
  flush: FlushCoordinator
  shell: DesktopShell
  appInfo: { version: string; platform: string; assetUrlBase: string }
}

export const ok = { ok: true } as const
