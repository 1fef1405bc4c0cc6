import type { EventChannel, PageChannel } from './contract'

/**
 * The contract's channel names without its schemas, for the preload and the page's API (api.ts): importing
 * contract.ts builds every channel's zod schema, about 100 ms before the page's first script at each start.
 * TypeScript checks the lists against the contract both ways, and tests/unit/main/api.test.ts against its
 * computed lists.
 */
export const PAGE_CHANNEL_NAMES = [
  'app:info', 'app:flushed', 'app:openExternal', 'app:showInFolder', 'app:openLog', 'app:copyDiagnostics',
  'app:notify', 'approval:exportPdf', 'approval:formHtml', 'assets:import', 'assets:adopt', 'directory:get',
  'directory:savePerson', 'directory:removePerson', 'directory:saveDepartment', 'directory:removeDepartment',
  'directory:saveColumn', 'directory:removeColumn', 'directory:suggest', 'directory:previewCsv',
  'directory:applyCsv', 'directory:exportCsv', 'drafts:list', 'drafts:create', 'drafts:open', 'drafts:save',
  'drafts:rename', 'drafts:duplicate', 'drafts:trash', 'drafts:discardUntouched', 'drafts:restore',
  'drafts:emptyTrash', 'drafts:acknowledgeQuarantine', 'preview:styles', 'preview:customizeStyles', 'export:html',
  'export:htmlSingleFile', 'export:docx', 'export:showInFolder', 'imports:docx', 'library:query', 'packages:export',
  'packages:import', 'packages:takeOpened', 'publish:targets', 'publish:saveTarget', 'publish:chooseFolder',
  'publish:removeTarget', 'publish:testConnection', 'publish:run', 'publish:cancel', 'publish:outbox',
  'publish:outboxCancel', 'publish:outboxRetry', 'publish:verify', 'publish:acceptBaseline', 'publish:records',
  'publish:openLive', 'handPublish:copy', 'handPublish:exportPhotos', 'handPublish:openBackEnd',
  'handPublish:recordAddress', 'photos:choose', 'photos:addBytes', 'photos:addPaths', 'photos:previews',
  'photos:insert', 'photos:large', 'photos:cancel', 'photos:close', 'settings:get', 'settings:set',
  'settings:chooseDataDir', 'signing:overview', 'signing:createKey', 'signing:deskKey', 'signing:confirmKey',
  'workflow:get', 'workflow:submit', 'workflow:sign', 'workflow:return', 'workflow:publish',
  'workflow:changesSinceApproval', 'audit:list', 'history:list', 'history:get', 'history:diff', 'history:restore',
  'history:snapshot', 'wechat:copy', 'wechat:setArticle'
] as const satisfies readonly PageChannel[]

export const EVENT_CHANNEL_NAMES = [
  'app:flushRequest', 'app:menuCommand', 'drafts:saveState', 'packages:opened', 'publish:progress',
  'publish:outboxChanged', 'photos:progress', 'settings:changed', 'workflow:changed'
] as const satisfies readonly EventChannel[]

/** `true` only when every member of All is listed. */
type Lists<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : { missing: Exclude<All, Listed> }
export const PAGE_CHANNELS_COMPLETE: Lists<PageChannel, (typeof PAGE_CHANNEL_NAMES)[number]> = true
export const EVENT_CHANNELS_COMPLETE: Lists<EventChannel, (typeof EVENT_CHANNEL_NAMES)[number]> = true
