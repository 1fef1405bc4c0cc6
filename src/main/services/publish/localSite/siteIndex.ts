import { join } from 'node:path'
import { z } from 'zod'
import { escapeHtml } from '../../../../shared/article/toHtml'
import { articlePageHtml } from '../../export/articlePage'
import { atomicWriteFile } from '../../fs/atomicWrite'
import type { ServiceFs } from '../../fs/serviceFs'
import { articleFolderName, hrefSegment, photoFileName, siteDate } from './siteNames'
import { assertReplaceable } from '../siteFolderGuard'

/** What the home page lists of one article, read back from the article.json its folder holds. */
export type SiteIndexEntry = {
  draftId: string
  /** The article's folder name inside the site folder. */
  folder: string
  title: string
  column: string
  /** The publication time the article gives, else when it was last published. */
  date: string
}

export const SITE_INDEX_FILE = 'index.html'
export const ARTICLE_JSON = 'article.json'

const ArticleJsonSchema = z.object({
  draftId: z.string(),
  publishedAt: z.string(),
  metadata: z.object({ title: z.string(), column: z.string().default(''), publishAt: z.string().nullable().default(null) }).passthrough()
})

export type SiteWords = { home: string; back: string; untitled: string }

export const SITE_WORDS: Readonly<Record<'zh-CN' | 'en', SiteWords>> = {
  'zh-CN': { home: '本地网站', back: '返回首页', untitled: '（无标题）' },
  en: { home: 'Local site', back: 'Back to the home page', untitled: '(untitled)' }
}

/**
 * Every article on the site, newest first. The folders themselves are the record: a folder removed by hand
 * or withdrawn drops out of the index the next time it is written, and one unreadable article.json hides that
 * article only.
 */
export async function readSiteEntries(fs: ServiceFs, siteFolder: string): Promise<SiteIndexEntry[]> {
  const names = await fs.readdir(siteFolder, { withFileTypes: true }).catch(() => [])
  const entries: SiteIndexEntry[] = []
  for (const dirent of names) {
    // Half-built (.new-) and retired (.old-) copies sit beside the live folder during a swap.
    if (!dirent.isDirectory() || /\.(new|old)-/.test(dirent.name) || dirent.name.startsWith('.')) continue
    const text = await fs.readFile(join(siteFolder, dirent.name, ARTICLE_JSON), 'utf8').catch(() => null)
    if (text === null) continue
    let parsed
    try {
      parsed = ArticleJsonSchema.safeParse(JSON.parse(text))
    } catch {
      continue
    }
    if (!parsed.success) continue
    const { draftId, publishedAt, metadata } = parsed.data
    entries.push({ draftId, folder: dirent.name, title: metadata.title, column: metadata.column, date: metadata.publishAt ?? publishedAt })
  }
  return entries.sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || a.title.localeCompare(b.title, 'zh-CN'))
}

/** The folder an article was published into before, so a re-publish keeps its address. */
export function folderOfDraft(entries: readonly SiteIndexEntry[], draftId: string): string | null {
  return entries.find((entry) => entry.draftId === draftId)?.folder ?? null
}

/** The home page: title, column and date of each article, newest first, in the site's own style. */
export function siteIndexHtml(entries: readonly SiteIndexEntry[], options: { siteName: string; css: string; words?: SiteWords }): string {
  const words = options.words ?? SITE_WORDS['zh-CN']
  const items = entries.map((entry) => {
    const column = entry.column.trim() === '' ? '' : `<span class="site-index-column">${escapeHtml(entry.column)}</span> `
    const title = entry.title.trim() === '' ? words.untitled : entry.title
    return `<li>${column}<a href="${hrefSegment(entry.folder)}/${SITE_INDEX_FILE}">${escapeHtml(title)}</a> <time datetime="${escapeHtml(entry.date)}">${siteDate(entry.date)}</time></li>`
  })
  const list = items.length === 0 ? '' : `<ul class="site-index">\n${items.join('\n')}\n</ul>`
  return articlePageHtml({
    articleHtml: `<header><h1>${escapeHtml(options.siteName)}</h1></header>\n${list}`,
    title: options.siteName,
    css: `${options.css}\n${SITE_CSS}`,
    hasCreditLine: false
  })
}

// The site style has no list of articles; these few rules lay one out with its own colours.
export const SITE_CSS = `.site-index { list-style: none; padding: 0; }
.site-index li { display: flex; gap: 0.75em; align-items: baseline; padding: 0.5em 0; border-bottom: 1px solid #e5e5e5; }
.site-index li a { flex: 1; }
.site-index-column { color: #888; white-space: nowrap; }
.site-index time { color: #888; white-space: nowrap; font-variant-numeric: tabular-nums; }
.site-back { margin: 0 0 1em; font-size: 0.9em; }`

/** Writes the home page from the folders as they are now. */
export async function writeSiteIndex(fs: ServiceFs, siteFolder: string, options: { siteName: string; css: string; words?: SiteWords }): Promise<SiteIndexEntry[]> {
  const entries = await readSiteEntries(fs, siteFolder)
  await atomicWriteFile(fs, join(siteFolder, SITE_INDEX_FILE), siteIndexHtml(entries, options))
  return entries
}

/** The link from an article back to the home page, placed above it. */
export function backLinkHtml(words: SiteWords = SITE_WORDS['zh-CN']): string {
  return `<nav class="site-back"><a href="../${SITE_INDEX_FILE}">← ${escapeHtml(words.back)}</a></nav>`
}

/** Where an article goes on the site and what its photos are called there. */
export type SitePlacement = { folder: string; photoNames: Map<string, string> }

/**
 * A re-published article keeps the folder it had (links to it keep working, even one named by draft id before
 * names were readable); a new one gets date and title, next to no existing name.
 */
export async function placeArticle(
  fs: ServiceFs,
  siteFolder: string,
  article: { draftId: string; title: string; publishAt: string | null; photos: readonly { assetId: string; caption: string }[] },
  now: Date
): Promise<SitePlacement> {
  const existing = folderOfDraft(await readSiteEntries(fs, siteFolder), article.draftId)
  const taken = new Set((await fs.readdir(siteFolder).catch(() => [] as string[])).map(String))
  taken.add(SITE_INDEX_FILE)
  const folder = existing ?? articleFolderName(article.title, article.publishAt ?? now.toISOString(), taken)
  const photoNames = new Map<string, string>()
  for (const photo of article.photos) {
    if (photoNames.has(photo.assetId)) continue
    photoNames.set(photo.assetId, photoFileName(photoNames.size + 1, photo.caption, photo.assetId.slice(photo.assetId.lastIndexOf('.') + 1)))
  }
  return { folder, photoNames }
}

/**
 * Takes an article off the site and writes the home page without it. Removes only a folder whose article.json
 * names the draft.
 */
export async function withdrawFromSite(fs: ServiceFs, siteFolder: string, draftId: string, options: { siteName: string; css: string; words?: SiteWords }): Promise<boolean> {
  const folder = folderOfDraft(await readSiteEntries(fs, siteFolder), draftId)
  if (folder !== null) {
    // Only a folder carrying the app's marker (or an article folder from before markers) is ever deleted.
    await assertReplaceable(fs, join(siteFolder, folder), draftId)
    await fs.rm(join(siteFolder, folder), { recursive: true, force: true })
  }
  await writeSiteIndex(fs, siteFolder, options)
  return folder !== null
}
