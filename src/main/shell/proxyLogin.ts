import { dirname } from 'node:path'
import { z } from 'zod'
import type { UiLanguage } from '../../shared/settings'
import type { ServiceFs } from '../services/fs/serviceFs'
import type { SecretCipher } from '../services/publish/secretStore'

/** Electron's AuthInfo, the part we read. */
export type ProxyAuthInfo = { isProxy: boolean; scheme: string; host: string; port: number; realm: string }
export type ProxyCredentials = { username: string; password: string }

/** One remembered answer per proxy and realm: a password for one proxy is never offered to another. */
export function proxyKey(info: ProxyAuthInfo): string {
  return `${info.scheme}://${info.host.toLowerCase()}:${info.port}/${info.realm}`
}

export type ProxyLoginDecision = 'not-ours' | 'use-remembered' | 'ask' | 'give-up'

/**
 * What to do when Chromium asks for proxy credentials. Only proxies: a web site asking for a password is
 * refused (the app visits no site that should). The remembered answer is tried once; asked again for the
 * same proxy, it was wrong and the person is asked. After three refusals in a row, stop asking: the
 * request fails with the proxy's error instead of a dialog that keeps coming back.
 */
export function decideProxyLogin(input: { info: ProxyAuthInfo; attempt: number; hasRemembered: boolean }): ProxyLoginDecision {
  if (!input.info.isProxy) return 'not-ours'
  if (input.attempt === 1 && input.hasRemembered) return 'use-remembered'
  const asked = input.hasRemembered ? input.attempt - 1 : input.attempt
  return asked > 3 ? 'give-up' : 'ask'
}

const SUBMIT_SCHEME = 'newsroom-proxy-login:'

const WORDS = {
  'zh-CN': {
    title: '代理服务器需要登录',
    lead: '学校网络的代理服务器 {{host}} 要求登录后才能连接网站（例如发布稿件）。',
    user: '用户名',
    password: '密码',
    remember: '在这台电脑上记住（用系统的加密保存，下次不再询问）',
    noRemember: '这台电脑无法加密保存密码，本次运行结束后需要重新输入。',
    ok: '登录',
    cancel: '取消'
  },
  en: {
    title: 'The proxy server needs you to sign in',
    lead: 'The school network’s proxy server {{host}} asks you to sign in before the app can reach web sites (for example to publish).',
    user: 'User name',
    password: 'Password',
    remember: 'Remember on this computer (kept encrypted by the system; not asked again)',
    noRemember: 'This computer cannot store the password encrypted; you will be asked again next time the app starts.',
    ok: 'Sign in',
    cancel: 'Cancel'
  }
} as const

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
}

/**
 * The sign-in form, for a small window with JavaScript off and no preload: submitting navigates to
 * newsroom-proxy-login:submit?…, which main reads in `will-navigate` and refuses, so the answer never
 * leaves the process. The host and realm come from the network, so they are escaped.
 */
export function proxyLoginPage(input: { language: UiLanguage; info: ProxyAuthInfo; canRemember: boolean }): string {
  const w = WORDS[input.language]
  const host = escapeHtml(`${input.info.host}:${input.info.port}${input.info.realm ? ` (${input.info.realm})` : ''}`)
  const remember = input.canRemember
    ? `<label class="remember"><input type="checkbox" name="remember" value="1"> ${escapeHtml(w.remember)}</label>`
    : `<p class="note">${escapeHtml(w.noRemember)}</p>`
  return `<!doctype html><html lang="${input.language}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action ${SUBMIT_SCHEME}">
<title>${escapeHtml(w.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:16px}label{display:block;margin:8px 0}input[type=text],input[type=password]{width:100%;box-sizing:border-box}.note{color:#666}.actions{margin-top:12px;text-align:right}button{margin-left:8px}</style>
</head><body><h1 style="font-size:16px">${escapeHtml(w.title)}</h1>
<p>${escapeHtml(w.lead).replace('{{host}}', `<b>${host}</b>`)}</p>
<form method="get" action="${SUBMIT_SCHEME}submit">
<label>${escapeHtml(w.user)}<input type="text" name="username" autofocus autocomplete="username"></label>
<label>${escapeHtml(w.password)}<input type="password" name="password" autocomplete="current-password"></label>
${remember}
<div class="actions"><button type="submit" name="action" value="cancel" formnovalidate>${escapeHtml(w.cancel)}</button><button type="submit" name="action" value="ok">${escapeHtml(w.ok)}</button></div>
</form></body></html>`
}

/** The answer the form navigated to: credentials (and whether to keep them), or null for 取消 or anything else. */
export function parseProxyLoginSubmission(url: string): (ProxyCredentials & { remember: boolean }) | null {
  if (!url.startsWith(`${SUBMIT_SCHEME}submit?`)) return null
  const query = new URLSearchParams(url.slice(url.indexOf('?') + 1))
  if (query.get('action') !== 'ok') return null
  const username = query.get('username') ?? ''
  if (!username) return null
  return { username, password: query.get('password') ?? '', remember: query.get('remember') === '1' }
}

export function isProxyLoginSubmission(url: string): boolean {
  return url.startsWith(SUBMIT_SCHEME)
}

const StoredSchema = z.record(z.string(), z.object({ username: z.string(), password: z.string() }))

export type ProxyCredentialStore = {
  get(info: ProxyAuthInfo): Promise<ProxyCredentials | null>
  /** Only after the person ticked 记住; refused (false) where the system cannot encrypt. */
  remember(info: ProxyAuthInfo, credentials: ProxyCredentials): Promise<boolean>
  forget(info: ProxyAuthInfo): Promise<void>
  canRemember(): boolean
}

/**
 * Remembered proxy answers, the password encrypted with the system's key (safeStorage) in a JSON file. A
 * file that cannot be read or decrypted (another user, another PC) counts as nothing remembered.
 */
export function createProxyCredentialStore(options: { file: string; fs: ServiceFs; cipher: SecretCipher }): ProxyCredentialStore {
  const { file, fs, cipher } = options
  const read = async (): Promise<z.infer<typeof StoredSchema>> => {
    try {
      return StoredSchema.parse(JSON.parse(await fs.readFile(file, 'utf8')))
    } catch {
      return {}
    }
  }
  const write = async (entries: z.infer<typeof StoredSchema>) => {
    await fs.mkdir(dirname(file), { recursive: true })
    const temp = `${file}.tmp`
    await fs.writeFile(temp, JSON.stringify(entries), 'utf8')
    await fs.rename(temp, file)
  }
  return {
    canRemember: () => cipher.available(),
    async get(info) {
      const entry = (await read())[proxyKey(info)]
      if (!entry || !cipher.available()) return null
      try {
        return { username: entry.username, password: cipher.decrypt(Buffer.from(entry.password, 'base64')) }
      } catch {
        return null
      }
    },
    async remember(info, credentials) {
      if (!cipher.available()) return false
      const entries = await read()
      entries[proxyKey(info)] = { username: credentials.username, password: cipher.encrypt(credentials.password).toString('base64') }
      await write(entries)
      return true
    },
    async forget(info) {
      const entries = await read()
      const key = proxyKey(info)
      if (!(key in entries)) return
      await write(Object.fromEntries(Object.entries(entries).filter(([k]) => k !== key)))
    }
  }
}
