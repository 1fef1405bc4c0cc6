import { AppError } from '../../../shared/errors'
import type { draftChannels } from '../../../shared/ipc/channels/drafts'
import type { HandlerTable } from '../dispatch'
import { ok, type HandlerDeps } from './deps'

export function createDraftHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof draftChannels> {
  const { drafts, workflow } = deps
  return {
    'drafts:list': ({ scope, storedFirst }) => drafts().list(scope, storedFirst === undefined ? {} : { stored: true, first: storedFirst }),
    'drafts:create': async (init) => {
      const draft = await drafts().create(init)
      await workflow().recordCreated(draft.id)
      return draft
    },
    'drafts:open': ({ id }) => drafts().open(id),
    'drafts:save': async ({ id, content }, context) => {
      context.emit('drafts:saveState', { id, state: 'saving' })
      try {
        // Through the workflow: an edit after a sign-off invalidates it, and the save is logged.
        const result = await workflow().save(id, content)
        context.emit('drafts:saveState', { id, state: 'saved', revision: result.revision })
        if (result.statusChanged) context.emit('workflow:changed', { draftId: id, status: result.status, revision: result.revision, cause: 'edit' })
        return { id: result.id, revision: result.revision, updatedAt: result.updatedAt, status: result.status, statusChanged: result.statusChanged }
      } catch (error) {
        const payload = error instanceof AppError ? error.toPayload() : { code: 'internal' as const, message: String(error) }
        context.emit('drafts:saveState', { id, state: 'failed', error: payload })
        throw error
      }
    },
    'drafts:rename': async ({ id, title }, context) => {
      const { summary, statusChanged } = await workflow().rename(id, title)
      if (statusChanged) {
        const { revision } = await drafts().open(id)
        context.emit('workflow:changed', { draftId: id, status: summary.status, revision, cause: 'edit' })
      }
      return summary
    },
    'drafts:duplicate': async ({ id }) => {
      const copy = await drafts().duplicate(id)
      await workflow().recordDuplicated(copy.id, id)
      return copy
    },
    'drafts:trash': async ({ id }) => {
      await workflow().recordTrashed(id)
      await drafts().trash(id)
      return ok
    },
    'drafts:discardUntouched': async ({ id }) => ({ discarded: await drafts().discardUntouched(id) }),
    'drafts:restore': async ({ id }) => {
      await drafts().restore(id)
      await workflow().recordRestored(id)
      return ok
    },
    'drafts:emptyTrash': async () => ({ removed: await drafts().emptyTrash() }),
    'drafts:acknowledgeQuarantine': async ({ ids }) => {
      await drafts().acknowledgeQuarantine(ids)
      return ok
    }
  }
}
