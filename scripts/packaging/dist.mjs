// `npm run dist`: this computer's installers (electron-builder.yml), for this computer's arch only, since sharp's
// native binaries are installed per arch; then the size of what was packaged. The release workflow runs it on
// one runner per platform and arch.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { megabytes, packageReport } from './contents.mjs'

const ARCH_FLAGS = { x64: '--x64', arm64: '--arm64' }
const PLATFORM_FLAGS = { win32: '--win', darwin: '--mac', linux: '--linux' }

/** The electron-builder arguments for a platform and arch, plus whatever the caller added. */
export function builderArgs(platform, arch, extra = []) {
  const platformFlag = PLATFORM_FLAGS[platform]
  const archFlag = ARCH_FLAGS[arch]
  if (!platformFlag || !archFlag) throw new Error(`no installer is configured for ${platform}-${arch}`)
  return [platformFlag, archFlag, '--publish', 'never', ...extra]
}

/** The folders holding resources/app.asar below dist/ (linux-unpacked, win-unpacked, mac-arm64/X.app/...). */
export function unpackedResourceDirs(distDir) {
  const found = []
  const walk = (folder, depth) => {
    if (depth > 4 || !existsSync(folder)) return
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue
      const path = join(folder, entry.name)
      if (existsSync(join(path, 'app.asar'))) found.push(path)
      else walk(path, depth + 1)
    }
  }
  walk(distDir, 0)
  return found
}

export function printReport(distDir) {
  for (const resources of unpackedResourceDirs(distDir)) {
    const report = packageReport(resources)
    console.log(`${resources}: app.asar ${megabytes(report.asarBytes)}, app.asar.unpacked ${megabytes(report.unpackedBytes)}, resources ${megabytes(report.resourcesBytes)}, ${report.packages.length} packages`)
  }
  for (const entry of existsSync(distDir) ? readdirSync(distDir) : []) {
    if (/\.(exe|dmg|deb|AppImage)$/.test(entry)) console.log(`${join(distDir, entry)}: ${megabytes(statSync(join(distDir, entry)).size)}`)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = spawnSync('npx', ['electron-builder', ...builderArgs(process.platform, process.arch, process.argv.slice(2))], { stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) process.exit(result.status ?? 1)
  printReport('dist')
}
