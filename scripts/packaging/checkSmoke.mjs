// Judges a --smoke report for the release workflow: `node checkSmoke.mjs <report.json> <exit code> [--expect-sandbox-refusal]`.
// Exit 0 when the run is what was expected, 1 otherwise, printing the report either way.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const REQUIRED_STEPS = ['sandbox', 'window', 'page', 'library', 'photos']

/** Why the run is not what was expected, or null when it is. */
export function smokeProblem(report, exitCode, { expectSandboxRefusal = false } = {}) {
  if (!report) return 'no report was written: the app did not start, or quit before its smoke run'
  if (expectSandboxRefusal) {
    const sandbox = report.steps?.find((step) => step.name === 'sandbox')
    if (!sandbox || sandbox.ok) return 'the app ran without its sandbox and did not say so'
    return exitCode === 1 ? null : `the app refused as expected but exited with ${exitCode}, not 1`
  }
  if (report.timedOut) return 'the smoke run did not finish within its time limit'
  const failed = report.steps?.find((step) => !step.ok)
  if (failed) return `step "${failed.name}" failed: ${failed.error}`
  const missing = REQUIRED_STEPS.filter((name) => !report.steps?.some((step) => step.name === name && step.ok))
  if (missing.length > 0) return `steps that did not run: ${missing.join(', ')}`
  if (!report.ok) return 'the report says it failed'
  return exitCode === 0 ? null : `every step passed but the app exited with ${exitCode}`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [path, code, flag] = process.argv.slice(2)
  let report = null
  try {
    report = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''))
    console.log(JSON.stringify(report, null, 2))
  } catch (error) {
    console.error(`cannot read ${path}: ${error.message}`)
  }
  const problem = smokeProblem(report, Number(code), { expectSandboxRefusal: flag === '--expect-sandbox-refusal' })
  if (problem) {
    console.error(`smoke launch failed: ${problem}`)
    process.exit(1)
  }
  console.log('smoke launch passed')
}
