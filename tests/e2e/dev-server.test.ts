/// <reference lib="dom" />
/**
 * `npm run dev` showed a white window: the CSP blocked the inline refresh preamble @vitejs/plugin-react puts
 * into index.html. This runs the renderer under the real Vite dev server, with electron.vite.config.ts's
 * renderer config and the header main sends in development, and checks that the editor mounts.
 */
import { fileURLToPath } from 'node:url'
import { resolveConfig } from 'electron-vite'
import { createServer, mergeConfig, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildContentSecurityPolicy } from '../../src/main/window/csp'
import { e2eUnavailableReason, launchApp, shutdownBrowser, type LaunchedApp } from './harness'

const unavailable = e2eUnavailableReason()
if (unavailable) console.warn(`[e2e] skipped: ${unavailable}`)
const suite = unavailable ? describe.skip : describe
const ROOT = fileURLToPath(new URL('../..', import.meta.url))

suite('the renderer under the Vite dev server (npm run dev)', () => {
  let server: ViteDevServer | undefined
  let origin = ''
  let app: LaunchedApp | undefined

  beforeAll(async () => {
    const nodeEnv = process.env['NODE_ENV']
    const { config } = await resolveConfig({ root: ROOT, logLevel: 'silent' }, 'serve', 'development')
    process.env['NODE_ENV'] = nodeEnv
    if (!config?.renderer) throw new Error('electron.vite.config.ts has no renderer config')
    server = await createServer(
      mergeConfig(config.renderer as Record<string, unknown>, {
        logLevel: 'silent',
        server: { host: '127.0.0.1', port: 0, hmr: true },
        plugins: [
          {
            // What main's onHeadersReceived adds to every dev server response (src/main/index.ts).
            name: 'test-dev-csp-header',
            configureServer(dev: ViteDevServer) {
              dev.middlewares.use((_req, res, next) => {
                res.setHeader('Content-Security-Policy', buildContentSecurityPolicy({ devServerUrl: origin }))
                next()
              })
            }
          }
        ]
      })
    )
    await server.listen()
    const address = server.httpServer?.address()
    if (!address || typeof address === 'string') throw new Error('no dev server address')
    origin = `http://127.0.0.1:${address.port}`
  }, 180_000)

  afterAll(async () => {
    await app?.close()
    await shutdownBrowser()
    await server?.close()
  })

  it('mounts the editor with the development CSP in force, and nothing is blocked', async () => {
    app = await launchApp({ rendererUrl: `${origin}/` })
    await app.page.getByRole('button', { name: '新建稿件' }).first().waitFor({ timeout: 90_000 })
    const policy = await app.page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'))
    expect(policy).toMatch(/script-src 'self' 'sha256-[^']+'; /)
    // A CSP violation is a console error: none, from either policy.
    expect(app.pageErrors).toEqual([])
  }, 180_000)
})
