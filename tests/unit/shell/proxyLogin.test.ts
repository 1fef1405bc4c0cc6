import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { nodeServiceFs } from '../../../src/main/services/fs/serviceFs'
import {
  createProxyCredentialStore,
  decideProxyLogin,
  parseProxyLoginSubmission,
  proxyLoginPage,
  type ProxyAuthInfo
} from '../../../src/main/shell/proxyLogin'

const proxy: ProxyAuthInfo = { isProxy: true, scheme: 'basic', host: 'proxy.school.edu.cn', port: 8080, realm: 'Campus' }

describe('decideProxyLogin', () => {
  it.each([
    [{ info: { ...proxy, isProxy: false }, attempt: 1, hasRemembered: true }, 'not-ours'],
    [{ info: proxy, attempt: 1, hasRemembered: true }, 'use-remembered'],
    [{ info: proxy, attempt: 2, hasRemembered: true }, 'ask'],
    [{ info: proxy, attempt: 1, hasRemembered: false }, 'ask'],
    [{ info: proxy, attempt: 3, hasRemembered: false }, 'ask'],
    [{ info: proxy, attempt: 4, hasRemembered: false }, 'give-up'],
    [{ info: proxy, attempt: 5, hasRemembered: true }, 'give-up']
  ] as const)('%o → %s', (input, expected) => {
    expect(decideProxyLogin(input)).toBe(expected)
  })
})

describe('the sign-in form', () => {
  it('asks in Chinese, escapes what the network sent, and leaves 记住 unticked', () => {
    const html = proxyLoginPage({ language: 'zh-CN', info: { ...proxy, realm: '<img src=x onerror=alert(1)>' }, canRemember: true })
    expect(html).toContain('代理服务器需要登录')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).not.toContain('<img')
    expect(html).toMatch(/<input type="checkbox" name="remember" value="1">/)
    expect(html).not.toMatch(/checked/)
    expect(html).toContain("form-action newsroom-proxy-login:")
  })

  it('offers no 记住 where the system cannot encrypt, and says so', () => {
    const html = proxyLoginPage({ language: 'en', info: proxy, canRemember: false })
    expect(html).not.toContain('name="remember"')
    expect(html).toContain('asked again next time')
  })

  it.each([
    ['newsroom-proxy-login:submit?username=li&password=p%40ss+1&remember=1&action=ok', { username: 'li', password: 'p@ss 1', remember: true }],
    ['newsroom-proxy-login:submit?username=li&password=x&action=ok', { username: 'li', password: 'x', remember: false }],
    ['newsroom-proxy-login:submit?username=li&password=x&action=cancel', null],
    ['newsroom-proxy-login:submit?username=&password=x&action=ok', null],
    ['https://evil.example/submit?username=li&password=x&action=ok', null]
  ])('%s', (url, expected) => {
    expect(parseProxyLoginSubmission(url)).toEqual(expected)
  })
})

describe('remembered proxy answers', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsroom-proxy-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  // A stand-in for safeStorage that really transforms the bytes, so a plain-text leak would show.
  const cipher = (available = true) => ({
    available: () => available,
    encrypt: (plain: string) => Buffer.from([...Buffer.from(plain, 'utf8')].map((b) => b ^ 0x5a)),
    decrypt: (bytes: Buffer) => Buffer.from([...bytes].map((b) => b ^ 0x5a)).toString('utf8')
  })

  it('keeps the password encrypted, for that proxy only, and forgets it on request', async () => {
    const file = join(dir, 'proxy-credentials.json')
    const store = createProxyCredentialStore({ file, fs: nodeServiceFs, cipher: cipher() })
    expect(await store.remember(proxy, { username: 'li', password: '校园网密码' })).toBe(true)
    expect(await readFile(file, 'utf8')).not.toContain('校园网密码')
    expect(await store.get(proxy)).toEqual({ username: 'li', password: '校园网密码' })
    expect(await store.get({ ...proxy, host: 'other-proxy.example' })).toBeNull()
    await store.forget(proxy)
    expect(await store.get(proxy)).toBeNull()
  })

  it('remembers nothing without system encryption, and survives a damaged file', async () => {
    const file = join(dir, 'proxy-credentials.json')
    expect(await createProxyCredentialStore({ file, fs: nodeServiceFs, cipher: cipher(false) }).remember(proxy, { username: 'li', password: 'x' })).toBe(false)
    await writeFile(file, '{not json')
    expect(await createProxyCredentialStore({ file, fs: nodeServiceFs, cipher: cipher() }).get(proxy)).toBeNull()
  })
})
