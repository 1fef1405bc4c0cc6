/**
 * `npm run check:electron`: Electronegativity over the built app (out/, after `npm run build`). Its bundled
 * TypeScript cannot parse our source (`satisfies`), so it reads what esbuild emitted. Fails on any HIGH or
 * MEDIUM finding that is not one of the reviewed ones below, each of which docs/security.md explains.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export type Finding = { check: string; severity: string; confidence: string; file: string; location: string; sample: string }

/** A finding read and judged safe: the check, the code it points at, and at most how often that code appears. */
export type ReviewedFinding = { check: string; file: string; sample: string; count: number; why: string }

export const REVIEWED: readonly ReviewedFinding[] = [
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/index.js',
    sample: 'await shell.openExternal(url);',
    count: 2,
    why: 'app:openExternal takes only http(s)/mailto URLs (zod schema); publish:openLive opens the address main itself recorded after publishing'
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/index.js',
    sample: 'shell.openExternal(url).catch(',
    count: 1,
    why: 'the navigation guard: decideNavigation hands over only http, https and mailto links'
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/index.js',
    sample: 'openExternal: (url) => shell.openExternal(url),',
    count: 1,
    why: 'the capability handed to the services; every caller is one of the two above'
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/index.js',
    sample: 'await deps.shell.openExternal(target.backEndUrl);',
    count: 1,
    why: 'handPublish:openBackEnd: the page names a target id only; the address is the manual target recorded through publish:saveTarget, whose schema takes only http(s) URLs'
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'renderer/assets/',
    // Matched in the minified renderer too (`f().app.openExternal({url:r})`).
    sample: '.app.openExternal({',
    count: 1,
    why: 'the page asks main through app:openExternal, whose schema refuses anything but http(s) and mailto'
  },
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'main/index.js',
    sample: 'preload: preloadPath,',
    count: 1,
    why: 'our own sandboxed preload, exposing only the IPC contract’s methods through contextBridge'
  }
]

/** RFC 4180 CSV, as Electronegativity writes it: quoted fields, "" for a quote, newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      if (row.some((f) => f !== '')) rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  row.push(field)
  if (row.some((f) => f !== '')) rows.push(row)
  return rows
}

export function readFindings(csv: string): Finding[] {
  const [header, ...rows] = parseCsv(csv)
  if (!header || header[0]?.trim() !== 'issue') throw new Error('Electronegativity wrote no findings table')
  return rows.map(([check = '', severity = '', confidence = '', file = '', location = '', sample = '']) => ({
    check: check.trim(),
    severity: severity.trim(),
    confidence: confidence.trim(),
    file: file.trim(),
    location: location.trim(),
    sample: sample.trim()
  }))
}

/**
 * The HIGH and MEDIUM findings nobody has reviewed. A reviewed entry covers at most `count` findings, so a
 * new call that happens to look like a reviewed one still fails the check.
 */
export function unreviewed(findings: readonly Finding[], reviewed: readonly ReviewedFinding[] = REVIEWED): Finding[] {
  const left = reviewed.map((entry) => ({ entry, remaining: entry.count }))
  return findings.filter((finding) => {
    if (finding.severity !== 'HIGH' && finding.severity !== 'MEDIUM') return false
    const match = left.find(
      ({ entry, remaining }) =>
        remaining > 0 && entry.check === finding.check && finding.file.startsWith(entry.file) && finding.sample.includes(entry.sample)
    )
    if (!match) return true
    match.remaining--
    return false
  })
}

function main(): number {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const out = join(root, 'out')
  if (!existsSync(join(out, 'main', 'index.js'))) {
    console.error('check:electron: out/ is not built; run `npm run build` first')
    return 2
  }
  const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version
  const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'))
  try {
    const csv = join(dir, 'findings.csv')
    const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity')
    const run = spawnSync(bin, ['-i', out, '-o', csv, '-r', '-v', 'false', '-e', electronVersion], { encoding: 'utf8', shell: process.platform === 'win32' })
    if (!existsSync(csv)) {
      console.error(`check:electron: Electronegativity produced no report (exit ${run.status})\n${run.stderr}`)
      return 2
    }
    const findings = readFindings(readFileSync(csv, 'utf8'))
    const bad = unreviewed(findings)
    for (const f of findings) console.log(`${f.severity.padEnd(6)} ${f.confidence.padEnd(9)} ${f.check} ${f.file}:${f.location} ${f.sample.slice(0, 100)}`)
    if (bad.length > 0) {
      console.error(`\ncheck:electron: ${bad.length} HIGH/MEDIUM finding(s) not reviewed. Fix them, or if one is safe, add it to REVIEWED in scripts/check-electron.ts and explain why in the security notes.`)
      for (const f of bad) console.error(`  ${f.severity} ${f.check} ${f.file}:${f.location} ${f.sample}`)
      return 1
    }
    console.log(`\ncheck:electron: ${findings.length} finding(s), none HIGH or MEDIUM beyond the ${REVIEWED.length} reviewed kinds`)
    return 0
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main()
