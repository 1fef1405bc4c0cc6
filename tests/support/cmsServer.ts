import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** An error answer the next matching request gets instead of the real one. */
export type CmsFault = { status: number } | { stall: true }

/** One API request and its answer as they crossed the wire, for checking against docs/cms-api.yaml. */
export type CmsExchange = {
  method: string
  path: string
  query: Record<string, string>
  requestType: string | null
  requestBody: Buffer
  status: number
  responseBody: unknown
  /** A fault the test asked for: deliberately outside the document. */
  injected: boolean
}

export type CmsServer = {
  url: string
  token: string
  articles: Map<string, Record<string, unknown> & { id: string; url: string; modifiedAt: string; externalId: string }>
  media: Map<string, { id: string; url: string; externalId: string; alt: string; caption: string; credit: string; bytes: number }>
  requests: string[]
  exchanges: CmsExchange[]
  /** The next request whose "METHOD /path" starts with `match` gets `fault`. */
  failNext(match: string, fault: CmsFault): void
  /** Only status pending is allowed for this account (publish → 403). */
  canPublish: boolean
  /** The CMS's own names for article fields (what a field mapping translates to). */
  fieldNames: Record<string, string>
  /** An edit made in the CMS. */
  editInCms(id: string, fields: Record<string, unknown>): void
  close(): Promise<void>
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = []
    req.on('data', (part: Buffer) => parts.push(part))
    req.on('end', () => resolve(Buffer.concat(parts)))
    req.on('error', reject)
  })
}

/**
 * A conforming, in-memory implementation of docs/cms-api.yaml on loopback, with error modes, so the CMS adapter
 * is tested against an actual HTTP server.
 */
export async function startCmsServer(options: { token?: string; maxUploadBytes?: number; latencyMs?: number } = {}): Promise<CmsServer> {
  const token = options.token ?? 'cms-token-0123456789'
  const maxUpload = options.maxUploadBytes ?? 5 * 1024 * 1024
  let faults: { match: string; fault: CmsFault }[] = []
  let clock = Date.parse('2026-11-20T00:00:00Z')
  const tick = () => new Date((clock += 1000)).toISOString()
  let nextId = 1
  const state: Omit<CmsServer, 'url' | 'close'> = {
    token,
    articles: new Map(),
    media: new Map(),
    requests: [],
    exchanges: [],
    canPublish: true,
    fieldNames: {},
    failNext(match, fault) {
      faults.push({ match, fault })
    },
    editInCms(id, fields) {
      const article = state.articles.get(id)
      if (article) state.articles.set(id, { ...article, ...fields, modifiedAt: tick() })
    }
  }
  const field = (name: string) => state.fieldNames[name] ?? name
  const held: ServerResponse[] = []
  const pending = new WeakMap<ServerResponse, Omit<CmsExchange, 'status' | 'responseBody'>>()
  const send = (res: ServerResponse, status: number, body: unknown) => {
    const exchange = pending.get(res)
    if (exchange !== undefined) state.exchanges.push({ ...exchange, status, responseBody: body })
    res.writeHead(status, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const view = (article: Record<string, unknown> & { id: string }) => ({ ...article, title: article[field('title')], content: article[field('content')] })

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://cms')
      const route = `${req.method ?? 'GET'} ${url.pathname}`
      state.requests.push(route)
      const body = await readBody(req)
      const exchange = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), requestType: req.headers['content-type'] ?? null, requestBody: body, injected: false }
      pending.set(res, exchange)
      // A school site across town: every answer waits as long as a round trip plus the server's own work would.
      if (options.latencyMs !== undefined) await new Promise((resolve) => setTimeout(resolve, options.latencyMs))
      const fault = faults.find((f) => route.startsWith(f.match))
      if (fault) {
        faults = faults.filter((f) => f !== fault)
        if ('stall' in fault.fault) {
          held.push(res)
          return
        }
        exchange.injected = true
        send(res, fault.fault.status, { code: `fault_${String(fault.fault.status)}`, message: 'injected' })
        return
      }
      const page = /^GET \/news\/([^/]+)\.html$/.exec(route)
      const shown = page === null ? undefined : state.articles.get(page[1] ?? '')
      if (shown !== undefined) {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        res.end(`<!DOCTYPE html><html><head><title>${String(shown[field('title')])}</title></head><body><h1>${String(shown[field('title')])}</h1><div class="article-content">${String(shown[field('content')])}</div></body></html>`)
        return
      }
      if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { code: 'invalid_token', message: 'the token is missing or wrong' })
      const base = `http://${req.headers.host ?? 'cms'}`
      if (route === 'GET /me') return send(res, 200, { name: '宣传部', canPublish: state.canPublish })
      if (route === 'GET /columns') return send(res, 200, { items: [{ id: 'c1', name: '校园动态' }, { id: 'c2', name: '通知公告' }] })
      if (route === 'GET /media') return send(res, 200, { items: [...state.media.values()].filter((m) => m.externalId === url.searchParams.get('externalId')) })
      if (route === 'POST /media') {
        if (body.length > maxUpload) return send(res, 413, { code: 'too_large', message: 'upload too large' })
        const form = await new Response(new Uint8Array(body), { headers: { 'Content-Type': req.headers['content-type'] ?? '' } }).formData()
        const file = form.get('file')
        if (!(file instanceof Blob)) return send(res, 400, { code: 'no_file', message: 'file missing' })
        const id = `m${String(nextId++)}`
        const media = {
          id,
          url: `${base}/files/${id}.jpg`,
          externalId: String(form.get('externalId') ?? ''),
          alt: String(form.get('alt') ?? ''),
          caption: String(form.get('caption') ?? ''),
          credit: String(form.get('credit') ?? ''),
          bytes: file.size
        }
        state.media.set(id, media)
        return send(res, 201, media)
      }
      if (route === 'GET /articles') {
        return send(res, 200, { items: [...state.articles.values()].filter((a) => a.externalId === url.searchParams.get('externalId')).map(view) })
      }
      const one = /^(GET|PUT) \/articles\/([^/]+)$/.exec(route)
      if (route === 'POST /articles' || one !== null) {
        const existing = one === null ? undefined : state.articles.get(decodeURIComponent(one[2] ?? ''))
        if (one !== null && existing === undefined) return send(res, 404, { code: 'not_found', message: 'no such article' })
        if (one?.[1] === 'GET' && existing) return send(res, 200, view(existing))
        const input = JSON.parse(body.toString('utf8')) as Record<string, unknown>
        const status = input[field('status')]
        if ((status === 'publish' || status === 'future') && !state.canPublish) return send(res, 403, { code: 'cannot_publish', message: 'this account may only submit for review' })
        if (typeof input[field('title')] !== 'string' || typeof input[field('content')] !== 'string') return send(res, 400, { code: 'invalid', message: 'title and content are required' })
        const externalId = String(input.externalId ?? existing?.externalId ?? '')
        if (existing === undefined && [...state.articles.values()].some((a) => a.externalId === externalId)) return send(res, 409, { code: 'exists', message: 'externalId exists' })
        const id = existing?.id ?? `a${String(nextId++)}`
        const article = { ...input, id, externalId, url: `${base}/news/${id}.html`, modifiedAt: tick() }
        state.articles.set(id, article)
        return send(res, existing ? 200 : 201, view(article))
      }
      send(res, 404, { code: 'no_route', message: route })
    })().catch(() => res.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return Object.assign(state, {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    close() {
      for (const res of held) res.destroy()
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })
}
