/**
 * The renderer's Content-Security-Policy. Only our own bundle runs: no eval, no inline or remote script,
 * no plugins, no forms posting anywhere. Images may also come from `newsroom-asset:` (a draft's stored
 * pictures) and from data:/blob: (previews before an image is stored).
 */
type Directives = Array<[name: string, sources: string[]]>

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
  }
  return serialize(directives)
}

/**
 * The same production policy for the `<meta http-equiv>` tag of index.html: pages loaded from file://
 * get no response headers. `frame-ancestors` is left out because browsers ignore it in a meta tag (and
 * say so on the console); the header keeps it.
 */
export function buildMetaContentSecurityPolicy(): string {
  return serialize(productionDirectives().filter(([name]) => name !== 'frame-ancestors'))
}
