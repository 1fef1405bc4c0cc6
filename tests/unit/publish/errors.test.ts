import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createHttpClient } from '../../../src/main/services/publish/http'
import { kindForStatus, PublishError } from '../../../src/main/services/publish/publishError'
import { makeTempDir } from '../../support/draftFixtures'
import { rejectionOf } from '../../support/rejection'

const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, PublishError)

const listen = (server: Server | ReturnType<typeof createHttpsServer>) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))

describe('publish error kinds', () => {
  const servers: { close(): void; closeAllConnections(): void }[] = []
  afterEach(() => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections()
      server.close()
    }
  })

  it('maps each HTTP status a person can act on to its own kind', () => {
    expect([401, 403, 404, 413, 500, 502, 503, 409, 400].map(kindForStatus)).toEqual(['auth', 'forbidden', 'not-found', 'too-large', 'server', 'server', 'server', 'conflict', 'invalid-response'])
  })

  it('answers from a real server: 401, 403, 413 and 500 with the step and status, and no password in the message', async () => {
    const server = createServer((req, res) => {
      req.resume()
      const status = Number(req.url?.slice(1))
      res.writeHead(status, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ code: `code_${String(status)}`, message: 'refused' }))
    })
    servers.push(server)
    const port = await listen(server)
    const http = createHttpClient({ transport: fetch, scope: { baseUrl: `http://127.0.0.1:${String(port)}` }, timeoutMs: 5000, authorization: `Basic ${Buffer.from('editor:s3cret-pass').toString('base64')}` })
    for (const [status, kind, retryable] of [
      [401, 'auth', false],
      [403, 'forbidden', false],
      [413, 'too-large', false],
      [500, 'server', true]
    ] as const) {
      const error = await failureOf(http.send(`http://127.0.0.1:${String(port)}/${String(status)}`, { step: 'upload-images' }))
      expect(error.toInfo()).toMatchObject({ kind, httpStatus: status, step: 'upload-images', retryable })
      expect(error.message).toContain(`code_${String(status)}`)
      expect(error.message).not.toContain('s3cret')
    }
  })

  it('a name that does not resolve is a DNS failure', async () => {
    const http = createHttpClient({ transport: fetch, scope: { baseUrl: 'http://nonexistent.invalid' }, timeoutMs: 10_000 })
    const error = await failureOf(http.send('http://nonexistent.invalid/wp-json/', { step: 'connect' }))
    expect(error.kind).toBe('dns')
    expect(error.retryable).toBe(true)
  })

  it('a server that never answers is a timeout, not a hang', async () => {
    const server = createServer(() => undefined)
    servers.push(server)
    const port = await listen(server)
    const http = createHttpClient({ transport: fetch, scope: { baseUrl: `http://127.0.0.1:${String(port)}` }, timeoutMs: 300 })
    const error = await failureOf(http.send(`http://127.0.0.1:${String(port)}/`, { step: 'create-article' }))
    expect(error.kind).toBe('timeout')
  })

  it('a refused connection is offline', async () => {
    const server = createServer(() => undefined)
    const port = await listen(server)
    server.close()
    const error = await failureOf(createHttpClient({ transport: fetch, scope: { baseUrl: `http://127.0.0.1:${String(port)}` }, timeoutMs: 2000 }).send(`http://127.0.0.1:${String(port)}/`, { step: 'connect' }))
    expect(error.kind).toBe('offline')
  })

  it('cancelling is its own kind', async () => {
    const server = createServer(() => undefined)
    servers.push(server)
    const port = await listen(server)
    const controller = new AbortController()
    const pending = createHttpClient({ transport: fetch, scope: { baseUrl: `http://127.0.0.1:${String(port)}` }, timeoutMs: 10_000, signal: controller.signal }).send(`http://127.0.0.1:${String(port)}/`, { step: 'connect' })
    setTimeout(() => controller.abort(), 50)
    expect((await failureOf(pending)).kind).toBe('cancelled')
  })

  describe('TLS', () => {
    let temp: Awaited<ReturnType<typeof makeTempDir>>
    let openssl = true
    beforeAll(async () => {
      temp = await makeTempDir('newsroom-tls-')
      try {
        execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-keyout', join(temp.dir, 'key.pem'), '-out', join(temp.dir, 'cert.pem')], { stdio: 'ignore' })
      } catch {
        openssl = false
      }
    })
    afterAll(async () => {
      await temp.cleanup()
    })
    it('a self-signed certificate is a TLS problem', async (context) => {
      if (!openssl) {
        console.warn('[publish errors] TLS test skipped: the openssl command is not installed')
        context.skip()
      }
      const server = createHttpsServer({ key: readFileSync(join(temp.dir, 'key.pem')), cert: readFileSync(join(temp.dir, 'cert.pem')) }, (_req, res) => res.end('{}'))
      servers.push(server)
      const port = await listen(server)
      const error = await failureOf(createHttpClient({ transport: fetch, scope: { baseUrl: `https://127.0.0.1:${String(port)}` }, timeoutMs: 5000 }).send(`https://127.0.0.1:${String(port)}/`, { step: 'connect' }))
      expect(error.kind).toBe('tls')
      expect(error.retryable).toBe(false)
    })
  })
})
