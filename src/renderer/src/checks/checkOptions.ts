import type { ChineseScript } from '@shared/article/creditLine'
import { useEffect, useMemo, useState } from 'react'
import type { CheckOptions } from '@shared/checks/types'
import { checkOptionsOf } from '@shared/checks/input'
import type { OfficeDirectory } from '@shared/model/directory'
import type { CheckSettings } from '@shared/checks/settings'
import { newsroom } from '../newsroom'

/** The options for the open draft, built as main's gate builds them; null until the directory has been read (or failed to be: then without people). */
export function useCheckOptions(checks: CheckSettings, publishAt: string | null, creditScript: ChineseScript): CheckOptions | null {
  const [directory, setDirectory] = useState<OfficeDirectory | null | undefined>(undefined)
  useEffect(() => {
    let live = true
    newsroom()
      .directory.get({})
      .then(
        (loaded) => live && setDirectory(loaded),
        () => live && setDirectory(null)
      )
    return () => {
      live = false
    }
  }, [])
  return useMemo(() => (directory === undefined ? null : checkOptionsOf(directory, checks, publishAt, creditScript)), [directory, checks, publishAt, creditScript])
}
