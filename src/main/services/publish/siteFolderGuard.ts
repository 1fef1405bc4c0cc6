import { isAbsolute, join, resolve } from 'node:path'
import type { ServiceFs } from '../fs/serviceFs'
import { PublishError } from './publishError'
import { isInsideFolder } from '../fs/insideFolder'

/**
 * The file the app leaves in every article folder it writes in a local site. The app replaces or deletes a
 * folder there only when it carries this file: a folder of the person's own (or the library's drafts/, if the
 * site folder were ever pointed there) is never touched, whatever its name.
 */
export const SITE_MARKER_FILE = '.campus-newsroom-article'
/** Where the built-in local site lives in the library; the only place inside the data folder a site may be. */
export const DEFAULT_SITE_FOLDER = 'site'

/**
 * Why a local site folder cannot be used, or null. Not inside the data folder (drafts, trash, history live
 * there), apart from the app's own `<data folder>/site`; absolute, so it cannot drift with the working folder.
 */
export function siteFolderProblem(folder: string, dataDir: string): string | null {
  if (!isAbsolute(folder) || folder.includes('\0')) return 'the site folder must be a full path chosen in the folder dialog'
  if (resolve(folder) === resolve(join(dataDir, DEFAULT_SITE_FOLDER))) return null
  if (isInsideFolder(dataDir, folder)) return `the site folder ${folder} is inside the data folder ${dataDir}; choose a folder outside it`
  return null
}

export function assertSiteFolder(folder: string, dataDir: string | null): void {
  const problem = dataDir === null ? null : siteFolderProblem(folder, dataDir)
  if (problem !== null) throw new PublishError('local-not-ours', problem, { step: 'prepare' })
}

/** The marker's content: which article the folder holds, for a person who finds it. */
export function siteMarker(draftId: string): string {
  return `${JSON.stringify({ app: 'campus-newsroom', draftId })}\n`
}

/** Pages published before markers existed: article.json naming this very draft, and nothing but our files. */
async function isLegacyArticleFolder(fs: ServiceFs, folder: string, draftId: string): Promise<boolean> {
  try {
    const names = await fs.readdir(folder)
    if (!names.every((name) => name === 'index.html' || name === 'article.json' || name === 'images')) return false
    const json = JSON.parse(await fs.readFile(join(folder, 'article.json'), 'utf8')) as { draftId?: unknown }
    return json.draftId === draftId
  } catch {
    return false
  }
}

/**
 * Refuses to replace `folder` unless the app wrote it: it is absent, or carries the marker (or is an article
 * folder from before markers). Anything else there is the person's and stays exactly as it is.
 */
export async function assertReplaceable(fs: ServiceFs, folder: string, draftId: string): Promise<void> {
  const info = await fs.stat(folder).catch(() => null)
  if (info === null) return
  if (info.isDirectory()) {
    const marked = await fs.stat(join(folder, SITE_MARKER_FILE)).then((m) => m.isFile(), () => false)
    if (marked || (await isLegacyArticleFolder(fs, folder, draftId))) return
  }
  throw new PublishError('local-not-ours', `${folder} was not written by this app, so it is left alone; move or rename it, or choose another site folder`, {
    step: 'prepare'
  })
}
