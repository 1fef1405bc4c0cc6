import { isAbsolute, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PublishTarget } from '../../../shared/model/publish'
import { isOnSite } from '../net/sitePolicy'

/**
 * The address of a published article as main accepts it, or null. The site decides what it answers as a
 * post's `link` or an article's `url`, and a package or a hand-edited publish.json decides what is recorded,
 * so this is asked both before recording and before reading or opening: a remote target's article lives on
 * its own site (http(s), its origin or its declared hosts); only the local site has file: addresses, inside
 * its own folder.
 */
export function acceptedLiveUrl(target: PublishTarget, url: string): string | null {
  if (target.kind !== 'local') return isOnSite({ baseUrl: target.baseUrl, hosts: target.siteHosts }, url) ? url : null
  return localPagePath(target.folder, url) === null ? null : url
}

/** The file a local-site address names when it lies inside `folder`, else null. */
export function localPagePath(folder: string, url: string): string | null {
  if (!url.startsWith('file:')) return null
  let path: string
  try {
    // Throws on encoded separators and, off Windows, on a host (a UNC share in disguise).
    path = fileURLToPath(url)
  } catch {
    return null
  }
  return isInsideFolder(folder, path) ? resolve(path) : null
}

export function isInsideFolder(folder: string, path: string): boolean {
  const inside = relative(resolve(folder), resolve(path))
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)
}
