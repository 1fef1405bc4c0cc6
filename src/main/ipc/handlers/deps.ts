import type { DraftStore } from '../../services/drafts/draftStore'
import type { SettingsService } from '../../services/settings/settingsService'
import type { FlushCoordinator } from '../../services/flush/flushCoordinator'
import type { AssetStore } from '../../services/assets/assetStore'
import type { ArticleExporter } from '../../services/export/articleExporter'
import type { DirectoryService } from '../../services/directory/directoryService'
import type { SigningService } from '../../services/signing/signingService'
import type { PackageService } from '../../services/package/packageService'
import type { ApprovalService } from '../../services/approval/approvalService'
import type { WorkflowService } from '../../services/workflow/workflowService'
import type { PublishService } from '../../services/publish/publishService'
import type { ImageService } from '../../services/images/imageService'
import type { OutboxRunner } from '../../services/publish/outboxRunner'
import type { ServiceFs } from '../../services/fs/serviceFs'
import type { PathGrants } from '../../services/grants/pathGrants'
import type { LibrarySearch } from '../../services/library/librarySearch'
import type { OpenedPackages } from '../../shell/openFile'
import type { DiagnosticsCapability } from '../../services/log/diagnostics'
import type { DesktopConfirm } from '../../services/settings/guardedSettings'
import type { Clock } from '../../services/clock'
import type { WechatExporter } from '../../services/wechat/wechatExporter'

/** What the desktop shell does for the app; Electron's `shell` in main, a recorder in tests. */
export type DesktopShell = {
  openExternal(url: string): Promise<void>
  showInFolder(path: string): void
}

/** System notifications: Electron's Notification in main (when the system has them), a recorder in tests. */
export type DesktopNotifier = {
  show(title: string, body: string): void
}

/** The system clipboard with several formats at once: Electron's `clipboard.write` in main, a recorder in tests. */
export type RichClipboard = {
  write(data: { html?: string; text: string }): void
}

/**
 * The system's file dialogs: Electron's `dialog` in main, scripted answers in the E2E harness. Paths come
 * from here, never from the page.
 */
export type DesktopDialogs = {
  openFiles(options: {
    purpose: 'docx' | 'package' | 'csv' | 'photos' | 'photos-folder' | 'site-folder' | 'data-folder'
    multiple: boolean
    /** Choose folders instead of files (Electron's `openDirectory`). */
    folders?: boolean
    filters: { name: string; extensions: string[] }[]
  }): Promise<string[]>
  saveFile(options: { purpose: 'html' | 'docx' | 'pdf' | 'package' | 'csv'; defaultName: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>
}

/** Everything the handler tables may use; compose.ts builds it once. */
export type HandlerDeps = {
  drafts(): DraftStore
  assets(): AssetStore
  exporter(): ArticleExporter
  directory(): DirectoryService
  /** Signing keys on this desk and the trust in directory keys. */
  signing(): SigningService
  /** Every edit goes through it (sign-off invalidation, audit log, history); export and publish log through it. */
  workflow(): WorkflowService
  packages(): PackageService
  approval(): ApprovalService
  /** Publishing targets, their secrets (by reference), publish jobs and the outbox (docs/publish.md). */
  publishing(): PublishService
  /** The outbox's sender: retries, 立即重试, publish sign-offs recorded after the site took the article. */
  outbox(): OutboxRunner
  /** The photo pipeline, its preview cache under the library folder; `previewUrlBase` + a preview's file name shows it. */
  images(): ImageService
  /** 复制到公众号: the 公众号 layout and its photos folder (docs/wechat.md). */
  wechat(): WechatExporter
  /** Search, filters and sort of the library, answered by the index worker. */
  library(): LibrarySearch
  previewUrlBase: string
  /** The file system for handlers' own writes (photo assets and records); node's own when absent. Tests inject faults here. */
  fs?: ServiceFs
  dialogs: DesktopDialogs
  /** Paths main's dialogs and the preload's drops produced, known to the page only by single-use ids. */
  grants: PathGrants
  /** Main's own yes/no dialog for security-relevant changes (a page cannot click it). */
  confirm: DesktopConfirm
  clock: Clock
  settings: SettingsService
  flush: FlushCoordinator
  shell: DesktopShell
  /** Absent where there is no desktop clipboard: 复制到公众号 then fails with not-found. */
  clipboard?: RichClipboard
  notifier: DesktopNotifier
  appInfo: { version: string; platform: string; assetUrlBase: string }
  /** Paths of .newsroom packages main holds (opened by the operating system, or awaiting a conflict answer), by token. */
  openedPackages: OpenedPackages
  /** The log file and diagnostics; absent in tests that run without a desktop. */
  diagnostics?: DiagnosticsCapability
}

export const ok = { ok: true } as const
