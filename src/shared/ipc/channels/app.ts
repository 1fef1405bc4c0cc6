import { z } from 'zod'
import { NoRequest, Ok, type ChannelMap, type EventMap } from './common'

export const appChannels = {
  'app:info': {
    request: NoRequest,
    response: z.object({
      version: z.string(),
      dataDir: z.string(),
      platform: z.string(),
      /** Prefix of a stored asset's address: `${assetUrlBase}${draftId}/${assetId}` (newsroom-asset:// in the app). */
      assetUrlBase: z.string()
    })
  },
  'app:flushed': {
    // The renderer's answer to `app:flushRequest`: its pending edits are on disk (or failed, with why).
    request: z.object({ requestId: z.string(), ok: z.boolean() }),
    response: Ok
  },
  'app:openExternal': {
    // Web pages and e-mail only: never file:, javascript: or a custom scheme another app registered.
    request: z.object({ url: z.url({ protocol: /^(https?|mailto)$/ }) }),
    response: Ok
  },
  'app:showInFolder': {
    request: z.object({ path: z.string().min(1) }),
    response: Ok
  },
  /** 设置 → 关于 → 打开日志: shows main's log file in the system's file manager. */
  'app:openLog': {
    request: NoRequest,
    response: Ok
  },
  /** 设置 → 关于 → 复制诊断信息: main copies versions and the newest log lines (secrets scrubbed) and returns them. */
  'app:copyDiagnostics': {
    request: NoRequest,
    response: z.object({ text: z.string() })
  },
  /** A system notification (e.g. 已发布): the page words it in the UI language. */
  'app:notify': {
    request: z.object({ title: z.string().min(1).max(200), body: z.string().max(1000) }),
    response: Ok
  }
} as const satisfies ChannelMap

export const appEvents = {
  /** Main is about to close the window: save whatever is pending, then answer with `app:flushed`. */
  'app:flushRequest': z.object({ requestId: z.string() }),
  /** A native menu item was chosen; the renderer does what its button would do. */
  'app:menuCommand': z.object({ command: z.enum(['new-draft', 'open-settings']) })
} as const satisfies EventMap
