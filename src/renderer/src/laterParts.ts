import { useEffect, useState } from 'react'
// Types only (erased): the modules themselves load with import() below.
import type { DraftEditor } from './editor/DraftEditor'
import type { WorkflowBar } from './workflow/WorkflowBar'
import type { SettingsDialog } from './settings/SettingsDialog'

/**
 * What the library's first screen does not draw, loaded once it has been drawn: the editor (Lexical and its
 * plugins, 稿件信息, the checks, opencc-js's dictionaries), the workflow bar and the settings dialog. The start's
 * first scripts then hold only what the list needs, so they load and compile in a fraction of the time.
 * `loadLaterParts` starts the load: after the first screen is drawn (the newest draft opens a moment later), or at
 * once when a draft or the settings are opened before then. Until the parts are in, the page says 正在打开.
 *
 * Plain components once loaded, not React.lazy: a Suspense boundary around the editor changed how the
 * browser's drag and drop of a photo inside it behaved (tests/e2e/images.test.ts saw drops lost).
 */
export type LaterParts = {
  DraftEditor: typeof DraftEditor
  WorkflowBar: typeof WorkflowBar
  SettingsDialog: typeof SettingsDialog
}

let parts: LaterParts | null = null
let requestLoad: () => void = () => undefined
const requested = new Promise<void>((resolve) => (requestLoad = resolve))
const loaded: Promise<LaterParts> = requested
  .then(() => Promise.all([import('./editor/DraftEditor'), import('./workflow/WorkflowBar'), import('./settings/SettingsDialog')]))
  .then(([editor, workflow, settings]) => {
    parts = { DraftEditor: editor.DraftEditor, WorkflowBar: workflow.WorkflowBar, SettingsDialog: settings.SettingsDialog }
    return parts
  })
loaded.catch(() => undefined)

/** Starts loading the later parts (once); resolves with them. */
export function loadLaterParts(): Promise<LaterParts> {
  requestLoad()
  return loaded
}

/** The later parts once loaded, null until then; does not start the load. */
export function useLaterParts(): LaterParts | null {
  const [current, setCurrent] = useState<LaterParts | null>(parts)
  useEffect(() => {
    if (current) return
    let live = true
    loaded.then(
      (done) => {
        if (live) setCurrent(done)
      },
      () => undefined
    )
    return () => {
      live = false
    }
  }, [current])
  return current
}
