/**
 * The renderer's Content-Security-Policy. Only our own bundle runs: no eval, no inline or remote script,
 * no plugins, no forms posting anywhere. Images may also come from `newsroom-asset:` (a draft's stored
 * pictures) and from data:/blob: (previews before an image is stored).
 */
import { createHash } from 'node:crypto'

type Directives = Array<[name: string, sources: string[]]>

/**
 * The inline module @vitejs/plugin-react puts into index.html under the dev server (its `preambleCode`, base
 * '/'), without which React Fast Refresh throws and the window stays white. A unit test compares it with the
 * installed plugin's, so an upgrade that changes it fails there rather than in someone's `npm run dev`.
 */
export const REACT_REFRESH_PREAMBLE = `import { injectIntoGlobalHook } from "/@react-refresh";
injectIntoGlobalHook(window);
window.$RefreshReg$ = () => {};
window.$RefreshSig$ = () => (type) => type;`

/** A CSP hash source for exactly this inline script text. */
export function scriptHashSource(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`
}

/** Development only: that one inline script by its hash, never 'unsafe-inline'. */
function allowRefreshPreamble(directives: Directives): void {
  for (const entry of directives) if (entry[0] === 'script-src') entry[1].push(scriptHashSource(REACT_REFRESH_PREAMBLE))
}

function productionDirectives(): Directives {
  return [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:', 'newsroom-asset:', 'newsroom-preview:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]]
  ]
}

function serialize(directives: Directives): string {
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ')
}

export type CspOptions = {
  /** Vite's dev server (`ELECTRON_RENDERER_URL`); only then may scripts and the HMR socket come from it. */
  devServerUrl?: string | undefined
}

/** The policy main sends as a response header. */
export function buildContentSecurityPolicy(options: CspOptions = {}): string {
  const directives = productionDirectives()
  if (options.devServerUrl) {
    const dev = new URL(options.devServerUrl)
    const socket = `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`
    for (const entry of directives) {
      if (entry[0] === 'script-src') entry[1].push(dev.origin)
      if (entry[0] === 'connect-src') entry[1].push(dev.origin, socket)
    }
    allowRefreshPreamble(directives)
  }
  return serialize(directives)
}

/**
 * The same policy for the `<meta http-equiv>` tag of index.html, a second layer under the header.
 * `frame-ancestors` is left out because browsers ignore it in a meta tag (and say so on the console); the
 * header keeps it. `development` is the dev server's copy of the page, where the refresh preamble runs:
 * 'self' is already the dev server there, and Chromium lets 'self' cover its HMR socket.
 */
export function buildMetaContentSecurityPolicy(options: { development?: boolean } = {}): string {
  const directives = productionDirectives().filter(([name]) => name !== 'frame-ancestors')
  if (options.development) allowRefreshPreamble(directives)
  return serialize(directives)
}

const META_CSP = /(<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=")[^"]*(")/i

/**
 * A Vite plugin for the dev server only: index.html's meta policy becomes the development one. Both the
 * header and the meta tag apply, so each must allow the preamble; `vite build` never sees this plugin.
 */
export function devContentSecurityPolicyPlugin(): { name: string; apply: 'serve'; transformIndexHtml(html: string): string } {
  return {
    name: 'newsroom-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      if (!META_CSP.test(html)) throw new Error('index.html has no Content-Security-Policy meta tag to adapt for development')
      return html.replace(META_CSP, (_all, start: string, end: string) => `${start}${buildMetaContentSecurityPolicy({ development: true })}${end}`)
    }
  }
}
