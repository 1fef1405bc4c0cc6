import { createDraftStore, type DraftStore } from '../../../src/main/services/drafts/draftStore'
import type { ServiceFs } from '../../../src/main/services/fs/serviceFs'
import { createWorkflowService, type WorkflowService, type WorkflowSettings } from '../../../src/main/services/workflow/workflowService'
import type { Clock } from '../../../src/main/services/clock'
import type { ArticleBody } from '../../../src/shared/model/draft'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import { sequentialIds } from '../../support/draftFixtures'

/** A clock that stands still until the test moves it, so "10 minutes later" is exact. */
export function manualClock(startIso = '2026-11-02T08:00:00.000Z'): Clock & { advance(ms: number): void; minutes(n: number): void } {
  let t = Date.parse(startIso)
  return {
    now: () => new Date(t),
    advance(ms) {
      t += ms
    },
    minutes(n) {
      t += n * 60_000
    }
  }
}

export type Office = {
  store: DraftStore
  workflow: WorkflowService
  clock: ReturnType<typeof manualClock>
  settings: WorkflowSettings
  backgroundErrors: unknown[]
  /** A new store and workflow over the same folder, as after a restart. */
  restart(): Office
}

export function openOffice(dataDir: string, options: { fs?: ServiceFs; settings?: Partial<WorkflowSettings>; clock?: ReturnType<typeof manualClock> } = {}): Office {
  const clock = options.clock ?? manualClock()
  const settings: WorkflowSettings = {
    userName: '张编辑',
    requireApproval: DEFAULT_SETTINGS.requireApproval,
    historyIntervalMinutes: DEFAULT_SETTINGS.historyIntervalMinutes,
    creditTemplate: DEFAULT_SETTINGS.creditTemplate,
    creditScript: DEFAULT_SETTINGS.creditScript,
    chain: DEFAULT_SETTINGS.chain,
    requireSignatures: DEFAULT_SETTINGS.requireSignatures,
    ...options.settings
  }
  const store = createDraftStore({ dataDir, clock, newId: sequentialIds(), ...(options.fs ? { fs: options.fs } : {}) })
  const backgroundErrors: unknown[] = []
  const workflow = createWorkflowService({
    drafts: () => store,
    settings: () => settings,
    clock,
    ...(options.fs ? { fs: options.fs } : {}),
    onBackgroundError: (error) => backgroundErrors.push(error)
  })
  return {
    store,
    workflow,
    clock,
    settings,
    backgroundErrors,
    restart: () => {
      const next = openOffice(dataDir, { ...options, settings, clock })
      return next
    }
  }
}

/** A body with one paragraph per text, in the shape Lexical exports. */
export function article(...texts: string[]): ArticleBody {
  return {
    root: {
      type: 'root',
      children: texts.map((text) => ({
        type: 'paragraph',
        version: 1,
        direction: 'ltr',
        format: '',
        indent: 0,
        children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }]
      }))
    }
  }
}
