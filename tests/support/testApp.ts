import type { AppCapabilities } from '../../src/main/compose'
import { createMemorySettingsStore } from '../../src/main/services/settings/settingsService'

/**
 * What Electron's main would hand composeApp, for tests under Node: settings in memory, a shell that opens
 * nothing, file dialogs that are cancelled. A test overrides what it scripts or records.
 */
export function testCapabilities(userDataDir: string, overrides: Partial<AppCapabilities> = {}): AppCapabilities {
  return {
    userDataDir,
    settingsStore: createMemorySettingsStore(),
    shell: { openExternal: async () => undefined, showInFolder: () => undefined },
    dialogs: { openFiles: async () => [], saveFile: async () => null },
    // The person says yes to main's own confirmations unless a test scripts otherwise.
    confirm: async () => true,
    appInfo: { version: 't', platform: 'linux', assetUrlBase: 'newsroom-asset://' },
    ...overrides
  }
}
