import type { HandlerTable } from '../dispatch'
import { createAppHandlers } from './app'
import { createApprovalHandlers } from './approval'
import { createAssetHandlers } from './assets'
import { createDirectoryHandlers } from './directory'
import { createSigningHandlers } from './signing'
import { createDraftHandlers } from './drafts'
import { createExportHandlers } from './export'
import { createImportHandlers } from './imports'
import { createLibraryHandlers } from './library'
import { createPackageHandlers } from './packages'
import { createPublishHandlers } from './publish'
import { createHandPublishHandlers } from './handPublish'
import { createPhotoHandlers } from './photos'
import { createSettingsHandlers } from './settings'
import { createWorkflowHandlers } from './workflow'
import { createWechatHandlers } from './wechat'
import type { HandlerDeps } from './deps'

export type { DesktopDialogs, DesktopNotifier, DesktopShell, HandlerDeps, RichClipboard } from './deps'

/** One handler per contract channel, one file per area; TypeScript refuses a table with one missing. */
export function createHandlerTable(deps: HandlerDeps): HandlerTable {
  return {
    ...createAppHandlers(deps),
    ...createApprovalHandlers(deps),
    ...createAssetHandlers(deps),
    ...createDirectoryHandlers(deps),
    ...createDraftHandlers(deps),
    ...createExportHandlers(deps),
    ...createImportHandlers(deps),
    ...createLibraryHandlers(deps),
    ...createPackageHandlers(deps),
    ...createPublishHandlers(deps),
    ...createHandPublishHandlers(deps),
    ...createPhotoHandlers(deps),
    ...createSettingsHandlers(deps),
    ...createSigningHandlers(deps),
    ...createWorkflowHandlers(deps),
    ...createWechatHandlers(deps)
  }
}
