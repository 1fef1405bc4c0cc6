import type { approvalChannels } from '../../../shared/ipc/channels/approval'
import { fileNameFor, withExtension } from '../../services/export/articleExporter'
import type { HandlerTable } from '../dispatch'
import type { HandlerDeps } from './deps'
import { flushEditor } from './packages'

export const PDF_FILE_FILTERS = [{ name: 'PDF', extensions: ['pdf'] }]

export function createApprovalHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof approvalChannels> {
  const { approval, drafts, dialogs, settings } = deps
  return {
    'approval:exportPdf': async ({ draftId }, context) => {
      await flushEditor(deps, context, 'approval form')
      const draft = await drafts().open(draftId)
      const language = settings.get().language
      const prefix = language === 'en' ? 'Approval form' : '稿件审批单'
      const name = draft.title.trim() === '' ? prefix : `${prefix} ${draft.title}`
      const chosen = await dialogs.saveFile({
        purpose: 'pdf',
        defaultName: `${fileNameFor(name, prefix)}.pdf`,
        filters: PDF_FILE_FILTERS.map((f) => ({ name: f.name, extensions: [...f.extensions] }))
      })
      if (chosen === null) return { cancelled: true as const }
      return approval().exportPdf(draftId, withExtension(chosen, ['.pdf']), language)
    },
    'approval:formHtml': async ({ draftId }) => ({ html: await approval().formHtml(draftId, settings.get().language) })
  }
}
