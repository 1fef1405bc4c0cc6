// Packages the app as electron-builder's `dir` target for Linux x64 with the stand-in Electron: everything an
// installer would hold, without the tools the installers need. `node scripts/packaging/packDir.mjs <out>`.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Arch, build, Platform } from 'electron-builder'
import { writeStandInElectron } from './standIn.mjs'

export const PROJECT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export async function packLinuxDir(outputDir) {
  const electronVersion = JSON.parse(readFileSync(join(PROJECT_DIR, 'node_modules', 'electron', 'package.json'), 'utf8')).version
  const electronDist = writeStandInElectron(join(mkdtempSync(join(tmpdir(), 'newsroom-electron-')), 'dist'))
  await build({
    projectDir: PROJECT_DIR,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: { electronDist, electronVersion, directories: { output: outputDir } }
  })
  return join(outputDir, 'linux-unpacked')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'newsroom-pack-'))
  console.log(await packLinuxDir(out))
}
