import { isTrustedUrl } from '../ipc/register'
import { isAppEntry, isAppOrigin } from './appScheme'

export type NavigationDecision = 'allow' | 'open-external' | 'deny'

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/** Same page as the app: app://newsroom/index.html in production, the dev server's origin in development. */
function isAppPage(target: URL, app: URL): boolean {
  if (isAppOrigin(app)) return isAppEntry(target)
  return (app.protocol === 'http:' || app.protocol === 'https:') && target.origin === app.origin
}

/**
 * What to do when the renderer tries to go to `url`: stay only on our own page, hand web and mail links to
 * the system, refuse everything else (javascript:, data:, other files, custom schemes) so nothing foreign
 * ever runs with the preload's API.
 */
export function decideNavigation(url: string, appUrl: string): NavigationDecision {
  const target = parse(url)
  const app = parse(appUrl)
  if (!target || !app) return 'deny'
  if (isAppPage(target, app)) return 'allow'
  return EXTERNAL_PROTOCOLS.has(target.protocol) ? 'open-external' : 'deny'
}

/**
 * Whether an IPC message comes from our page: the top frame (never an iframe, even one of ours) showing the
 * app's own URL. A frame already gone (null) is not trusted.
 */
export function isAppFrame(
  frame: { url: string; parent: unknown } | null,
  trusted: { devServerUrl?: string | undefined }
): boolean {
  return frame !== null && frame.parent === null && isTrustedUrl(frame.url, trusted)
}
