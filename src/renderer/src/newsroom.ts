// Relative, not @shared: unit tests import this through library/earlyStart.ts.
import { createNewsroomApi, type NewsroomApi, type NewsroomBridge } from '../../shared/ipc/api'

let api: NewsroomApi | null = null

/** The typed API over the preload's bridge: answers parsed, failures thrown as NewsroomError with a code. */
export function newsroom(): NewsroomApi {
  api ??= createNewsroomApi((globalThis as unknown as { newsroom: NewsroomBridge }).newsroom)
  return api
}
