import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { LexicalEditor } from 'lexical'
import type { CheckOptions } from '@shared/checks/types'
import type { ArticleFields } from './articleSegments'
import { createCheckRunner } from './checkClient'
import { CheckController, type CheckSnapshot } from './checkController'
import { findingSummary } from './findingText'
import type { FixableField } from './findingActions'
import { newsroom } from '../newsroom'

export type { FixableField }

export type ChecksApi = {
  controller: CheckController
  editorRef: RefObject<LexicalEditor | null>
  fixField(field: FixableField, text: string): void
}

const ChecksContext = createContext<ChecksApi | null>(null)

type Props = {
  draftId: string
  fields: ArticleFields
  /** Null until the office's settings and directory are read: nothing is checked against half a setup. */
  options: CheckOptions | null
  editorRef: RefObject<LexicalEditor | null>
  onFixField(field: FixableField, text: string): void
  children: ReactNode
}

/** One draft's checks, shared by the editor's marks, the 检查 panel and the sign-off dialogs. */
export function ChecksProvider({ draftId, fields, options, editorRef, onFixField, children }: Props) {
  const [controller] = useState(() => new CheckController(createCheckRunner(), draftId, safeLocalStorage()))
  useEffect(() => () => controller.dispose(), [controller])
  useEffect(() => controller.setFields(fields), [controller, fields])
  useEffect(() => controller.setOptions(options), [controller, options])
  const { t } = useTranslation()
  useEffect(() => {
    let live = true
    // What the round's earlier signers let through, so the next signer sees it beside the finding.
    newsroom()
      .workflow.get({ draftId })
      .then(
        (state) => live && controller.setInherited(state.signOffs.filter((s) => s.valid).flatMap((s) => s.waivers), (finding, segments) => findingSummary(finding, segments, t)),
        () => undefined
      )
    return () => {
      live = false
    }
  }, [controller, draftId, t])
  const [api, setApi] = useState<ChecksApi>({ controller, editorRef, fixField: onFixField })
  if (api.fixField !== onFixField || api.editorRef !== editorRef) setApi({ controller, editorRef, fixField: onFixField })
  return <ChecksContext.Provider value={api}>{children}</ChecksContext.Provider>
}

export function useChecks(): ChecksApi | null {
  return useContext(ChecksContext)
}

export function useCheckController(): CheckController | null {
  return useContext(ChecksContext)?.controller ?? null
}

/** The latest check of the open draft; null outside an editor (a draft that could not be read). */
export function useCheckSnapshot(): CheckSnapshot | null {
  const controller = useCheckController()
  return useSyncExternalStore(controller?.subscribe ?? noSubscribe, controller?.getSnapshot ?? noSnapshot)
}

const noSubscribe = () => () => undefined
const noSnapshot = () => null

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}
