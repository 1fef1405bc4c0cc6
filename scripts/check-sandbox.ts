// Runs before `npm start`: on Ubuntu 23.10+/24.04 Electron from npm aborts with a FATAL stack unless its
// chrome-sandbox helper is setuid root. Say so before starting, with the exact line that fixes it.
import { spawnSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { devSandboxVerdict, type SandboxProbe } from '../src/main/shell/sandbox'

function probe(): SandboxProbe {
  let restrict: string | null
  try {
    restrict = readFileSync('/proc/sys/kernel/apparmor_restrict_unprivileged_userns', 'utf8')
  } catch {
    restrict = null
  }
  const unshare = spawnSync('unshare', ['-Ur', 'true'], { stdio: 'ignore' })
  const usernsWorks = unshare.error ? null : unshare.status === 0
  let chromeSandbox: SandboxProbe['chromeSandbox']
  try {
    const path = join(dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'dist', 'chrome-sandbox')
    const info = statSync(path)
    chromeSandbox = { path, uid: info.uid, mode: info.mode & 0o7777 }
  } catch {
    chromeSandbox = null
  }
  return { platform: process.platform, restrictUnprivilegedUserns: restrict, usernsWorks, chromeSandbox }
}

const verdict = devSandboxVerdict(probe())
if (!verdict.ok) {
  console.error(`Electron cannot start here: ${verdict.why}.\nFix it once with:\n\n  ${verdict.fix}\n`)
  console.error('(The installed app does not need this: its .deb package adds an AppArmor profile. The sandbox is never turned off for you.)')
  process.exit(1)
}
