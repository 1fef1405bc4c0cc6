import { join } from 'node:path'
import { articleOf, withShownDate, type ArticleOutputSettings } from '../../../shared/article/articleOf'
import { renderWechatArticle, wechatClipboardData, type WechatClipboardData, type WechatPhoto } from '../../../shared/article/toWechatHtml'
import { measureWechatContent, WECHAT_LIMITS, type WechatContentSize } from '../../../shared/article/wechatLimits'
import type { WechatTemplate } from '../../../shared/article/wechatTemplate'
import { AppError, fsErrorCode } from '../../../shared/errors'
import type { Draft } from '../../../shared/model/draft'
import { systemClock, type Clock } from '../clock'
import type { DraftStore } from '../drafts/draftStore'
import { fileNameFor } from '../export/articleExporter'
import { atomicWriteFile } from '../fs/atomicWrite'
import { nodeServiceFs, type ServiceFs } from '../fs/serviceFs'
import { encodeWechatPhoto } from './wechatPhoto'

/** The folder under the data folder that holds every 复制到公众号's photos: main's own, never a page's choice. */
export const WECHAT_EXPORT_FOLDER = '公众号导出'
export const CAPTIONS_FILE = '图注.txt'

export interface WechatPhotoProblem {
  number: number
  caption: string
  /** `missing`: the stored file could not be read; `too-large`: even the smallest encoding is over the limit. */
  reason: 'missing' | 'unreadable' | 'too-large'
}

export interface WechatCopy {
  clipboard: WechatClipboardData
  /** Holds the numbered photos and the captions list. */
  folder: string
  captionsFile: string
  photos: number
  problems: WechatPhotoProblem[]
  size: WechatContentSize
}

export interface WechatExporterOptions {
  drafts(): DraftStore
  fs?: ServiceFs
  clock?: Clock
  /** Re-encodes one stored photo; sharp's encodeWechatPhoto by default (tests inject failures). */
  encode?: typeof encodeWechatPhoto
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** `2026-11-19 1730` in local time: sorts by date, and a second copy a minute later gets its own folder. */
function stamp(date: Date): string {
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}${pad(date.getMinutes())}`
}

/** The captions list written beside the photos: one line per photo, its file name, then its caption. */
export function captionsList(photos: readonly WechatPhoto[], files: ReadonlyMap<number, string>, noCaption: string): string {
  return `${photos.map((photo) => `【图${String(photo.number)}】${files.get(photo.number) ?? '—'}  ${photo.caption === '' ? noCaption : photo.caption}`).join('\r\n')}\r\n`
}

/**
 * 复制到公众号: the article's 公众号 layout for the clipboard (photos as 【图n】) and its photos re-encoded from the
 * stored assets, numbered in reading order, with the captions list, in a new folder under the data folder.
 */
export function createWechatExporter(options: WechatExporterOptions) {
  const fs = options.fs ?? nodeServiceFs
  const clock = options.clock ?? systemClock
  const encode = options.encode ?? encodeWechatPhoto

  return {
    async copy(draft: Draft, output: ArticleOutputSettings | undefined, template: Partial<WechatTemplate> | undefined, words: { fallbackName: string; noCaption: string }): Promise<WechatCopy> {
      const article = withShownDate(articleOf(draft, output), clock.now())
      const render = renderWechatArticle(article, null, { ...(template ? { template } : {}) })
      const store = options.drafts()
      const folder = join(store.dataDir, WECHAT_EXPORT_FOLDER, `${fileNameFor(draft.title, words.fallbackName)} ${stamp(clock.now())}`)
      const assets = store.assetsFolder(draft.id)
      const files = new Map<number, string>()
      const problems: WechatPhotoProblem[] = []
      try {
        await fs.mkdir(folder, { recursive: true })
        for (const photo of render.photos) {
          let bytes: Buffer
          try {
            bytes = await fs.readFile(join(assets, photo.assetId))
          } catch {
            problems.push({ number: photo.number, caption: photo.caption, reason: 'missing' })
            continue
          }
          let encoded
          try {
            encoded = await encode(bytes)
          } catch {
            problems.push({ number: photo.number, caption: photo.caption, reason: 'unreadable' })
            continue
          }
          const name = `${pad(photo.number)}.${encoded.extension}`
          await atomicWriteFile(fs, join(folder, name), encoded.data)
          files.set(photo.number, name)
          if (encoded.data.length >= WECHAT_LIMITS.photoBytes) problems.push({ number: photo.number, caption: photo.caption, reason: 'too-large' })
        }
        const captionsFile = join(folder, CAPTIONS_FILE)
        // With a BOM, Notepad on older Windows reads it as UTF-8 rather than GBK.
        await atomicWriteFile(fs, captionsFile, `\uFEFF${captionsList(render.photos, files, words.noCaption)}`)
        return {
          clipboard: wechatClipboardData(render),
          folder,
          captionsFile,
          photos: files.size,
          problems,
          size: measureWechatContent(render.html, render.photos.length)
        }
      } catch (error) {
        if (error instanceof AppError) throw error
        throw new AppError(fsErrorCode(error), `cannot write the 公众号 photos to ${folder}: ${(error as Error).message}`, { cause: error })
      }
    }
  }
}

export type WechatExporter = ReturnType<typeof createWechatExporter>
