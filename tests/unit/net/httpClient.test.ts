import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHttpClient, MAX_REDIRECTS, nodeTransport } from '../../../src/main/services/net/httpClient'
import { NetError } from '../../../src/main/services/net/netErrors'
import { createNetRequestTransport, type NetClientRequest, type NetLoginAnswer, type NetLoginInfo, type NetRequestOptions } from '../../../src/main/services/net/netRequestTransport'
import { scrubSecrets } from '../../../src/main/services/net/scrub'
import { isOnSite, isOwnOrigin } from '../../../src/main/services/net/sitePolicy'
import { endless, json, startHostileSite, type HostileSite } from '../../support/hostileSite'
import { rejectionOf } from '../../support/rejection'

const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, NetError)

describe('the site scope', () => {
  const scope = { baseUrl: 'http://news.school.edu.cn/cms', hosts: ['cdn.school.edu.cn'] }
  it('admits the own origin (and its https upgrade) for credentials, declared hosts only for reading', () => {
    expect(isOwnOrigin(scope, 'http://news.school.edu.cn/other')).toBe(true)
    expect(isOwnOrigin(scope, 'https://news.school.edu.cn/cms')).toBe(true)
    expect(isOwnOrigin(scope, 'http://news.school.edu.cn:8080/')).toBe(false)
    expect(isOwnOrigin(scope, 'http://cdn.school.edu.cn/')).toBe(false)
    expect(isOnSite(scope, 'https://cdn.school.edu.cn/a.html')).toBe(true)
    expect(isOwnOrigin({ baseUrl: 'https://a.example' }, 'http://a.example/')).toBe(false)
    for (const refused of ['file:///etc/passwd', 'file://host/share/x.exe', 'ftp://news.school.edu.cn/', 'http://user:pw@news.school.edu.cn/', 'http://evil.example/', 'javascript:alert(1)', 'not a url']) {
      expect(isOnSite(scope, refused)).toBe(false)
    }
  })
})

describe('the one HTTP client', () => {
  let site: HostileSite
  let other: HostileSite
  beforeEach(async () => {
    site = await startHostileSite()
    other = await startHostileSite()
  })
  afterEach(async () => {
    await site.close()
    await other.close()
  })
  const client = createHttpClient({ transport: nodeTransport, maxBytes: 1024 * 1024 })
  const request = (path: string, extra: Partial<Parameters<typeof client.request>[0]> = {}) =>
    client.request({ url: `${site.url}${path}`, scope: { baseUrl: site.url }, authorization: 'Bearer t0ken', timeoutMs: 3000, ...extra })

  it('follows redirects on the site by hand, with the credentials, and a 303 after a POST as a GET', async () => {
    site.routes.set('POST /a', (_req, res) => {
      res.writeHead(303, { Location: '/b' })
      res.end()
    })
    site.routes.set('GET /b', (_req, res) => json(res, 200, { ok: true }))
    const answer = await request('/a', { method: 'POST', body: 'x' })
    expect(answer.status).toBe(200)
    expect(answer.url).toBe(`${site.url}/b`)
    expect(site.requests).toEqual([
      { method: 'POST', path: '/a', authorization: 'Bearer t0ken' },
      { method: 'GET', path: '/b', authorization: 'Bearer t0ken' }
    ])
  })

  it('refuses a hop to another origin or scheme before sending anything there', async () => {
    for (const location of [`${other.url}/x`, 'file:///etc/passwd', 'file://server/share/x.exe', 'data:text/html,hi']) {
      site.routes.set('GET /a', (_req, res) => {
        res.writeHead(302, { Location: location })
        res.end()
      })
      expect((await failureOf(request('/a'))).kind).toBe('off-site')
    }
    expect(other.requests).toEqual([])
  })

  it('stops after a few redirects', async () => {
    site.routes.set('GET /loop', (_req, res) => {
      res.writeHead(307, { Location: '/loop' })
      res.end()
    })
    expect((await failureOf(request('/loop'))).kind).toBe('off-site')
    expect(site.requests.length).toBe(MAX_REDIRECTS + 1)
  })

  it('caps the answer while streaming, whatever Content-Length says or does not say', async () => {
    site.routes.set('GET /big', endless(site, 200 * 1024 * 1024))
    expect((await failureOf(request('/big'))).kind).toBe('answer-too-large')
    expect(site.bytesWritten).toBeLessThan(8 * 1024 * 1024)
    site.routes.set('GET /declared', (_req, res) => {
      res.writeHead(200, { 'Content-Length': String(5 * 1024 * 1024) })
      res.write('x')
    })
    expect((await failureOf(request('/declared'))).kind).toBe('answer-too-large')
  })

  it('a body that trickles past the deadline is a timeout', async () => {
    site.routes.set('GET /slow', (_req, res) => {
      res.writeHead(200)
      res.write('{')
    })
    expect((await failureOf(request('/slow', { timeoutMs: 300 }))).kind).toBe('timeout')
  })

  it('refuses to start at an address off the site', async () => {
    expect((await failureOf(client.request({ url: `${other.url}/x`, scope: { baseUrl: site.url }, timeoutMs: 1000 }))).kind).toBe('off-site')
    expect(other.requests).toEqual([])
  })
})

describe('the transport over Electron net.request (with a stand-in for it)', () => {
  type Fake = EventEmitter & NetClientRequest & { options: NetRequestOptions; headers: Record<string, string>; written: Buffer[]; aborted: boolean }
  function fakeNet(script: (request: Fake) => void, proxyLogin?: NetLoginAnswer) {
    const made: Fake[] = []
    const transport = createNetRequestTransport((options) => {
      const request = Object.assign(new EventEmitter(), {
        options,
        headers: {} as Record<string, string>,
        written: [] as Buffer[],
        aborted: false,
        setHeader(name: string, value: string) {
          request.headers[name] = value
        },
        write(chunk: Buffer) {
          request.written.push(chunk)
        },
        end() {
          queueMicrotask(() => script(request))
        },
        abort() {
          request.aborted = true
        }
      }) as Fake
      made.push(request)
      return request
    }, proxyLogin)
    return { transport, made }
  }

  it('asks for manual redirects without cookies and hands a redirect back unfollowed', async () => {
    const { transport, made } = fakeNet((request) => request.emit('redirect', 302, 'GET', 'https://elsewhere.example/', { 'set-cookie': ['a=1'] }))
    const answer = await transport('https://site.example/', { method: 'GET', redirect: 'manual', headers: { Authorization: 'Bearer x' } })
    expect(answer.status).toBe(302)
    expect(answer.headers.get('location')).toBe('https://elsewhere.example/')
    expect(made[0]?.options).toMatchObject({ redirect: 'manual', credentials: 'omit', useSessionCookies: false })
    expect(made[0]?.aborted).toBe(true)
  })

  it('streams the answer and sends a form body with its multipart type', async () => {
    const { transport, made } = fakeNet((request) => {
      const response = Object.assign(new EventEmitter(), { statusCode: 200, headers: { 'content-type': 'application/json' } })
      request.emit('response', response)
      response.emit('data', Buffer.from('{"ok":'))
      response.emit('data', Buffer.from('true}'))
      response.emit('end')
    })
    const form = new FormData()
    form.append('caption', '开幕式')
    const answer = await transport('https://site.example/media', { method: 'POST', redirect: 'manual', body: form })
    expect(await answer.json()).toEqual({ ok: true })
    expect(made[0]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(Buffer.concat(made[0]?.written ?? []).toString('utf8')).toContain('开幕式')
  })

  it("sends a campus proxy's login question to the app's sign-in, and a site's own HTTP auth question nowhere", async () => {
    const asked: NetLoginInfo[] = []
    const given: (string | undefined)[][] = []
    const proxy = { isProxy: true, scheme: 'basic', host: 'proxy.campus.edu.cn', port: 8080, realm: '校园网' }
    const site = { ...proxy, isProxy: false, host: 'site.example', port: 443, realm: 'admin' }
    const { transport } = fakeNet(
      (request) => {
        request.emit('login', proxy, (...answer: (string | undefined)[]) => given.push(answer))
        request.emit('login', site, (...answer: (string | undefined)[]) => given.push(answer))
        request.emit('error', new Error('net::ERR_ABORTED'))
      },
      (info, callback) => {
        asked.push(info)
        callback('zhang', 'proxy-pass')
      }
    )
    await transport('https://site.example/', { method: 'GET', redirect: 'manual' }).catch(() => undefined)
    expect(asked).toEqual([proxy])
    expect(given).toEqual([['zhang', 'proxy-pass'], []])
  })

  it("passes Chromium's error on, which the client maps: a bad certificate is tls, not offline", async () => {
    const { transport } = fakeNet((request) => request.emit('error', new Error('net::ERR_CERT_AUTHORITY_INVALID')))
    const client = createHttpClient({ transport })
    const error = await failureOf(client.request({ url: 'https://site.example/', scope: { baseUrl: 'https://site.example' }, timeoutMs: 1000 }))
    expect(error.kind).toBe('tls')
  })
})

describe('scrubbing credentials from messages', () => {
  it('removes the secret in every form, and any Basic/Bearer value', () => {
    const basic = `Basic ${Buffer.from('editor:pa ss word').toString('base64')}`
    const text = `echo ${basic} / editor:pa ss word / pa%20ss%20word / Bearer abc.def-ghi / authorization: "xyz123" / pa ss word`
    const clean = scrubSecrets(text, ['pa ss word', basic])
    for (const leaked of ['pa ss word', 'pa%20ss%20word', Buffer.from('editor:pa ss word').toString('base64'), 'abc.def-ghi', 'xyz123']) expect(clean).not.toContain(leaked)
  })
})
