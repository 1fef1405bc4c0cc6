import { AppError } from '../../../shared/errors'
import type { settingsChannels } from '../../../shared/ipc/channels/settings'
import type { Settings } from '../../../shared/settings'
import { nodeServiceFs } from '../../services/fs/serviceFs'
import { appendSettingsAudit, auditedChanges, confirmedChanges, copyLibrary, dataFolderConfirm, planDataFolder, settingConfirm } from '../../services/settings/guardedSettings'
import type { HandlerTable } from '../dispatch'
import type { HandlerDeps } from './deps'

export function createSettingsHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof settingsChannels> {
  const { settings, confirm, clock } = deps
  const fs = deps.fs ?? nodeServiceFs

  /** Into the library's log, and into the new one too when the library itself changed. */
  async function audit(previous: Settings, next: Settings, folders: readonly string[], via: string): Promise<void> {
    const changes = auditedChanges(previous, next)
    for (const folder of folders) {
      await appendSettingsAudit(fs, folder, clock, next.userName, changes, via).catch((error: unknown) => console.error(`could not log a settings change in ${folder}`, error))
    }
  }

  return {
    'settings:get': async () => settings.get(),
    'settings:set': async (patch, context) => {
      const previous = settings.get()
      // The page asked; the person answers in main's own dialog, which the page cannot click.
      for (const key of confirmedChanges(previous, patch)) {
        if (!(await confirm(settingConfirm(previous.language, key, patch)))) {
          throw new AppError('cancelled', `the change to ${key} was not confirmed, so nothing changed`)
        }
      }
      const next = settings.update(patch)
      await audit(previous, next, [deps.drafts().dataDir], 'settings')
      context.emit('settings:changed', next)
      return next
    },
    'settings:chooseDataDir': async (_request, context) => {
      const [chosen] = await deps.dialogs.openFiles({ purpose: 'data-folder', multiple: false, folders: true, filters: [] })
      if (chosen === undefined) return { outcome: 'cancelled' as const }
      const previous = settings.get()
      const current = deps.drafts().dataDir
      const plan = await planDataFolder(fs, current, chosen)
      if (!(await confirm(dataFolderConfirm(previous.language, chosen, current, plan)))) return { outcome: 'cancelled' as const }
      // Coalesced log entries still in memory belong in the copy.
      await deps.workflow().flush()
      if (plan === 'copy') await copyLibrary(fs, current, chosen)
      const next = settings.update({ dataDir: chosen })
      await audit(previous, next, [current, chosen], 'data-folder dialog')
      context.emit('settings:changed', next)
      return { outcome: 'changed' as const, settings: next, copied: plan === 'copy' }
    }
  }
}
