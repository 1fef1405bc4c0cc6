import { basename } from 'node:path'
import { AppError } from '../../../shared/errors'
import type { exportChannels } from '../../../shared/ipc/channels/export'
import type { DraftId } from '../../../shared/model/draft'
import type { HandlerContext, HandlerTable } from '../dispatch'
import { fileNameFor } from '../../services/export/articleExporter'
import { ok, type HandlerDeps } from './deps'

/** How long an export waits for the editor to write pending edits before it exports what is on disk. */
export const EXPORT_FLUSH_TIMEOUT_MS = 5000

const FORMATS = {
  html: { extension: 'html', filters: [{ name: 'HTML', extensions: ['html', 'htm'] }] },
  'html-single': { extension: 'html', filters: [{ name: 'HTML', extensions: ['html', 'htm'] }] },
  docx: { extension: 'docx', filters: [{ name: 'Word', extensions: ['docx'] }] }
} as const

export function createExportHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof exportChannels> {
  const { exporter, drafts, dialogs, flush, settings, shell, workflow } = deps
  /** Files exported in this session: the only ones `export:showInFolder` reveals. */
  const exported = new Set<string>()

  async function run(kind: keyof typeof FORMATS, draftId: DraftId, context: HandlerContext) {
    // The export is of what the person sees: the editor writes what it still holds first.
    const outcome = await flush.request((requestId) => context.emit('app:flushRequest', { requestId }), EXPORT_FLUSH_TIMEOUT_MS)
    if (outcome === 'failed') {
      throw new AppError('internal', 'the latest edits could not be saved, so the export would miss them; solve the save problem first')
    }
    const draft = await drafts().open(draftId)
    const fallback = settings.get().language === 'en' ? 'article' : '新闻稿'
    const format = FORMATS[kind]
    const target = await dialogs.saveFile({
      purpose: kind === 'docx' ? 'docx' : 'html',
      defaultName: `${fileNameFor(draft.title, fallback)}.${format.extension}`,
      filters: format.filters.map((filter) => ({ name: filter.name, extensions: [...filter.extensions] }))
    })
    if (target === null) return { cancelled: true as const }
    // The credit line as the office set it up (template, Simplified or Traditional).
    const output = settings.get()
    const result =
      kind === 'html'
        ? await exporter().exportHtml(draft, target, output)
        : kind === 'html-single'
          ? await exporter().exportHtmlSingleFile(draft, target, output)
          : await exporter().exportDocx(draft, target, output)
    exported.add(result.path)
    // Who sent what out, in the draft's log; a log that cannot be written does not undo the export.
    await workflow()
      .appendAudit(draftId, { action: 'export', details: { format: kind, file: basename(result.path), ...(result.missing.length > 0 ? { missingPictures: result.missing.length } : {}) } })
      .catch((error: unknown) => console.warn(`could not log the ${kind} export of ${draftId}`, error))
    return result
  }

  return {
    'preview:styles': () => exporter().styles.read(),
    'preview:customizeStyles': () => exporter().styles.ensureCustomFile(),
    'export:html': ({ draftId }, context) => run('html', draftId, context),
    'export:htmlSingleFile': ({ draftId }, context) => run('html-single', draftId, context),
    'export:docx': ({ draftId }, context) => run('docx', draftId, context),
    'export:showInFolder': async ({ path }) => {
      if (!exported.has(path)) throw new AppError('invalid-request', 'only a file exported in this session can be shown')
      shell.showInFolder(path)
      return ok
    }
  }
}
