import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { formatCreditLine } from '../../../shared/article/creditLine'
import { articleToHtml } from '../../../shared/article/toHtml'
import { withShownDate } from '../../../shared/article/articleOf'
import type { ConnectionReport, LocalSiteTarget } from '../../../shared/model/publish'
import { articlePageHtml } from '../export/articlePage'
import { atomicWriteFile, syncFolder } from '../fs/atomicWrite'
import type { ServiceFs } from '../fs/serviceFs'
import type { AdapterOutcome, PublishAdapter } from './adapter'
import { PublishError } from './publishError'
import { backLinkHtml, placeArticle, SITE_CSS, writeSiteIndex } from './localSite/siteIndex'
import { hrefSegment } from './localSite/siteNames'
import { photosOf } from './preparedArticle'
import { assertReplaceable, assertSiteFolder, SITE_MARKER_FILE, siteMarker } from './siteFolderGuard'

export const LOCAL_IMAGES_FOLDER = 'images'

function localError(error: unknown, step: string): PublishError {
  if (error instanceof PublishError) return error
  return new PublishError('local-write', `cannot write the site folder: ${(error as Error).message}`, { step, cause: error })
}

/**
 * The embedded default target: `<folder>/<date-title>/` holds index.html in the site style, the pictures in
 * images/ and article.json; `<folder>/index.html` lists the articles (see localSite/siteIndex). The new version is written beside the old one and swapped in by renames, so a
 * re-publish replaces the page whole and a cut leaves the old page or the new one.
 */
export function createLocalSiteAdapter(options: { fs: ServiceFs; siteCss(): Promise<string>; dataDir?: () => string }): PublishAdapter<LocalSiteTarget> {
  const { fs } = options
  return {
    async publish(context, article): Promise<AdapterOutcome> {
      const { target, clock } = context
      const metadata = article.article.metadata
      // Before anything is read or written: never a folder inside the library (see siteFolderGuard).
      assertSiteFolder(target.folder, options.dataDir?.() ?? null)
      const placement = await placeArticle(fs, target.folder, { draftId: article.draftId, title: metadata.title, publishAt: metadata.publishAt, photos: photosOf(article.article.body) }, clock.now())
      const final = join(target.folder, placement.folder)
      const stamp = `${String(clock.now().getTime())}-${randomBytes(4).toString('hex')}`
      const building = `${final}.new-${stamp}`
      const retired = `${final}.old-${stamp}`
      const fileNames = placement.photoNames
      const fileOf = (assetId: string) => fileNames.get(assetId) ?? assetId
      // A folder the app did not make is never replaced.
      await assertReplaceable(fs, final, article.draftId)
      try {
        context.progress('upload-images', 0, article.images.length)
        await fs.mkdir(join(building, LOCAL_IMAGES_FOLDER), { recursive: true })
        let done = 0
        for (const image of article.images) {
          await atomicWriteFile(fs, join(building, LOCAL_IMAGES_FOLDER, fileOf(image.assetId)), image.bytes)
          context.progress('upload-images', ++done, article.images.length)
        }
        context.progress('create-article', 0, 1)
        // articleToHtml takes absolute image addresses only; the placeholder becomes the relative folder.
        const placeholder = 'https://newsroom-local.invalid/'
        const html = articleToHtml(withShownDate(article.article, clock.now()), (assetId) => (fileNames.has(assetId) ? `${placeholder}${hrefSegment(fileOf(assetId))}` : null), {
          header: true,
          imageProtocols: ['https:']
        }).replaceAll(`src="${placeholder}`, `src="${LOCAL_IMAGES_FOLDER}/`)
        const css = await options.siteCss()
        const page = articlePageHtml({
          articleHtml: html,
          title: metadata.title,
          css: `${css}\n${SITE_CSS}`,
          hasCreditLine: formatCreditLine(metadata, article.article.creditLine) !== '',
          beforeArticle: backLinkHtml()
        })
        const publishedAt = clock.now().toISOString()
        const json = {
          draftId: article.draftId,
          publishedAt,
          metadata,
          html,
          images: article.images.map((image) => ({ file: `${LOCAL_IMAGES_FOLDER}/${fileOf(image.assetId)}`, caption: image.caption, alt: image.alt, credit: image.credit, contentHash: image.contentHash }))
        }
        await atomicWriteFile(fs, join(building, 'article.json'), `${JSON.stringify(json, null, 2)}\n`)
        await atomicWriteFile(fs, join(building, 'index.html'), page)
        await atomicWriteFile(fs, join(building, SITE_MARKER_FILE), siteMarker(article.draftId))
        const hadPage = await fs.stat(final).then(
          () => true,
          () => false
        )
        if (hadPage) await fs.rename(final, retired)
        await fs.rename(building, final)
        await syncFolder(fs, target.folder)
        if (hadPage) await fs.rm(retired, { recursive: true, force: true })
        await writeSiteIndex(fs, target.folder, { siteName: target.name, css })
        const url = pathToFileURL(join(final, 'index.html')).href
        await context.saveRecord((r) => ({
          ...r,
          remoteArticleId: article.draftId,
          remoteUrl: url,
          remoteModifiedAt: publishedAt,
          lastPublishedAt: publishedAt,
          lastSent: { title: metadata.title, content: html },
          images: Object.fromEntries(article.images.map((image) => [image.assetId, { remoteId: image.assetId, remoteUrl: `${LOCAL_IMAGES_FOLDER}/${fileOf(image.assetId)}`, contentHash: image.contentHash }]))
        }))
        context.progress('create-article', 1, 1)
        return { remoteArticleId: article.draftId, remoteUrl: url, status: 'local', imagesUploaded: article.images.length, imagesReused: 0, created: !hadPage }
      } catch (error) {
        await fs.rm(building, { recursive: true, force: true }).catch(() => undefined)
        throw localError(error, 'create-article')
      }
    },
    async testConnection({ target }): Promise<ConnectionReport> {
      try {
        assertSiteFolder(target.folder, options.dataDir?.() ?? null)
        await fs.mkdir(target.folder, { recursive: true })
        const probe = join(target.folder, `.newsroom-probe-${randomBytes(4).toString('hex')}`)
        await fs.writeFile(probe, 'ok')
        await fs.rm(probe, { force: true })
        return { reachable: true, authenticated: true, canPublish: true, columns: [], detail: target.folder, error: null }
      } catch (error) {
        return { reachable: false, authenticated: false, canPublish: false, columns: [], detail: target.folder, error: localError(error, 'connect').toInfo() }
      }
    }
  }
}
