import { createNewsroomApi, type NewsroomApi } from '@shared/ipc/api'

let api: NewsroomApi | null = null

/** The typed API over the preload's bridge: answers parsed, failures thrown as NewsroomError with a code. */
export function newsroom(): NewsroomApi {
  api ??= createNewsroomApi(window.newsroom)
  return api
}
