// What a packaged app holds, read the way Electron reads it: app.asar through @electron/asar, the unpacked
// native code beside it. Used by `npm run dist` (the size report) and by the packaged-contents test.
import { readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { listPackage, extractFile } from '@electron/asar'

/** Bytes below a folder, following no links. */
export function folderBytes(folder) {
  let total = 0
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) total += folderBytes(path)
    else if (entry.isFile()) total += statSync(path).size
  }
  return total
}

/** Every file below a folder, as forward-slash paths relative to it. */
export function filesBelow(folder, base = folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return filesBelow(path, base)
    return [relative(base, path).split(sep).join('/')]
  })
}

/** The paths inside app.asar, without the leading slash, forward slashes on every platform. */
export function asarEntries(asarPath) {
  return listPackage(asarPath, { isPack: false }).map((entry) => entry.replace(/\\/g, '/').replace(/^\//, ''))
}

export function asarJson(asarPath, entry) {
  return JSON.parse(extractFile(asarPath, entry).toString('utf8'))
}

/** The top-level packages in app.asar's node_modules (scoped ones as @scope/name). */
export function asarPackages(entries) {
  const names = new Set()
  for (const entry of entries) {
    const match = /^node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(entry)
    if (match) names.add(match[1])
  }
  return [...names].sort()
}

export function megabytes(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** Sizes of one unpacked app (the folder holding resources/app.asar), for people and for CI logs. */
export function packageReport(resourcesDir) {
  const asar = join(resourcesDir, 'app.asar')
  const unpacked = join(resourcesDir, 'app.asar.unpacked')
  const entries = asarEntries(asar)
  return {
    asarBytes: statSync(asar).size,
    unpackedBytes: folderBytes(unpacked),
    resourcesBytes: folderBytes(resourcesDir),
    packages: asarPackages(entries)
  }
}
