import { scrubSecrets } from './appLog'

/** What 设置 → 关于 needs from the desktop: the log, facts about this installation, the clipboard. */
export type DiagnosticsCapability = {
  logFile: string
  /** App, Electron, Chromium and system versions, as label → value. */
  runtime(): Record<string, string>
  logTail(): string
  copy(text: string): void
}

/**
 * The text 复制诊断信息 puts on the clipboard for a support message: versions, then the newest log lines.
 * Scrubbed again as a whole, so a secret that slipped into a log line written by an older version does not
 * travel on.
 */
export function diagnosticsReport(input: { runtime: Record<string, string>; logFile: string; logTail: string }): string {
  const facts = Object.entries(input.runtime).map(([label, value]) => `${label}: ${value}`)
  const tail = input.logTail.trim() || '(empty)'
  return scrubSecrets(['Campus Newsroom diagnostics', ...facts, `log: ${input.logFile}`, '', '--- log (newest last) ---', tail, ''].join('\n'))
}
