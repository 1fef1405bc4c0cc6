import { AppError } from '../../../shared/errors'
import type { draftChannels } from '../../../shared/ipc/channels/drafts'
import type { HandlerTable } from '../dispatch'
import { ok, type HandlerDeps } from './deps'

export function createDraftHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof draftChannels> {
  const { drafts } = deps
  return {
    'drafts:list': ({ scope }) => drafts().list(scope),
    'drafts:create': (init) => drafts().create(init),
    'drafts:open': ({ id }) => drafts().open(id),
    'drafts:save': async ({ id, content }, context) => {
      context.emit('drafts:saveState', { id, state: 'saving' })
      try {
        const result = await drafts().save(id, content)
        context.emit('drafts:saveState', { id, state: 'saved', revision: result.revision })
        return result
      } catch (error) {
        const payload = error instanceof AppError ? error.toPayload() : { code: 'internal' as const, message: String(error) }
        context.emit('drafts:saveState', { id, state: 'failed', error: payload })
        throw error
      }
    },
    'drafts:rename': ({ id, title }) => drafts().rename(id, title),
    'drafts:duplicate': ({ id }) => drafts().duplicate(id),
    'drafts:trash': async ({ id }) => {
      await drafts().trash(id)
      return ok
    },
    'drafts:restore': async ({ id }) => {
      await drafts().restore(id)
      return ok
    },
    'drafts:emptyTrash': async () => ({ removed: await drafts().emptyTrash() }),
    'drafts:acknowledgeQuarantine': async ({ ids }) => {
      await drafts().acknowledgeQuarantine(ids)
      return ok
    }
  }
}
