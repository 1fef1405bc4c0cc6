import { AppError } from '../../../shared/errors'
import { collectAssetIds, sanitizeArticleBody } from '../../../shared/article/schema'
import { mayCopyForWechat } from '../../../shared/article/wechatLimits'
import type { wechatChannels } from '../../../shared/ipc/channels/wechat'
import type { HandlerTable } from '../dispatch'
import { EXPORT_FLUSH_TIMEOUT_MS } from './export'
import type { HandlerDeps } from './deps'

export function createWechatHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof wechatChannels> {
  const { drafts, flush, settings, shell, workflow, wechat } = deps
  return {
    'wechat:copy': async ({ draftId }, context) => {
      if (!deps.clipboard) throw new AppError('not-found', 'this desk has no clipboard to copy to')
      // What goes out is what is saved (and what reviewers signed): the editor writes pending edits first.
      const outcome = await flush.request((requestId) => context.emit('app:flushRequest', { requestId }), EXPORT_FLUSH_TIMEOUT_MS)
      if (outcome === 'failed') throw new AppError('internal', 'the latest edits could not be saved, so the copy would miss them; solve the save problem first')
      const draft = await drafts().open(draftId)
      const current = settings.get()
      const { status } = await workflow().state(draftId)
      if (!mayCopyForWechat(status, current.requireApproval)) {
        throw new AppError('approval-required', `wechat: the draft is ${status}; with 先审后发 on only an approved article is copied to the 公众号`)
      }
      const english = current.language === 'en'
      const result = await wechat().copy(draft, current, current.wechatTemplate, {
        fallbackName: english ? 'article' : '新闻稿',
        noCaption: english ? '(no caption)' : '（无图注）'
      })
      deps.clipboard.write(result.clipboard)
      shell.showInFolder(result.captionsFile)
      await workflow()
        .appendAudit(draftId, { action: 'export', details: { format: 'wechat', photos: result.photos, characters: result.size.characters.used } })
        .catch((error: unknown) => console.warn(`could not log the 公众号 copy of ${draftId}`, error))
      return { photos: result.photos, problems: result.problems, folder: result.folder, size: result.size }
    },
    'wechat:setArticle': async ({ draftId, wechat: fields }) => {
      if (fields.cover !== null) {
        // The cover is one of the article's own photos: a page cannot point it at another draft's file.
        const own = collectAssetIds(sanitizeArticleBody((await drafts().open(draftId)).body).body)
        if (!own.includes(fields.cover.assetId)) throw new AppError('invalid-request', 'the cover must be one of the article’s photos')
      }
      const saved = await workflow().setWechat(draftId, fields)
      return { revision: saved.revision, statusChanged: saved.statusChanged, invalidated: saved.invalidated }
    }
  }
}
