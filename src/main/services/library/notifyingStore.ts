import type { DraftStore } from '../drafts/draftStore'

/**
 * The draft store, telling `changed` which draft it just wrote, created, moved to or from the trash, so the
 * library index follows every save. The note is posted after the write and never awaited.
 */
/** `refresh` after a list of the active drafts: imports and edits made outside the app show up in the search too. */
export function notifyingStore(store: DraftStore, changed: (id: string) => void, refresh: () => void): DraftStore {
  const after =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>, idOf: (args: A, result: R) => string) =>
    async (...args: A): Promise<R> => {
      const result = await run(...args)
      changed(idOf(args, result))
      return result
    }
  return {
    ...store,
    dataDir: store.dataDir,
    list: async (scope, options) => {
      const list = await store.list(scope, options)
      // Not after the stored first screen of a start: the whole list follows it at once and refreshes then.
      if (scope === 'active' && !options?.stored) refresh()
      return list
    },
    create: after(store.create.bind(store), (_args, draft) => draft.id),
    save: after(store.save.bind(store), ([id]) => id),
    rename: after(store.rename.bind(store), ([id]) => id),
    duplicate: after(store.duplicate.bind(store), (_args, summary) => summary.id),
    trash: after(store.trash.bind(store), ([id]) => id),
    restore: after(store.restore.bind(store), ([id]) => id),
    transact: after(store.transact.bind(store), ([id]) => id) as DraftStore['transact']
  }
}
