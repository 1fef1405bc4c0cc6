import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import react from '@vitejs/plugin-react'
import {
  buildContentSecurityPolicy,
  buildMetaContentSecurityPolicy,
  devContentSecurityPolicyPlugin,
  REACT_REFRESH_PREAMBLE,
  scriptHashSource
} from '../../../src/main/window/csp'

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) {
      expect(map.has(name), `directive ${name} appears twice`).toBe(false)
      map.set(name, sources)
    }
  }
  return map
}

describe('Content-Security-Policy', () => {
  const production = directives(buildContentSecurityPolicy())

  it('is the strict production policy', () => {
    expect(buildContentSecurityPolicy()).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: newsroom-asset: newsroom-preview:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
  })

  it('never allows eval, inline script or remote script in production', () => {
    const scripts = production.get('script-src') ?? []
    expect(scripts).toEqual(["'self'"])
    expect(buildContentSecurityPolicy()).not.toMatch(/unsafe-eval|wasm-unsafe-eval/)
    for (const [, sources] of production) {
      expect(sources.filter((s) => /^(https?:|wss?:|\*)/.test(s))).toEqual([])
    }
  })

  it('lets scripts and the HMR socket come from the dev server only when one is given', () => {
    const dev = directives(buildContentSecurityPolicy({ devServerUrl: 'http://localhost:5173/' }))
    expect(dev.get('script-src')).toEqual(["'self'", 'http://localhost:5173', scriptHashSource(REACT_REFRESH_PREAMBLE)])
    expect(dev.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173'])
    expect(buildContentSecurityPolicy({ devServerUrl: 'http://localhost:5173' })).not.toContain('unsafe-eval')
    for (const name of ['default-src', 'style-src', 'img-src', 'font-src', 'object-src']) {
      expect(dev.get(name), name).toEqual(production.get(name))
    }
  })

  it('treats an empty dev server URL as production', () => {
    expect(buildContentSecurityPolicy({ devServerUrl: '' })).toBe(buildContentSecurityPolicy())
  })

  it('gives the meta tag the same policy without frame-ancestors, which a meta tag cannot carry', () => {
    const meta = directives(buildMetaContentSecurityPolicy())
    expect(meta.has('frame-ancestors')).toBe(false)
    const withoutFrameAncestors = new Map(production)
    withoutFrameAncestors.delete('frame-ancestors')
    expect(meta).toEqual(withoutFrameAncestors)
  })

  const indexHtml = fileURLToPath(new URL('../../../src/renderer/index.html', import.meta.url))
  it('is the policy in the renderer’s index.html (file:// pages get no headers)', () => {
    const html = readFileSync(indexHtml, 'utf8')
    const match = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content="([^"]*)"/i.exec(html)
    expect(match, 'index.html has a Content-Security-Policy meta tag').not.toBeNull()
    expect(directives(match?.[1] ?? '')).toEqual(directives(buildMetaContentSecurityPolicy()))
  })

  describe('in development (npm run dev)', () => {
    const preamble = react.preambleCode.replace('__BASE__', '/')

    it('knows the exact refresh preamble the installed @vitejs/plugin-react injects', () => {
      expect(REACT_REFRESH_PREAMBLE).toBe(preamble)
      // The well-known value for this text, so the hash function itself is checked too.
      expect(scriptHashSource('alert(1)')).toBe("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='")
    })

    it('allows that one inline script by hash in the header and the meta tag, and nothing inline besides', () => {
      const hash = scriptHashSource(preamble)
      const header = directives(buildContentSecurityPolicy({ devServerUrl: 'http://localhost:5173' }))
      const meta = directives(buildMetaContentSecurityPolicy({ development: true }))
      expect(header.get('script-src')).toContain(hash)
      expect(meta.get('script-src')).toEqual(["'self'", hash])
      for (const policy of [header, meta]) expect([...policy.values()].flat()).not.toContain("'unsafe-eval'")
      expect(header.get('script-src')).not.toContain("'unsafe-inline'")
    })

    it('leaves production without the hash', () => {
      expect(buildContentSecurityPolicy()).not.toContain('sha256-')
      expect(buildMetaContentSecurityPolicy()).not.toContain('sha256-')
    })

    it('rewrites index.html’s meta policy on the dev server only', () => {
      const plugin = devContentSecurityPolicyPlugin()
      expect(plugin.apply).toBe('serve')
      const html = plugin.transformIndexHtml(readFileSync(indexHtml, 'utf8'))
      const match = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content="([^"]*)"/i.exec(html)
      expect(directives(match?.[1] ?? '')).toEqual(directives(buildMetaContentSecurityPolicy({ development: true })))
      expect(() => plugin.transformIndexHtml('<html><head></head></html>')).toThrow(/meta tag/)
    })
  })
})
