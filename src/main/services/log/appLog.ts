import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * Secrets that could reach a log line through an error message or a URL: credentials in a URL, HTTP
 * authorization values, key=value or "key": "value" pairs named like a secret, and WordPress application
 * passwords (six groups of four). What a person copies into a support message must never carry them.
 */
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/\b(authorization|proxy-authorization)(["']?\s*[:=]\s*["']?)(?:(?:basic|bearer|digest)\s+)?[^\s"',;]+/gi, '$1$2[secret]'],
  [/\b(basic|bearer)\s+[A-Za-z0-9+/=._~-]{8,}/gi, '$1 [secret]'],
  [/\/\/[^/\s:@]+:[^/\s@]+@/g, '//[secret]@'],
  [
    /\b(password|passwd|pwd|pass|secret|token|access_token|refresh_token|api[_-]?key|app[_-]?secret|appsecret|client_secret)(["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi,
    '$1$2[secret]'
  ],
  [/\b[A-Za-z0-9]{4}(?: [A-Za-z0-9]{4}){5}\b/g, '[secret]']
]

export function scrubSecrets(text: string): string {
  let out = text
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement)
  return out
}

/** One line per entry: stack traces keep their frames, but a message cannot forge a second entry. */
export function formatLogLine(at: Date, level: 'error' | 'warn' | 'info', message: string, detail?: unknown): string {
  const parts = [message]
  if (detail !== undefined && detail !== '') {
    parts.push(detail instanceof Error ? (detail.stack ?? `${detail.name}: ${detail.message}`) : typeof detail === 'string' ? detail : safeJson(detail))
  }
  return `${at.toISOString()} ${level.toUpperCase()} ${scrubSecrets(parts.join(' ')).replace(/\r?\n/g, ' ⏎ ')}\n`
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

export type AppLog = {
  readonly file: string
  error(message: string, detail?: unknown): void
  warn(message: string, detail?: unknown): void
  info(message: string, detail?: unknown): void
  /** The newest part of the log (current and previous file), at most `maxBytes`, for 复制诊断信息. */
  tail(maxBytes?: number): string
}

export type AppLogOptions = {
  /** <userData>/logs/main.log; older files beside it as main.1.log, main.2.log. */
  file: string
  /** Size at which the file is rotated; the log never holds more than (keep + 1) × this. */
  maxBytes?: number
  keep?: number
  now?: () => Date
  /** Where a write that failed is reported (a full disk must not crash the app over a log line). */
  onWriteError?: (error: unknown) => void
}

function rotated(file: string, n: number): string {
  return file.replace(/(\.log)?$/, `.${n}$1`)
}

/**
 * A size-capped, rotating log file. Writes are synchronous: the entries that matter most are written just
 * before the process exits (a failed start), and there are few of them.
 */
export function createAppLog(options: AppLogOptions): AppLog {
  const { file, maxBytes = 512 * 1024, keep = 2, now = () => new Date(), onWriteError = () => undefined } = options
  let size = existsSync(file) ? statSync(file).size : 0
  const rotate = () => {
    rmSync(rotated(file, keep), { force: true })
    for (let n = keep - 1; n >= 1; n--) if (existsSync(rotated(file, n))) renameSync(rotated(file, n), rotated(file, n + 1))
    if (keep >= 1) renameSync(file, rotated(file, 1))
    else rmSync(file, { force: true })
    size = 0
  }
  const write = (level: 'error' | 'warn' | 'info', message: string, detail?: unknown) => {
    let line = formatLogLine(now(), level, message, detail)
    // One runaway entry (a huge response body in an error) must not blow the cap either.
    if (Buffer.byteLength(line) > maxBytes) line = `${line.slice(0, Math.floor(maxBytes / 4))} …\n`
    try {
      mkdirSync(dirname(file), { recursive: true })
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate()
      appendFileSync(file, line, 'utf8')
      size += Buffer.byteLength(line)
    } catch (error) {
      onWriteError(error)
    }
  }
  return {
    file,
    error: (message, detail) => write('error', message, detail),
    warn: (message, detail) => write('warn', message, detail),
    info: (message, detail) => write('info', message, detail),
    tail(max = 64 * 1024) {
      const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '')
      const text = read(rotated(file, 1)) + read(file)
      if (Buffer.byteLength(text) <= max) return text
      const cut = text.slice(-max)
      // Start at a whole line.
      return cut.slice(cut.indexOf('\n') + 1)
    }
  }
}
