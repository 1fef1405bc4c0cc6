/// <reference lib="webworker" />
import { runChecks } from '@shared/checks/engine'
import { createCheckService, type CheckRequest } from './checkMessages'

/**
 * 发布前检查 off the renderer's main thread: a 20,000-character article takes tens of milliseconds to check, which
 * typing must never wait for. One request at a time; the page drops answers to requests it has moved past.
 */
const answer = createCheckService(runChecks)
self.onmessage = (event: MessageEvent<CheckRequest>) => self.postMessage(answer(event.data))
