import type { importChannels } from '../../../shared/ipc/channels/imports'
import { createDocxImporter } from '../../services/docx/docxImport'
import type { HandlerTable } from '../dispatch'
import type { HandlerDeps } from './deps'

export const DOCX_FILE_FILTERS = [{ name: 'Word', extensions: ['docx'] }]

export function createImportHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof importChannels> {
  const importer = createDocxImporter({ drafts: deps.drafts, assets: deps.assets })
  return {
    'imports:docx': async () => {
      const [path] = await deps.dialogs.openFiles({ purpose: 'docx', multiple: false, filters: DOCX_FILE_FILTERS })
      if (path === undefined) return { cancelled: true as const }
      const result = await importer.importDocx(path)
      return { cancelled: false as const, ...result, warnings: result.warnings.slice(0, 500) }
    }
  }
}
