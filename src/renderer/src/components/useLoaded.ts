import { useEffect, useState } from 'react'
import type { AppErrorCode } from '@shared/errors'
import { errorCodeOf, errorDetailOf } from '../drafts/errorText'

export type Loaded<T> = { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; code: AppErrorCode; detail: string }

/**
 * Loads something for a view and follows its progress. An answer that arrives after the view has moved on
 * (closed, or `key` changed) is dropped, so a slow answer never overwrites a newer one.
 */
export function useLoaded<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [loaded, setLoaded] = useState<{ key: string; state: Loaded<T> }>({ key, state: { kind: 'loading' } })
  useEffect(() => {
    let live = true
    load()
      .then((value) => live && setLoaded({ key, state: { kind: 'ready', value } }))
      .catch((error: unknown) => live && setLoaded({ key, state: { kind: 'failed', code: errorCodeOf(error), detail: errorDetailOf(error) } }))
    return () => {
      live = false
    }
    // `load` is a fresh closure on every render; `key` says when it asks for something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  return loaded.key === key ? loaded.state : { kind: 'loading' }
}
