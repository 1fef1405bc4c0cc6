import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type SeenRequest = { method: string; path: string; authorization: string | null }

/** What a route answers; `respond` gets the request and the site's own address. */
export type HostileRoute = (req: IncomingMessage, res: ServerResponse, site: { url: string }) => void | Promise<void>

export type HostileSite = {
  url: string
  requests: SeenRequest[]
  /** Bytes the site wrote into answers that were cut off early (the app stopped reading). */
  bytesWritten: number
  /** Routes by "METHOD /path" (the query ignored); unknown routes answer 404. */
  routes: Map<string, HostileRoute>
  close(): Promise<void>
}

export const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

/**
 * A site that answers what a hostile or compromised server would: links off the site, redirects elsewhere,
 * endless answers, echoed credentials. It records every request it got and the Authorization it carried.
 */
export async function startHostileSite(): Promise<HostileSite> {
  const site: Omit<HostileSite, 'url' | 'close'> = { requests: [], bytesWritten: 0, routes: new Map() }
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site').pathname
    site.requests.push({ method: req.method ?? 'GET', path, authorization: req.headers.authorization ?? null })
    req.resume()
    const route = site.routes.get(`${req.method ?? 'GET'} ${path}`)
    if (route === undefined) return json(res, 404, { code: 'no_route', message: path })
    void Promise.resolve(route(req, res, { url: address })).catch(() => res.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`
  return Object.assign(site, {
    url: address,
    close() {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })
}

/** Writes `chunk` again and again until `limit` bytes or the reader hangs up; counts what went out. */
export function endless(site: HostileSite, limit: number, chunk = Buffer.alloc(64 * 1024, 0x61)): HostileRoute {
  return (_req, res) =>
    new Promise<void>((resolve) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.on('close', () => resolve())
      const pump = () => {
        while (site.bytesWritten < limit && !res.destroyed) {
          site.bytesWritten += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      pump()
    })
}

/** The CMS API routes a publish of a draft without photos needs, answering `articleUrl` as the live address. */
export function cmsPublishRoutes(site: HostileSite, articleUrl: (base: string) => string, page?: () => string): void {
  site.routes.set('GET /columns', (_req, res) => json(res, 200, { items: [{ id: 'c1', name: '校园动态' }] }))
  site.routes.set('GET /me', (_req, res) => json(res, 200, { name: '宣传部', canPublish: true }))
  site.routes.set('GET /articles', (_req, res) => json(res, 200, { items: [] }))
  site.routes.set('POST /articles', (_req, res, { url }) => json(res, 201, { id: 'a1', url: articleUrl(url), modifiedAt: '2026-11-20T00:00:00Z', title: '', content: '' }))
  if (page) {
    site.routes.set('GET /news/a1.html', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      res.end(page())
    })
  }
}
