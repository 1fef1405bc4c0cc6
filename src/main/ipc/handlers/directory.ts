import { basename } from 'node:path'
import type { directoryChannels } from '../../../shared/ipc/channels/directory'
import { withExtension } from '../../services/export/articleExporter'
import type { HandlerTable } from '../dispatch'
import type { HandlerDeps } from './deps'

export const CSV_FILE_FILTERS = [{ name: 'CSV', extensions: ['csv', 'txt'] }]

export function createDirectoryHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof directoryChannels> {
  const { directory, dialogs, settings } = deps
  return {
    'directory:get': () => directory().get(),
    'directory:savePerson': ({ person }) => directory().savePerson(person),
    'directory:removePerson': ({ id }) => directory().removePerson(id),
    'directory:saveDepartment': ({ department }) => directory().saveDepartment(department),
    'directory:removeDepartment': ({ id }) => directory().removeDepartment(id),
    'directory:saveColumn': ({ column }) => directory().saveColumn(column),
    'directory:removeColumn': ({ id }) => directory().removeColumn(id),
    'directory:suggest': async ({ field, prefix, limit }) => ({ names: await directory().suggest(field, prefix, limit) }),
    'directory:previewCsv': async () => {
      const [path] = await dialogs.openFiles({ purpose: 'csv', multiple: false, filters: CSV_FILE_FILTERS })
      if (path === undefined) return { cancelled: true as const }
      const { token, report } = await directory().previewCsv(await directory().readCsvFile(path))
      return { cancelled: false as const, token, fileName: basename(path), report }
    },
    'directory:applyCsv': async ({ token }) => {
      const report = await directory().applyCsv(token)
      return { report, directory: await directory().get() }
    },
    'directory:exportCsv': async () => {
      const language = settings.get().language
      const chosen = await dialogs.saveFile({
        purpose: 'csv',
        defaultName: language === 'en' ? 'staff.csv' : '通讯录.csv',
        filters: CSV_FILE_FILTERS.map((f) => ({ name: f.name, extensions: [...f.extensions] }))
      })
      if (chosen === null) return { cancelled: true as const }
      return { path: await directory().writeCsvFile(withExtension(chosen, ['.csv', '.txt']), language) }
    }
  }
}
