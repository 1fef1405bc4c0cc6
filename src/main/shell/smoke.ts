/**
 * `--smoke=<report.json>`: the release workflow launches each packaged app once with it. The app opens its
 * window, lists the library through the page's real IPC (preload → ipcMain → handler), makes a photo
 * preview with sharp (its unpacked native binaries), writes a small JSON report and quits: exit code 0 when
 * every step passed within the time limit, 1 otherwise. The workflow fails on anything else.
 */

export const SMOKE_SWITCH = '--smoke'
export const SMOKE_TIMEOUT_SWITCH = '--smoke-timeout'
export const SMOKE_DEFAULT_TIMEOUT_MS = 60_000

export type SmokeOptions = { reportPath: string; timeoutMs: number }

export function parseSmokeSwitches(argv: readonly string[]): SmokeOptions | null {
  const value = (name: string) => {
    const prefix = `${name}=`
    const arg = argv.find((a) => a.startsWith(prefix))
    return arg === undefined ? undefined : arg.slice(prefix.length)
  }
  const reportPath = value(SMOKE_SWITCH)
  if (!reportPath) return null
  const timeout = Number(value(SMOKE_TIMEOUT_SWITCH))
  return { reportPath, timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : SMOKE_DEFAULT_TIMEOUT_MS }
}

/** A step passes when `run` resolves; an object it resolves with goes into the report as what it found. */
export type SmokeStep = { name: string; run(): Promise<unknown> }
export type SmokeReport = {
  ok: boolean
  app: Record<string, string>
  steps: { name: string; ok: boolean; ms: number; detail?: Record<string, unknown>; error?: string }[]
  totalMs: number
  timedOut: boolean
}

/**
 * Runs the steps in order, stopping at the first failure, all within `timeoutMs`; always resolves with a
 * report (and writes it), so main can quit with the right code whatever happened.
 */
export async function runSmoke(options: {
  steps: readonly SmokeStep[]
  timeoutMs: number
  app: Record<string, string>
  now(): number
  writeReport(report: SmokeReport): Promise<void>
  setTimer?(callback: () => void, ms: number): { cancel(): void }
}): Promise<SmokeReport> {
  const setTimer =
    options.setTimer ??
    ((callback: () => void, ms: number) => {
      const handle = setTimeout(callback, ms)
      return { cancel: () => clearTimeout(handle) }
    })
  const started = options.now()
  const report: SmokeReport = { ok: false, app: options.app, steps: [], totalMs: 0, timedOut: false }
  let timer: { cancel(): void } | undefined
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimer(() => resolve('timeout'), options.timeoutMs)
  })
  const all = (async () => {
    for (const step of options.steps) {
      const stepStarted = options.now()
      try {
        const found = await step.run()
        const detail = typeof found === 'object' && found !== null ? { detail: found as Record<string, unknown> } : {}
        report.steps.push({ name: step.name, ok: true, ms: options.now() - stepStarted, ...detail })
      } catch (error) {
        report.steps.push({ name: step.name, ok: false, ms: options.now() - stepStarted, error: error instanceof Error ? error.message : String(error) })
        return 'failed' as const
      }
    }
    return 'passed' as const
  })()
  const outcome = await Promise.race([all, deadline])
  timer?.cancel()
  report.timedOut = outcome === 'timeout'
  report.ok = outcome === 'passed'
  report.totalMs = options.now() - started
  // A copy: a step still running after the deadline must not change what was written.
  const written: SmokeReport = JSON.parse(JSON.stringify(report)) as SmokeReport
  await options.writeReport(written)
  return written
}
