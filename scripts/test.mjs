#!/usr/bin/env node
// `npm test`: everything a fresh clone needs to run every test, then every test.
// 1. npm dependencies (npm ci) when node_modules is missing or older than the lockfile;
// 2. system packages the browser and rendering tests need (Debian/Ubuntu: chromium, fonts-noto-cjk, poppler-utils,
//    libreoffice-writer-nogui), installed when we can,
//    otherwise named exactly;
// 3. a local WordPress for the publish integration tests (started when we can, else they skip and say why);
// 4. build the app, run the unit, end-to-end and integration tests, print one closing line with the counts.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const inCI = process.env.CI === 'true' || process.env.CI === '1'
const log = (msg) => console.log(`[npm test] ${msg}`)

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options, env: { ...process.env, ...options.env } })
  return result.status ?? 1
}
function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0
}

// 1. npm dependencies. The Electron binary is not needed by any test (see README), so skip its download.
const lock = join(root, 'package-lock.json')
const marker = join(root, 'node_modules', '.package-lock.json')
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  log('installing npm dependencies (npm ci)')
  const code = run('npm', ['ci', '--no-audit', '--no-fund'], {
    env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' }
  })
  if (code !== 0) process.exit(code)
}

// 2. System packages for the browser tests.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const cjkFont = () => spawnSync('sh', ['-c', 'fc-list :lang=zh family 2>/dev/null | grep -qi "Noto Sans CJK"']).status === 0
const missing = () => [
  ...(existsSync(chromium) ? [] : ['chromium']),
  ...(cjkFont() ? [] : ['fonts-noto-cjk']),
  ...(has('pdftotext') ? [] : ['poppler-utils']),
  // Renders the Word export as the 国产 desktops' LibreOffice shows it; without recommends it is a fraction of the size.
  ...(has('soffice') ? [] : ['libreoffice-writer-nogui'])
]
let needed = missing()
if (needed.length > 0) {
  const isRoot = process.getuid?.() === 0
  const sudo = !isRoot && has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0
  if (has('apt-get') && (isRoot || sudo)) {
    log(`installing system packages: ${needed.join(' ')}`)
    const prefix = isRoot ? [] : ['sudo', '-n']
    const env = { DEBIAN_FRONTEND: 'noninteractive' }
    run(prefix[0] ?? 'apt-get', [...prefix.slice(1), ...(isRoot ? [] : ['apt-get']), 'update', '-q'], { env })
    run(prefix[0] ?? 'apt-get', [...prefix.slice(1), ...(isRoot ? [] : ['apt-get']), 'install', '-y', '-q', '--no-install-recommends', ...needed], { env })
    needed = missing()
  }
  if (needed.length > 0) {
    const msg =
      `missing system packages for the browser and rendering tests: ${needed.join(', ')}. ` +
      `On Debian/Ubuntu: sudo apt-get install -y --no-install-recommends ${needed.join(' ')} (or set CHROMIUM_PATH to a Chromium binary).`
    if (inCI || needed.includes('chromium')) {
      console.error(`[npm test] ${msg}`)
      if (inCI) process.exit(1)
    } else {
      log(`warning: ${msg}${needed.includes('fonts-noto-cjk') ? ' Chinese text would render as boxes; the glyph check will fail.' : ' The tests that need them are skipped and say why.'}`)
    }
  }
}

// 3. A throwaway WordPress for the publish integration tests, started here when none answers and this
//    machine can install Debian packages (root). Otherwise those tests report themselves skipped, with why.
const wpCredentials = `${process.env.NEWSROOM_WP_DIR ?? '/tmp/newsroom-wp'}/run/credentials.env`
async function wordPressAnswers() {
  if (process.env.WP_URL) return true
  try {
    const url = /^WP_URL=(.*)$/m.exec(readFileSync(wpCredentials, 'utf8'))?.[1]?.trim()
    if (!url) return false
    return (await fetch(`${url}/?rest_route=/`, { signal: AbortSignal.timeout(5000) })).ok
  } catch {
    return false
  }
}
let startedWordPress = false
if (process.env.NEWSROOM_SKIP_WORDPRESS !== '1' && !(await wordPressAnswers())) {
  if (process.getuid?.() === 0 && has('apt-get')) {
    log('starting a local WordPress for the integration tests (scripts/wordpress/start.sh)')
    startedWordPress = run('bash', ['scripts/wordpress/start.sh']) === 0
    if (!startedWordPress) log('warning: WordPress did not start (see above); the publish integration tests will be skipped')
  } else {
    log('no WordPress answers and this is not root on Debian/Ubuntu: the publish integration tests will be skipped. ' +
      'Run `sudo bash scripts/wordpress/start.sh` first to include them.')
  }
}

// 4. Build, then the test projects one after another (the machine may have two cores; the crash test and
//    Chromium should not fight over them).
log('building the app (electron-vite build)')
if (run('npx', ['electron-vite', 'build', '--logLevel', 'warn']) !== 0) process.exit(1)

const reports = mkdtempSync(join(tmpdir(), 'newsroom-test-'))
const totals = { passed: 0, failed: 0, skipped: 0 }
let failedProjects = 0
const extra = process.argv.slice(2)
for (const project of ['unit', 'e2e', 'packaging', 'integration']) {
  log(`running the ${project} tests`)
  const out = join(reports, `${project}.json`)
  const code = run('npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...extra])
  if (code !== 0) failedProjects++
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'))
    totals.passed += r.numPassedTests
    totals.failed += r.numFailedTests
    totals.skipped += r.numPendingTests + r.numTodoTests
  } else if (code !== 0) {
    totals.failed++
  }
}
rmSync(reports, { recursive: true, force: true })
if (startedWordPress) run('bash', ['scripts/wordpress/stop.sh'])
console.log(`\nall tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(failedProjects > 0 || totals.failed > 0 ? 1 : 0)
