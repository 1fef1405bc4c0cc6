import { isAbsolute, relative, resolve } from 'node:path'

/** True when `path` is `folder` or inside it (no `..` escape, no other drive or share). */
export function isInsideFolder(folder: string, path: string): boolean {
  const rel = relative(resolve(folder), resolve(path))
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}
