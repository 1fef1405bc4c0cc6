import { useEffect, useMemo, useRef, useState } from 'react'
import type { LibraryChoices, LibraryHit, LibraryResult, LibraryView } from '@shared/library/query'
import type { DraftSummary } from '@shared/model/draft'
import { newsroom as api } from '../newsroom'
import { isPlainView } from './libraryView'

export type LibraryRows = {
  rows: DraftSummary[]
  hits: ReadonlyMap<string, LibraryHit>
  choices: LibraryChoices
  /** False while main's index is still being built (the plain list shows meanwhile). */
  ready: boolean
  noUserName: boolean
  failed: boolean
}

const NO_CHOICES: LibraryChoices = { columns: [], departments: [], people: [] }
const RETRY_MS = 400

/**
 * The drafts the library shows for a search, filters and sort. The plain view (newest edit first) is main's
 * list as it is; anything else asks the index, and only the newest answer is used. Nothing is asked before the
 * list is `loaded`: the index's answer (every id, every name for the filters) would cross beside the first screen.
 */
export function useLibraryQuery(view: LibraryView, drafts: DraftSummary[], loaded: boolean): LibraryRows {
  // With the view it answers: until the answer to a new view is in, the rows and the count stay those of the last
  // one answered (the plain list's answer, read against a filter just chosen, said 找到 302 篇 of every draft).
  const [answered, setAnswered] = useState<{ result: LibraryResult; view: LibraryView } | null>(null)
  const [failed, setFailed] = useState(false)
  // The filters' values come only when they change (every name in years of drafts, too many for each keystroke):
  // each question says which ones the page has.
  const [choices, setChoices] = useState<LibraryChoices>(NO_CHOICES)
  const knownChoices = useRef<number | undefined>(undefined)
  const [retry, setRetry] = useState(0)
  const latest = useRef(0)
  const plain = isPlainView(view)

  useEffect(() => {
    if (!loaded) return
    const seq = ++latest.current
    let timer: ReturnType<typeof setTimeout> | undefined
    const known = knownChoices.current
    api()
      .library.query({ view, ...(known === undefined ? {} : { knownChoices: known }) })
      .then((answer) => {
        if (seq !== latest.current) return
        if (answer.choices) {
          knownChoices.current = answer.choicesRevision
          setChoices(answer.choices)
        } else if (answer.choicesRevision !== knownChoices.current) {
          // Left out as known, yet not the ones kept here: ask again for them.
          knownChoices.current = undefined
          setRetry((n) => n + 1)
        }
        setAnswered({ result: answer, view })
        setFailed(false)
        if (!answer.ready) timer = setTimeout(() => setRetry((n) => n + 1), RETRY_MS)
      })
      .catch(() => {
        if (seq === latest.current) setFailed(true)
      })
    return () => clearTimeout(timer)
    // drafts: a save or a new draft changes what matches.
  }, [view, drafts, retry, loaded])

  return useMemo(() => {
    const byId = new Map(drafts.map((draft) => [draft.id, draft]))
    const result = answered?.result ?? null
    const usable = answered !== null && answered.result.ready && !plain && !isPlainView(answered.view) && !failed
    const rows = usable ? answered.result.ids.flatMap((id) => byId.get(id) ?? []) : drafts
    return {
      rows,
      hits: new Map(usable ? answered.result.hits.map((hit) => [hit.id, hit]) : []),
      choices,
      ready: result?.ready ?? false,
      noUserName: result?.noUserName ?? false,
      failed
    }
  }, [drafts, answered, plain, failed, choices])
}
