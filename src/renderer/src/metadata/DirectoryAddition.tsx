import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OfficeDirectory } from '@shared/model/directory'
import type { ArticleMetadata } from '@shared/model/metadata'
import { newsroom } from '../newsroom'
import { additionsCount, directoryAdditions, type DirectoryAdditions } from './recentValues'

async function addAll(additions: DirectoryAdditions): Promise<OfficeDirectory | null> {
  const api = newsroom().directory
  let latest: OfficeDirectory | null = null
  for (const person of additions.people) latest = await api.savePerson({ person: { name: person.name, roles: person.roles } })
  for (const name of additions.departments) latest = await api.saveDepartment({ department: { name } })
  for (const name of additions.columns) latest = await api.saveColumn({ column: { name } })
  return latest
}

/** Names typed in this draft that 通讯录 does not know yet, added in one click with the roles they hold here. */
export function DirectoryAddition({ metadata, column }: { metadata: ArticleMetadata; column: string }) {
  const { t } = useTranslation()
  const [directory, setDirectory] = useState<OfficeDirectory | null>(null)
  const [state, setState] = useState<'idle' | 'adding' | 'added' | 'failed'>('idle')

  useEffect(() => {
    let live = true
    newsroom()
      .directory.get({})
      .then((found) => live && setDirectory(found))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [])

  const additions = useMemo(() => (directory === null ? null : directoryAdditions({ ...metadata, column }, directory)), [directory, metadata, column])
  if (additions === null) return null
  const names = [...additions.people.map((p) => p.name), ...additions.departments, ...additions.columns]
  if (additionsCount(additions) === 0) {
    return state === 'added' ? (
      <p className="metadata-note" role="status">
        {t('comfort.metadata.addedToDirectory')}
      </p>
    ) : null
  }

  return (
    <div className="metadata-directory-add">
      <span className="metadata-note">{t('comfort.metadata.notInDirectory', { names: names.join('、') })}</span>
      <button
        type="button"
        className="button button-small"
        disabled={state === 'adding'}
        onClick={() => {
          setState('adding')
          addAll(additions)
            .then((next) => {
              if (next) setDirectory(next)
              setState('added')
            })
            .catch(() => setState('failed'))
        }}
      >
        {t('comfort.metadata.addToDirectory')}
      </button>
      {state === 'failed' && (
        <span className="metadata-missing" role="alert">
          {t('comfort.metadata.addToDirectoryFailed')}
        </span>
      )}
    </div>
  )
}
