/// <reference lib="webworker" />
import { runChecks } from '@shared/checks/engine'
import type { CheckRequest, CheckResponse } from './checkMessages'

/**
 * 发布前检查 off the renderer's main thread: a 20,000-character article takes tens of milliseconds to check, which
 * typing must never wait for. One request at a time; the page drops answers to requests it has moved past.
 */
self.onmessage = (event: MessageEvent<CheckRequest>) => {
  const { id, input } = event.data
  let response: CheckResponse
  try {
    response = { id, ok: true, result: runChecks(input) }
  } catch (error) {
    response = { id, ok: false, message: error instanceof Error ? error.message : String(error) }
  }
  self.postMessage(response)
}
