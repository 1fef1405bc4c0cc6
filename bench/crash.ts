/**
 * `npm run bench:crash`: the SIGKILL crash test of the suite, run many more times (default 2,000 kills;
 * CRASH_ITERATIONS overrides). Prints one JSON line with the test's own tally.
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const iterations = Number(process.env['CRASH_ITERATIONS'] ?? 2000)
const root = fileURLToPath(new URL('..', import.meta.url))
const started = Date.now()
const run = spawnSync('npx', ['vitest', 'run', '--project', 'unit', 'tests/unit/drafts/crash.test.ts', '--testTimeout', String(iterations * 1000)], {
  cwd: root,
  env: { ...process.env, CRASH_ITERATIONS: String(iterations) },
  encoding: 'utf8'
})
const output = `${run.stdout}\n${run.stderr}`
const tally = /crash test: (\d+) SIGKILLs in ([\d.]+) s, seed (\d+), (\d+) saves in all; killed mid-write \(temp file left\): (\d+); in-flight save survived unacknowledged: (\d+)/.exec(output)
console.log(
  JSON.stringify({
    bench: 'crash',
    iterations,
    passed: run.status === 0,
    kills: tally ? Number(tally[1]) : null,
    seconds: tally ? Number(tally[2]) : (Date.now() - started) / 1000,
    seed: tally ? Number(tally[3]) : null,
    saves: tally ? Number(tally[4]) : null,
    killedMidWrite: tally ? Number(tally[5]) : null,
    inFlightSaveSurvived: tally ? Number(tally[6]) : null,
    lostOrMixed: run.status === 0 ? 0 : null
  })
)
if (run.status !== 0) {
  console.error(output.slice(-4000))
  process.exit(1)
}
