import type { handPublishChannels } from '../../../shared/ipc/channels/handPublish'
import { checkPublishGate } from '../../services/publish/publishGate'
import type { HandlerTable } from '../dispatch'
import type { HandlerDeps } from './deps'

export function createHandPublishHandlers(deps: HandlerDeps): Pick<HandlerTable, keyof typeof handPublishChannels> {
  const { publishing, workflow, outbox } = deps
  return {
    'handPublish:copy': ({ draftId, targetId }) => publishing().handCopy(draftId, targetId),
    'handPublish:exportPhotos': async ({ draftId }) => {
      // Main's own folder dialog names the parent: the page cannot choose where files are written.
      const [parent] = await deps.dialogs.openFiles({ purpose: 'photos-folder', multiple: false, folders: true, filters: [] })
      if (parent === undefined) return { folder: null, photos: 0 }
      const exported = await publishing().exportHandPhotos(draftId, parent)
      deps.shell.showInFolder(exported.folder)
      return exported
    },
    'handPublish:openBackEnd': async ({ targetId }) => {
      const target = (await publishing().targets()).targets.find((candidate) => candidate.id === targetId)
      // The recorded address went through the target schema (http(s) only) when it was saved.
      if (target?.kind !== 'manual' || target.backEndUrl === '') return { opened: false }
      await deps.shell.openExternal(target.backEndUrl)
      return { opened: true }
    },
    'handPublish:recordAddress': async ({ draftId, targetId, url, signOff }) => {
      // 先审后发 as for every target: nothing is recorded as published unless the approval gate lets it through.
      checkPublishGate(await workflow().state(draftId), signOff)
      const report = await publishing().recordHandAddress(draftId, targetId, url)
      if (signOff === undefined) return { report, signOffError: null }
      return { report, signOffError: (await outbox().recordSignOff(draftId, signOff)).signOffError }
    }
  }
}
