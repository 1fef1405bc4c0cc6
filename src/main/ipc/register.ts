import { isAppEntry } from '../window/appScheme'
import { INVOKE_CHANNELS, type Envelope } from '../../shared/ipc/contract'
import type { Dispatch, HandlerContext } from './dispatch'

/** The slice of Electron's IpcMainInvokeEvent the border needs; a fake in tests provides the same. */
export type InvokeEventLike = {
  senderFrame: { url: string; parent: unknown } | null
}

/** The slice of Electron's ipcMain the border needs. */
export type IpcMainLike<E extends InvokeEventLike = InvokeEventLike> = {
  handle(channel: string, listener: (event: E, payload: unknown) => Promise<Envelope>): void
  removeHandler(channel: string): void
}

export type RegisterOptions<E extends InvokeEventLike> = {
  ipcMain: IpcMainLike<E>
  dispatch: Dispatch
  isTrustedSender(event: E): boolean
  contextFor(event: E): HandlerContext
}

/**
 * Registers every contract channel in one loop. A message from a frame we did not load (an iframe, a
 * page navigated elsewhere) is refused before its payload is even parsed.
 */
export function registerIpc<E extends InvokeEventLike>(options: RegisterOptions<E>): () => void {
  const { ipcMain, dispatch, isTrustedSender, contextFor } = options
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event, payload) => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'untrusted-sender', message: `${channel}: refused a message from ${event.senderFrame?.url ?? 'an unknown frame'}` } }
      }
      return dispatch(channel, payload, contextFor(event))
    })
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel)
  }
}

/**
 * A sender is trusted when its URL is the app's own page: app://newsroom/index.html (any route) or, in
 * development, the dev server's origin. No file: URL is ever trusted, so no page saved on disk can pass.
 */
export function isTrustedUrl(url: string, trusted: { devServerUrl?: string | undefined }): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (trusted.devServerUrl) {
    const dev = new URL(trusted.devServerUrl)
    if (parsed.origin === dev.origin) return true
  }
  return isAppEntry(parsed)
}
