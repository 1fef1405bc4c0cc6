import type { NewsroomBridge } from '../../shared/ipc/api'

declare global {
  interface Window {
    /** Installed by the preload (or the E2E harness) before any page script runs; use `newsroom` from ./newsroom. */
    readonly newsroom: NewsroomBridge
  }
}
