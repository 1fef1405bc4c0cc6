/// <reference lib="webworker" />
import { runChecks } from '@shared/checks/engine'
import { createCheckService, type CheckRequest } from './checkMessages'

/**
 * 发布前检查 off the renderer's main thread: a 20,000-character article takes tens of milliseconds to check, which
 * typing must never wait for. One request at a time; the page drops answers to requests it has moved past.
 */
const answer = createCheckService(runChecks)
/** Long enough for the page's task to finish; nothing next to the 300 ms pause before a check. */
const YIELD_MS = 2
self.onmessage = (event: MessageEvent<CheckRequest>) => {
  const request = event.data
  // The page's message wakes this thread inside the page's task. On a machine with no core to spare the kernel may
  // run us on the page's core at once and leave that task, a few dozen microseconds from its end, waiting out our
  // whole check (3–5 ms at bench:checks' p95). Sleeping a moment first hands the core back so the task can end.
  setTimeout(() => self.postMessage(answer(request)), YIELD_MS)
}
