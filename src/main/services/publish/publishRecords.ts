import { join } from 'node:path'
import { PublishRecordFileSchema, type PublishRecord, type PublishRecordFile, type PublishTargetId } from '../../../shared/model/publish'
import type { DraftId } from '../../../shared/model/draft'
import { atomicWriteFile } from '../fs/atomicWrite'
import type { ServiceFs } from '../fs/serviceFs'

export const PUBLISH_RECORD_FILE = 'publish.json'

export function emptyRecord(targetId: PublishTargetId): PublishRecord {
  return { targetId, remoteArticleId: null, remoteUrl: null, remoteModifiedAt: null, lastPublishedAt: null, lastSent: null, images: {}, liveBaseline: null, handCopy: null }
}

export type PublishRecords = {
  read(draftId: DraftId, targetId: PublishTargetId): Promise<PublishRecord>
  readAll(draftId: DraftId): Promise<PublishRecordFile>
  /**
   * Changes one target's record and writes the file atomically before resolving. Updates for one draft are
   * applied one after another, so concurrent image uploads never lose each other's ids.
   */
  update(draftId: DraftId, targetId: PublishTargetId, change: (record: PublishRecord) => PublishRecord): Promise<PublishRecord>
}

export function createPublishRecords(options: { draftFolder(id: DraftId): string; fs: ServiceFs }): PublishRecords {
  const { fs } = options
  const queues = new Map<DraftId, Promise<unknown>>()

  async function readAll(draftId: DraftId): Promise<PublishRecordFile> {
    let text: string
    try {
      text = await fs.readFile(join(options.draftFolder(draftId), PUBLISH_RECORD_FILE), 'utf8')
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return { schemaVersion: 1, targets: {} }
      throw error
    }
    // A damaged record is not thrown away silently: publishing stops until someone looks at it.
    return PublishRecordFileSchema.parse(JSON.parse(text))
  }

  return {
    readAll,
    async read(draftId, targetId) {
      return (await readAll(draftId)).targets[targetId] ?? emptyRecord(targetId)
    },
    update(draftId, targetId, change) {
      const previous = queues.get(draftId) ?? Promise.resolve()
      const next = previous.catch(() => undefined).then(async () => {
        const file = await readAll(draftId)
        const record = change(file.targets[targetId] ?? emptyRecord(targetId))
        const updated: PublishRecordFile = { ...file, targets: { ...file.targets, [targetId]: record } }
        await atomicWriteFile(fs, join(options.draftFolder(draftId), PUBLISH_RECORD_FILE), `${JSON.stringify(updated, null, 2)}\n`)
        return record
      })
      queues.set(draftId, next)
      return next
    }
  }
}
