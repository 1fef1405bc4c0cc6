import { join } from 'node:path'
import { handChanges, handPublishCopy, type HandChange, type HandPublishCopy } from '../../../../shared/article/handPublish'
import type { AssetId } from '../../../../shared/article/schema'
import { articleToHtml, type Article } from '../../../../shared/article/toHtml'
import { AppError } from '../../../../shared/errors'
import type { Draft, DraftId } from '../../../../shared/model/draft'
import type { ArticleMetadata } from '../../../../shared/model/metadata'
import type { LivePageReport, ManualTarget } from '../../../../shared/model/publish'
import type { Clock } from '../../clock'
import type { ServiceFs } from '../../fs/serviceFs'
import { acceptedLiveUrl } from '../liveAddress'
import type { PublishRecords } from '../publishRecords'
import { CAPTIONS_FILE, captionsCsv, exportFolderName, photoFileName } from './photoExport'

/*
 * 手动发布 (网站后台（手动）): main prepares what the person pastes, exports the photos, and, once the person pastes
 * the published address, reads that page (only on the target's recorded news site) and checks it against the
 * approved article. The approval gate is asked by the IPC handler before anything is recorded as published.
 */

export type HandPublishDeps = {
  fs: ServiceFs
  clock: Clock
  records: PublishRecords
  drafts: { open(id: DraftId): Promise<Draft> }
  resolveArticle(draft: Draft): Article & { metadata: ArticleMetadata }
  assets: { read(draftId: DraftId, assetId: AssetId): Promise<Uint8Array> }
  /** The live-page check of the publisher, on the record just written. */
  verify(draftId: DraftId, target: ManualTarget): Promise<LivePageReport>
}

export type HandCopyView = {
  copy: HandPublishCopy
  /** 再次发布: what changed since the last hand-publish; null before the first. */
  changes: HandChange[] | null
  lastAddress: string | null
}

/** What the live-page check compares with: the approved article as our serializer writes it, photos as figures. */
const PHOTO_STAND_IN = 'https://newsroom-photo.invalid/photo'

export function createHandPublish(deps: HandPublishDeps) {
  const articleOf = async (draftId: DraftId) => deps.resolveArticle(await deps.drafts.open(draftId))

  return {
    async copy(draftId: DraftId, target: ManualTarget): Promise<HandCopyView> {
      const copy = handPublishCopy(await articleOf(draftId))
      const record = await deps.records.read(draftId, target.id)
      return { copy, changes: record.handCopy === null ? null : handChanges(record.handCopy, copy), lastAddress: record.remoteUrl }
    },

    /** Writes `<parent>/<date title>/图N.jpg` and the captions CSV; `parent` comes from main's own folder dialog. */
    async exportPhotos(draftId: DraftId, parent: string): Promise<{ folder: string; photos: number }> {
      const article = await articleOf(draftId)
      const { photos } = handPublishCopy(article)
      const files = photos.map((photo) => ({ ...photo, file: photoFileName(photo.number, photo.assetId) }))
      const date = (article.metadata.publishAt ?? deps.clock.now().toISOString()).slice(0, 10)
      const longest = Math.max(CAPTIONS_FILE.length, ...files.map((f) => f.file.length))
      const name = exportFolderName(parent, date, article.metadata.title, longest)
      if (name === null) throw new AppError('invalid-request', 'the chosen folder is too deep for Windows path limits; choose a folder nearer the top of the drive')
      let folder = join(parent, name)
      // Never into an existing folder: an earlier export stays as it was.
      for (let n = 2; await deps.fs.stat(folder).then(() => true, () => false); n++) folder = join(parent, `${name} (${String(n)})`)
      await deps.fs.mkdir(folder, { recursive: true })
      for (const photo of files) await deps.fs.writeFile(join(folder, photo.file), await deps.assets.read(draftId, photo.assetId))
      await deps.fs.writeFile(join(folder, CAPTIONS_FILE), captionsCsv(files))
      return { folder, photos: files.length }
    },

    /**
     * The address the person pasted: accepted only on the target's news site, then recorded with the approved
     * article and checked. The caller has passed the approval gate.
     */
    async recordAddress(draftId: DraftId, target: ManualTarget, address: string): Promise<LivePageReport> {
      const url = acceptedLiveUrl(target, address.trim())
      if (url === null) throw new AppError('invalid-request', `the address is not on the news site ${target.baseUrl}; paste the address of the published article there`)
      const article = await articleOf(draftId)
      const copy = handPublishCopy(article)
      const sent = articleToHtml(article, () => PHOTO_STAND_IN)
      const at = deps.clock.now().toISOString()
      await deps.records.update(draftId, target.id, (record) => ({
        ...record,
        remoteArticleId: url,
        remoteUrl: url,
        lastPublishedAt: at,
        lastSent: { title: article.metadata.title, content: sent },
        // Another address is another page: its template is looked at afresh.
        liveBaseline: record.remoteUrl === url ? record.liveBaseline : null,
        handCopy: { fields: copy.fields, text: copy.text }
      }))
      return deps.verify(draftId, target)
    }
  }
}

export type HandPublish = ReturnType<typeof createHandPublish>
