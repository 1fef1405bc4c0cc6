import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Fault = 'drop' | 'status-500' | 'stall'

export type FaultProxy = {
  url: string
  /** Requests seen since the last reset. */
  readonly count: number
  /** The nth request from now on (1-based) meets `fault`; every other one passes. */
  failAt(n: number, fault: Fault): void
  reset(): void
  close(): Promise<void>
}

/**
 * A loopback proxy in front of a server. `drop` and `stall` let the server do the work and then lose the
 * answer (the hard case for exactly-once: the site acted, the client never heard); `status-500` answers in
 * the server's place.
 */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream)
  let count = 0
  let planned: { n: number; fault: Fault } | null = null
  const held: ServerResponse[] = []
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const n = ++count
    const fault = planned !== null && planned.n === n ? planned.fault : null
    if (fault === 'status-500') {
      req.resume()
      res.writeHead(500, { 'Content-Type': 'application/json' })
      res.end('{"code":"proxy_fault","message":"injected"}')
      return
    }
    const forward = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        if (fault === 'drop') {
          answer.resume()
          answer.on('end', () => req.socket.destroy())
          return
        }
        if (fault === 'stall') {
          answer.resume()
          held.push(res)
          return
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    forward.on('error', () => res.destroy())
    req.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${String(port)}`,
    get count() {
      return count
    },
    failAt(n, fault) {
      count = 0
      planned = { n, fault }
    },
    reset() {
      count = 0
      planned = null
    },
    close() {
      for (const res of held) res.destroy()
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}
