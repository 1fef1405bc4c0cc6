/// <reference lib="dom" />
/**
 * bench:checks' second figure: what 发布前检查 costs the renderer's main thread while someone types into a
 * 20,000-character article in the real app (the E2E harness: built renderer, real services, Debian's headless
 * Chromium). bench/checks.ts (the rule engine's figure) calls `measureChecksKeystroke`.
 *
 * Each keystroke only restarts a timer; the check runs in the worker once typing pauses. So the main thread pays,
 * once per pause, two tasks: the debounce timer's (flattening the edited blocks, handing them to the worker) and
 * the worker's answer (decoding it, the controller, the marks, React's render and commit of the 检查 panel when it
 * changed, all in that task's microtasks). A keystroke triggers at most one cycle, so the headline is the p95 over
 * cycles of those two tasks' durations, read from a Chrome trace: whole tasks, found by the controller's marks
 * (PREPARE_START, APPLIED_MARK), so nothing the checks do in them escapes the figure. The trace also gives each
 * task's thread CPU time, which leaves out the turns other processes take on a loaded machine; both are reported.
 *
 * Baselines, measured in the same run: the same typing with checks off (the directory never loads, so no check
 * starts); CDP's Performance.getMetrics gives the main-thread time per keystroke in both, and the difference is
 * what the checks add to typing, timers and answers included. And the floor: the same two kinds of task doing
 * nothing (a timer that posts an empty article to a second check worker, and its answer marked), which is what
 * this browser on this machine charges for a timer and a worker's message before the checks do any work.
 */
import { join } from 'node:path'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import type { Page } from 'playwright-core'
import { articleBody, newsText } from './newsText'
import { percentile, round } from './stats'

/** The controller's marks (checkController's PREPARE_START and APPLIED_MARK). */
const PREPARE_START = 'newsroom-checks:prepare-start'
const APPLIED_MARK = 'newsroom-checks:applied'

const ARTICLE_CHARS = 20_000
/** Cycles: enough that the p95 is the 10th-worst of 200, not one unlucky pause. */
const BURSTS = Number(process.env['CHECK_BURSTS'] ?? 200)
const KEYS_PER_BURST = 3
const KEY_INTERVAL_MS = 60
/** Longer than the debounce (300 ms) plus a check in the worker on a loaded machine: every burst ends in one check. */
const PAUSE_MS = 700
const TARGET_P95_MS = 2
const TITLE = '学校召开2024年度工作总结大会'
const FLOOR_START = 'bench-checks-floor:start'
const FLOOR_ANSWER = 'bench-checks-floor:answer'

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; cat?: string; args?: { name?: string } }
type Task = { wall: number; cpu: number }
type Cycle = { prepare: Task; answer: Task }

type Phase = {
  cycles: Cycle[]
  floor: Cycle[]
  /** Pauses whose answer never painted (a newer text overtook it): their timer task is still counted in `prepare`. */
  unanswered: number
  keystrokes: number
  /** CDP Performance.getMetrics delta over the typing, in ms: all the renderer main thread's tasks. */
  taskMs: number
  loadAverage: { start: number; end: number }
}

const spread = (samples: readonly number[]) => ({ p50: percentile(samples, 50), p95: percentile(samples, 95), max: round(Math.max(...samples)) })

export type ChecksKeystrokeFigure =
  | { skipped: string }
  | {
      measures: string
      cycles: number
      unanswered: number
      keystrokes: number
      /** Per check cycle, the timer's task plus the answer's task, wall time (what a keystroke could wait behind). */
      perCycleMs: { p50: number; p95: number; max: number }
      /** The same tasks' thread CPU time: the checks' own work, without other processes' turns on the CPU. */
      perCycleCpuMs: { p50: number; p95: number; max: number }
      prepareMs: { p50: number; p95: number; max: number }
      answerMs: { p50: number; p95: number; max: number }
      /** Baseline in the same run: main-thread time per keystroke with checks on and off (CDP), and the difference. */
      mainThreadPerKeystrokeMs: { checksOn: number; checksOff: number }
      addedMainThreadPerKeystrokeMs: number
      /** The machine's 1-minute load average at the start and end of each phase (2 cores here). */
      loadAverage: { checksOn: { start: number; end: number }; checksOff: { start: number; end: number } }
      /** The floor: an empty timer-and-answer cycle through a second check worker, same trace, same run. */
      floor: { cycles: number; perCycleMs: { p50: number; p95: number; max: number }; perCycleCpuMs: { p50: number; p95: number; max: number } }
      /** Wall and CPU p95 of a check cycle over the floor's. */
      ratioToFloor: { wall: number; cpu: number }
      targetP95Ms: number
      ratio: number
      cpuRatio: number
      met: boolean
    }

/** In the page before it loads. `off` keeps the directory from loading, so checks never start. A string: tsx's helpers do not exist in the page. */
const probe = (off: boolean) => `(() => {
  if (${String(off)}) {
    const real = window.__newsroomInvoke
    window.__newsroomInvoke = (channel, request) => channel === 'directory:get' ? new Promise(() => undefined) : real(channel, request)
  }
})()`

async function typeBursts(page: Page): Promise<number> {
  // Real key presses (a keydown each, as a person's typing makes); Latin letters, as Pinyin is typed.
  const letters = 'xinwenbaodao'
  let keys = 0
  for (let burst = 0; burst < BURSTS; burst++) {
    for (let key = 0; key < KEYS_PER_BURST; key++) {
      await page.keyboard.press(letters[keys++ % letters.length] ?? 'a')
      await page.waitForTimeout(KEY_INTERVAL_MS)
    }
    await page.waitForTimeout(PAUSE_MS)
  }
  return keys
}

/**
 * In the page, after the typing: the floor's cycles. The empty article goes to a second instance of the app's own
 * check worker (the page's CSP admits no other script), a few cycles first to load it.
 */
const floorProbe = (workerUrl: string, cycles: number) => `(async () => {
  const worker = new Worker(${JSON.stringify(workerUrl)}, { type: 'module', name: 'bench-floor' })
  const options = { people: [], words: [], ownDomains: [], titleMax: null, summaryRequired: false, minPhotoWidth: null, variants: {}, publishAt: null }
  for (let id = 1; id <= ${cycles} + 5; id++) {
    await new Promise((done) => setTimeout(() => {
      const timed = id > 5
      if (timed) performance.mark('${FLOOR_START}')
      worker.onmessage = () => {
        if (timed) performance.mark('${FLOOR_ANSWER}')
        done()
      }
      worker.postMessage({ id, segments: [], photos: [], links: [], options: id === 1 ? options : null })
    }, 40))
  }
  worker.terminate()
})()`

/** The cycles in a trace: each start mark's task, and the task of the answer marked before the next start. */
export function cyclesOf(events: readonly TraceEvent[], start = PREPARE_START, answered = APPLIED_MARK): { cycles: Cycle[]; unanswered: number } {
  const marks = events.filter((e) => (e.name === start || e.name === answered) && e.cat?.includes('user_timing'))
  const first = marks[0]
  if (!first) return { cycles: [], unanswered: 0 }
  const tasks = events
    .filter((e) => e.pid === first.pid && e.tid === first.tid && e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X')
    .sort((a, b) => a.ts - b.ts)
  const taskAt = (ts: number): Task | null => {
    let low = 0
    let high = tasks.length - 1
    while (low <= high) {
      const middle = (low + high) >> 1
      const task = tasks[middle]
      if (!task) break
      if (task.ts > ts) high = middle - 1
      else if (task.ts + (task.dur ?? 0) < ts) low = middle + 1
      else return { wall: (task.dur ?? 0) / 1000, cpu: (task.tdur ?? task.dur ?? 0) / 1000 }
    }
    return null
  }
  const sorted = [...marks].sort((a, b) => a.ts - b.ts)
  const cycles: Cycle[] = []
  let unanswered = 0
  sorted.forEach((mark, index) => {
    if (mark.name !== start) return
    const prepare = taskAt(mark.ts)
    const next = sorted[index + 1]
    const answer = next?.name === answered ? taskAt(next.ts) : null
    if (prepare && answer) cycles.push({ prepare, answer })
    else unanswered += 1
  })
  return { cycles, unanswered }
}

/** The built check worker's address under the page's. */
async function checkWorkerUrl(pageUrl: string): Promise<string> {
  const { RENDERER_DIR } = await import('../../tests/e2e/harness')
  const file = (await readdir(join(RENDERER_DIR, 'assets'))).find((name) => name.startsWith('checkWorker') && name.endsWith('.js'))
  if (!file) throw new Error('bench:checks: no built check worker in the renderer')
  return new URL(`assets/${file}`, pageUrl).href
}

async function runPhase(off: boolean): Promise<Phase> {
  const { launchApp, shutdownBrowser } = await import('../../tests/e2e/harness')
  const work = await mkdtemp(join(tmpdir(), 'newsroom-bench-checks-'))
  try {
    const app = await launchApp({ dataDir: join(work, 'library') })
    try {
      const { services, page } = app
      const draft = await services.drafts().create({ title: TITLE, column: '校园要闻' })
      // Half-width commas in Chinese text among the paragraphs: the panel and the marks have findings to show.
      const text = newsText(ARTICLE_CHARS, 7).replace(/，/g, (comma, at: number) => (at % 9 === 0 ? ',' : comma))
      await services.drafts().save(draft.id, { title: TITLE, column: '校园要闻', body: articleBody(text) })
      await page.addInitScript({ content: probe(off) })
      await page.reload()
      await page.locator('button.draft-open', { hasText: TITLE }).first().click()
      const body = page.getByRole('textbox', { name: '正文' })
      await body.click()
      if (!off) {
        // The first check (the worker loading its dictionaries, every mark built) is not what a keystroke costs.
        const deadline = Date.now() + 30_000
        while (((await page.evaluate(`performance.getEntriesByName('${APPLIED_MARK}').length`)) as number) === 0) {
          if (Date.now() > deadline) throw new Error(`bench:checks: no check answered within 30 s (${app.pageErrors.join('; ') || 'no page errors'})`)
          await page.waitForTimeout(100)
        }
      } else await page.waitForTimeout(1_000)
      await page.waitForTimeout(PAUSE_MS)
      const browser = page.context().browser()
      if (!browser) throw new Error('bench:checks: no browser to trace')
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Performance.enable')
      const metrics = async () => {
        const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
        return list.find((m) => m.name === 'TaskDuration')?.value ?? 0
      }
      // RunTask (toplevel) carries each task's wall and thread time; the marks say which tasks are the checks'.
      if (!off) await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] })
      const start = loadavg()[0] ?? 0
      const before = await metrics()
      const keystrokes = await typeBursts(page)
      const after = await metrics()
      const end = loadavg()[0] ?? 0
      if (!off) await page.evaluate(floorProbe(await checkWorkerUrl(page.url()), BURSTS))
      const trace = off ? null : await browser.stopTracing()
      if (!((await body.textContent()) ?? '').includes('xin')) throw new Error('bench:checks: the keystrokes did not reach the article')
      const events = trace ? (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents : []
      const found = { ...cyclesOf(events), floor: cyclesOf(events, FLOOR_START, FLOOR_ANSWER).cycles }
      if (off && ((await page.evaluate(`performance.getEntriesByName('${PREPARE_START}').length`)) as number) > 0) throw new Error('bench:checks: checks ran in the checks-off run')
      return { ...found, keystrokes, taskMs: (after - before) * 1000, loadAverage: { start: round(start), end: round(end) } }
    } finally {
      await app.close()
      await shutdownBrowser()
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

export async function measureChecksKeystroke(): Promise<ChecksKeystrokeFigure> {
  const { e2eUnavailableReason } = await import('../../tests/e2e/harness')
  const unavailable = e2eUnavailableReason()
  if (unavailable) return { skipped: unavailable }
  const on = await runPhase(false)
  const off = await runPhase(true)
  if (on.cycles.length === 0) throw new Error('bench:checks: no check cycle found in the trace')
  const wall = on.cycles.map((c) => c.prepare.wall + c.answer.wall)
  const cpu = on.cycles.map((c) => c.prepare.cpu + c.answer.cpu)
  const perKey = (phase: Phase) => round(phase.taskMs / Math.max(1, phase.keystrokes))
  const p95 = percentile(wall, 95)
  const floorWall = on.floor.map((c) => c.prepare.wall + c.answer.wall)
  const floorCpu = on.floor.map((c) => c.prepare.cpu + c.answer.cpu)
  return {
    measures:
      "per check cycle (a keystroke triggers at most one), the checks' two main-thread tasks from a Chrome trace: the debounce timer's (flatten + post) and the answer's (decode, controller, marks, the panel's render and commit); wall and thread-CPU time",
    cycles: on.cycles.length,
    unanswered: on.unanswered,
    keystrokes: on.keystrokes,
    perCycleMs: spread(wall),
    perCycleCpuMs: spread(cpu),
    prepareMs: spread(on.cycles.map((c) => c.prepare.wall)),
    answerMs: spread(on.cycles.map((c) => c.answer.wall)),
    mainThreadPerKeystrokeMs: { checksOn: perKey(on), checksOff: perKey(off) },
    addedMainThreadPerKeystrokeMs: round(perKey(on) - perKey(off)),
    loadAverage: { checksOn: on.loadAverage, checksOff: off.loadAverage },
    floor: { cycles: on.floor.length, perCycleMs: spread(floorWall), perCycleCpuMs: spread(floorCpu) },
    ratioToFloor: { wall: round(p95 / percentile(floorWall, 95)), cpu: round(percentile(cpu, 95) / percentile(floorCpu, 95)) },
    targetP95Ms: TARGET_P95_MS,
    ratio: round(p95 / TARGET_P95_MS),
    cpuRatio: round(percentile(cpu, 95) / TARGET_P95_MS),
    met: p95 <= TARGET_P95_MS
  }
}
