import { AppError } from '../../../shared/errors'
import type { publishChannels } from '../../../shared/ipc/channels/publish'
import type { HandlerTable } from '../dispatch'
import { ok, type HandlerDeps } from './deps'

export function createPublishHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof publishChannels> {
  const { publishing, shell } = deps
  return {
    'publish:targets': () => publishing().targets(),
    'publish:saveTarget': ({ target, secret, makeDefault }) => publishing().saveTarget(target, secret, makeDefault),
    'publish:removeTarget': ({ targetId }) => publishing().removeTarget(targetId),
    'publish:testConnection': ({ targetId }) => publishing().testConnection(targetId),
    'publish:run': ({ jobId, draftId, targetId, options }, context) =>
      publishing().run({ jobId, draftId, targetId, options }, (progress) => context.emit('publish:progress', progress)),
    'publish:cancel': async ({ jobId }) => {
      publishing().cancel(jobId)
      return ok
    },
    'publish:outbox': async () => ({ jobs: await publishing().outbox() }),
    'publish:outboxCancel': async ({ jobId }) => {
      await publishing().cancelQueued(jobId)
      return ok
    },
    'publish:verify': ({ draftId, targetId }) => publishing().verify(draftId, targetId),
    'publish:records': ({ draftId }) => publishing().records(draftId),
    'publish:openLive': async ({ draftId, targetId }) => {
      const url = (await publishing().records(draftId)).targets[targetId]?.remoteUrl ?? null
      if (url === null || !/^(https?|file):/.test(url)) throw new AppError('not-found', 'this draft has not been published to that target')
      await shell.openExternal(url)
      return ok
    }
  }
}
