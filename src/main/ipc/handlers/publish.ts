import { AppError } from '../../../shared/errors'
import type { publishChannels } from '../../../shared/ipc/channels/publish'
import { checkPublishGate } from '../../services/publish/publishGate'
import { siteFolderProblem } from '../../services/publish/siteFolderGuard'
import type { HandlerTable } from '../dispatch'
import { ok, type HandlerDeps } from './deps'

export function createPublishHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof publishChannels> {
  const { publishing, shell, workflow, outbox } = deps

  const folderRefused = (folder: string) => {
    const problem = siteFolderProblem(folder, deps.drafts().dataDir)
    if (problem !== null) throw new AppError('invalid-request', problem)
  }

  /** A local target keeps the folder it was saved with; only a grant from publish:chooseFolder changes it. */
  async function savedSiteFolder(targetId: string): Promise<string> {
    const saved = (await publishing().targets()).targets.find((t) => t.id === targetId)
    if (saved?.kind !== 'local') throw new AppError('invalid-request', 'choose the site folder with the folder dialog')
    folderRefused(saved.folder)
    return saved.folder
  }

  return {
    'publish:targets': () => publishing().targets(),
    'publish:saveTarget': async ({ target, secret, secretStorage, makeDefault, folderGrant }) => {
      if (target.kind !== 'local') return publishing().saveTarget(target, secret, makeDefault, secretStorage)
      if (folderGrant === undefined) return publishing().saveTarget({ ...target, folder: await savedSiteFolder(target.id) }, secret, makeDefault, secretStorage)
      const saved = await deps.grants.spend('site-folder', folderGrant, (folder) => {
        folderRefused(folder)
        return publishing().saveTarget({ ...target, folder }, secret, makeDefault, secretStorage)
      })
      if (saved === null) throw new AppError('invalid-request', 'the chosen folder is no longer valid; choose it again with the folder dialog')
      return saved
    },
    'publish:chooseFolder': async () => {
      const [path] = await deps.dialogs.openFiles({ purpose: 'site-folder', multiple: false, folders: true, filters: [] })
      if (path === undefined) return { grant: null, path: null }
      folderRefused(path)
      return { grant: deps.grants.issue('site-folder', path), path }
    },
    'publish:removeTarget': ({ targetId }) => publishing().removeTarget(targetId),
    'publish:testConnection': ({ targetId }) => publishing().testConnection(targetId),
    'publish:run': async ({ jobId, draftId, targetId, options, signOff }, context) => {
      const state = await workflow().state(draftId)
      checkPublishGate(state, signOff)
      const outcome = await publishing().run(
        { jobId, draftId, targetId, options, approval: { signOff: signOff ?? null, contentHash: state.contentHash } },
        (progress) => context.emit('publish:progress', progress)
      )
      if (outcome.outcome === 'failed') {
        if (outcome.queued !== null) await outbox().changed()
        return outcome
      }
      if (signOff === undefined) return { ...outcome, workflow: null, signOffError: null }
      return { ...outcome, ...(await outbox().recordSignOff(draftId, signOff)) }
    },
    'publish:cancel': async ({ jobId }) => {
      publishing().cancel(jobId)
      return ok
    },
    'publish:outbox': async () => ({ jobs: await publishing().outbox() }),
    'publish:outboxCancel': async ({ jobId }) => {
      await publishing().cancelQueued(jobId)
      await outbox().changed()
      return ok
    },
    'publish:outboxRetry': async ({ jobId }) => ({ published: (await outbox().retry(jobId)) > 0 }),
    'publish:verify': ({ draftId, targetId }) => publishing().verify(draftId, targetId),
    'publish:acceptBaseline': async ({ draftId, targetId }) => ({ accepted: await publishing().acceptBaseline(draftId, targetId) }),
    'publish:records': ({ draftId }) => publishing().records(draftId),
    'publish:openLive': async ({ draftId, targetId }) => {
      // Checked again here: a record can come from a hostile site's answer or an imported package. Only the
      // target's own http(s) site, or a file inside the local site's folder, reaches the OS.
      const url = await publishing().liveAddress(draftId, targetId)
      if (url === null) throw new AppError('not-found', 'this draft has no address on that target that the app may open')
      await shell.openExternal(url)
      return ok
    }
  }
}
