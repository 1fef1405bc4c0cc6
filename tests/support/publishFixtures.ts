import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { nodeServiceFs } from '../../src/main/services/fs/serviceFs'
import { folderOfDraft, readSiteEntries } from '../../src/main/services/publish/localSite/siteIndex'
import type { PublisherDeps } from '../../src/main/services/publish/publisher'
import { contentHashOf } from '../../src/main/services/publish/preparedArticle'
import { DraftSchema, type Draft, type DraftId } from '../../src/shared/model/draft'
import { ArticleMetadataSchema, type ArticleMetadata, type ArticleMetadataInput } from '../../src/shared/model/metadata'

let seedCounter = Math.floor(Math.random() * 2 ** 20)
/** A seed no other photo of this process has (the site keeps photos of earlier runs). */
export function uniqueSeed(): number {
  return ++seedCounter
}

/**
 * A JPEG that differs from every photo with another seed: the seed's 24 bits are drawn as black and white
 * squares (JPEG compression could merge near colours, it does not merge these).
 */
export async function photo(seed: number, width = 480, height = 320): Promise<Buffer> {
  const colour = { r: (seed * 67) % 256, g: (seed * 131) % 256, b: (seed * 29 + 90) % 256 }
  const squares = Array.from({ length: 24 }, (_, bit) => `<rect x="${String(10 + bit * 18)}" y="10" width="16" height="16" fill="${(seed >> bit) & 1 ? '#fff' : '#000'}"/>`).join('')
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .composite([{ input: Buffer.from(`<svg width="${String(width)}" height="${String(height)}">${squares}</svg>`) }])
    .jpeg({ quality: 80 })
    .toBuffer()
}

export const assetIdOf = (bytes: Uint8Array, ext = 'jpg'): string => `sha256-${contentHashOf(bytes)}.${ext}`

const el = { direction: null, format: '', indent: 0, version: 1 }
const textNode = (text: string) => ({ detail: 0, format: 0, mode: 'normal', style: '', text, type: 'text', version: 1 })
export const paragraphNode = (text: string) => ({ ...el, children: [textNode(text)], textFormat: 0, textStyle: '', type: 'paragraph' })
export const imageNode = (assetId: string, caption: string, alt = '', credit = '') => ({ type: 'image', version: 1, assetId, caption, alt, credit, width: 'full', align: 'center' })
export const galleryNode = (...images: { assetId: string; caption: string; alt?: string; credit?: string }[]) => ({
  type: 'gallery',
  version: 1,
  images: images.map((image) => ({ alt: '', credit: '', ...image }))
})

export type FixtureArticle = {
  title: string
  paragraphs: string[]
  photos: { bytes: Buffer; caption: string; alt?: string; credit?: string }[]
  metadata?: ArticleMetadataInput
}

/**
 * Drafts kept in memory, each with a real folder (publish.json goes there) and its pictures on disk: what the
 * publisher needs from the draft store and asset store, nothing more.
 */
export function createFixtureLibrary(root: string, at = '2026-11-20T02:00:00.000Z') {
  const drafts = new Map<DraftId, { draft: Draft; metadata: ArticleMetadata }>()
  const draftFolder = (id: DraftId) => join(root, 'drafts', id)
  const assetsFolder = (id: DraftId) => join(draftFolder(id), 'assets')
  return {
    draftFolder,
    async add(id: DraftId, fixture: FixtureArticle): Promise<{ draft: Draft; assetIds: string[] }> {
      await mkdir(assetsFolder(id), { recursive: true })
      const assetIds: string[] = []
      const blocks: unknown[] = []
      fixture.paragraphs.forEach((text, index) => {
        blocks.push(paragraphNode(text))
        const picture = fixture.photos[index]
        if (picture !== undefined) {
          const assetId = assetIdOf(picture.bytes)
          assetIds.push(assetId)
          blocks.push(imageNode(assetId, picture.caption, picture.alt ?? '', picture.credit ?? ''))
        }
      })
      for (const picture of fixture.photos.slice(fixture.paragraphs.length)) {
        const assetId = assetIdOf(picture.bytes)
        assetIds.push(assetId)
        blocks.push(imageNode(assetId, picture.caption, picture.alt ?? '', picture.credit ?? ''))
      }
      for (const [index, picture] of fixture.photos.entries()) await writeFile(join(assetsFolder(id), assetIds[index] ?? ''), picture.bytes)
      const metadata = ArticleMetadataSchema.parse({ ...fixture.metadata, title: fixture.title })
      const draft = DraftSchema.parse({
        schemaVersion: 1,
        id,
        title: fixture.title,
        column: metadata.column,
        status: 'draft',
        body: { root: { ...el, type: 'root', children: blocks } },
        metadata,
        createdAt: at,
        updatedAt: at,
        revision: 1
      })
      drafts.set(id, { draft, metadata })
      return { draft, assetIds }
    },
    /** Replaces a draft's body and metadata (a later edit). */
    update(id: DraftId, change: (draft: Draft) => Draft): void {
      const entry = drafts.get(id)
      if (entry === undefined) throw new Error(`no draft ${id}`)
      const draft = change(entry.draft)
      drafts.set(id, { draft, metadata: draft.metadata })
    },
    deps(): Pick<PublisherDeps, 'drafts' | 'assets' | 'resolveArticle'> {
      return {
        drafts: {
          open: (id) => {
            const entry = drafts.get(id)
            return entry === undefined ? Promise.reject(new Error(`no draft ${id}`)) : Promise.resolve(entry.draft)
          },
          draftFolder
        },
        assets: { read: (id, assetId) => readFile(join(assetsFolder(id), assetId)) },
        resolveArticle: (draft) => ({ body: draft.body, metadata: { ...draft.metadata, title: draft.title, column: draft.column } })
      }
    }
  }
}

export const campusArticle = {
  title: '学校召开“双高计划”建设推进会',
  paragraphs: [
    '11月20日下午，学校在行政楼第一会议室召开“双高计划”建设推进会，校领导班子成员及各建设任务负责人参加会议。',
    '会上，各项目组依次汇报了本年度建设任务的完成情况、标志性成果和存在的问题。',
    '校长在总结讲话中强调，要对照任务书逐项查漏补缺，确保按期高质量完成建设目标。'
  ],
  captions: ['推进会会议现场', '项目组负责人汇报建设进展', '与会人员合影留念'],
  metadata: {
    column: '校园动态',
    sourceDepartment: '双高办',
    authors: ['张三'],
    photographers: ['赵六'],
    proofreader: '李四',
    reviewer: '王五',
    summary: '学校召开“双高计划”建设推进会，部署下一阶段重点任务。',
    tags: ['双高计划']
  } satisfies ArticleMetadataInput
}

/** The page a draft was published to on a local site (its folder is named by date and title). */
export async function localSitePage(siteFolder: string, draftId: DraftId): Promise<string> {
  const folder = folderOfDraft(await readSiteEntries(nodeServiceFs, siteFolder), draftId)
  if (folder === null) throw new Error(`${draftId} is not on the site in ${siteFolder}`)
  return join(siteFolder, folder, 'index.html')
}
