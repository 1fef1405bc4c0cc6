/**
 * What the taskbar button (Windows, Linux Unity) and the Dock icon (macOS) show: the progress of long
 * jobs (a photo batch, publishing) and how many articles wait in 待发. Main derives it from the events it
 * already sends the page, so no job needs to know about the taskbar.
 */
export type Job = { done: number; total: number; updatedAt: number }
export type TaskbarState = { jobs: ReadonlyMap<string, Job>; waitingArticles: number }

export const EMPTY_TASKBAR: TaskbarState = { jobs: new Map(), waitingArticles: 0 }

/** A job that has said nothing for this long has ended some way no event told (a failed publish, a crash). */
export const STALE_JOB_MS = 120_000

type JobPayload = { done: number; total: number }
function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null
}

function jobOf(channel: string, payload: unknown): { key: string; progress: JobPayload } | null {
  const p = asRecord(payload)
  if (!p) return null
  if (channel === 'photos:progress' && typeof p['sessionId'] === 'string' && typeof p['finished'] === 'number' && typeof p['total'] === 'number') {
    return { key: `photos:${p['sessionId']}:${String(p['phase'])}`, progress: { done: p['finished'], total: p['total'] } }
  }
  if (channel === 'publish:progress' && typeof p['jobId'] === 'string' && typeof p['done'] === 'number' && typeof p['total'] === 'number') {
    return { key: `publish:${p['jobId']}`, progress: { done: p['done'], total: p['total'] } }
  }
  return null
}

/** Articles, not jobs: one article queued for two sites is one article waiting. */
export function waitingArticles(jobs: readonly { draftId: string }[]): number {
  return new Set(jobs.map((job) => job.draftId)).size
}

/** The next state after an event main sent the page; events that say nothing about jobs change nothing. */
export function observeEvent(state: TaskbarState, channel: string, payload: unknown, now: number): TaskbarState {
  const jobs = new Map([...state.jobs].filter(([, job]) => now - job.updatedAt < STALE_JOB_MS))
  if (channel === 'publish:outboxChanged') {
    const list = asRecord(payload)?.['jobs']
    if (Array.isArray(list)) return { jobs, waitingArticles: waitingArticles(list.filter((j): j is { draftId: string } => typeof asRecord(j)?.['draftId'] === 'string')) }
  }
  const job = jobOf(channel, payload)
  if (job) {
    if (job.progress.total <= 0 || job.progress.done >= job.progress.total) jobs.delete(job.key)
    else jobs.set(job.key, { ...job.progress, updatedAt: now })
  }
  return { jobs, waitingArticles: state.waitingArticles }
}

/** BrowserWindow.setProgressBar's value: -1 removes the bar, 0..1 fills it (all running jobs together). */
export function progressBarValue(state: TaskbarState): number {
  let done = 0
  let total = 0
  for (const job of state.jobs.values()) {
    done += Math.min(job.done, job.total)
    total += job.total
  }
  return total === 0 ? -1 : Math.min(done / total, 1)
}

/** app.setBadgeCount's value (0 clears it); platforms without a badge ignore it. */
export function badgeCount(state: TaskbarState): number {
  return state.waitingArticles
}
