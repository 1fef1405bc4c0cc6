import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error -- a plain build script; its exports are exercised here
import { REQUIRED_STEPS, smokeProblem } from '../../../scripts/packaging/checkSmoke.mjs'

const root = join(import.meta.dirname, '..', '..', '..')
// The YAML parser electron-builder itself reads its config with.
const yaml = createRequire(createRequire(import.meta.url).resolve('app-builder-lib'))('js-yaml') as { load(text: string): unknown }

type Step = { name?: string; if?: string; run?: string; 'timeout-minutes'?: number }
type Workflow = { jobs: Record<string, { needs?: string; steps: Step[]; strategy?: { matrix: { include: { os: string; arch: string; runner: string }[] } } }> }
const workflow = yaml.load(readFileSync(join(root, '.github/workflows/release.yml'), 'utf8')) as Workflow

describe('the release workflow', () => {
  it('runs the project’s tests first, then builds on one native runner per platform and arch', () => {
    expect(workflow.jobs['test']!.steps.some((step) => step.run?.includes('bash .ci/run'))).toBe(true)
    const installers = workflow.jobs['installers']!
    expect(installers.needs).toBe('test')
    expect(installers.strategy!.matrix.include.map(({ os, arch }) => `${os}-${arch}`).sort()).toEqual(['linux-arm64', 'linux-x64', 'mac-arm64', 'mac-x64', 'win-x64'])
    expect(installers.steps.some((step) => step.run?.includes('test "$(node -p process.arch)" = "${{ matrix.arch }}"'))).toBe(true)
  })

  it('smoke-launches what it built on every platform, judged by checkSmoke, within a time limit', () => {
    const steps = workflow.jobs['installers']!.steps
    for (const os of ['win', 'mac', 'linux']) {
      const smoke = steps.filter((step) => step.if === `matrix.os == '${os}'` && step.run?.includes('--smoke='))
      expect(smoke.length, os).toBeGreaterThan(0)
      for (const step of smoke) {
        expect(step.run).toContain('scripts/packaging/checkSmoke.mjs')
        expect(step['timeout-minutes']).toBeLessThanOrEqual(8)
      }
    }
    expect(steps.find((step) => step.run?.includes('xvfb-run'))).toBeDefined()
  })
})

describe('judging a smoke report', () => {
  const passed = { ok: true, timedOut: false, steps: REQUIRED_STEPS.map((name: string) => ({ name, ok: true, ms: 5 })) }

  it('passes a complete run that exited 0', () => {
    expect(smokeProblem(passed, 0)).toBeNull()
  })

  it('fails a missing report, a timeout, a failed or skipped step, or a wrong exit code', () => {
    expect(smokeProblem(null, 0)).toMatch(/no report/)
    expect(smokeProblem({ ...passed, ok: false, timedOut: true }, 1)).toMatch(/time limit/)
    expect(smokeProblem({ ...passed, ok: false, steps: [{ name: 'library', ok: false, error: 'untrusted sender' }] }, 1)).toMatch(/library.*untrusted sender/)
    expect(smokeProblem({ ...passed, steps: passed.steps.slice(0, 3) }, 0)).toMatch(/library, photos/)
    expect(smokeProblem(passed, 3)).toMatch(/exited with 3/)
  })

  it('where the sandbox cannot start, expects the app to refuse and say so, never to run silently without it', () => {
    const refused = { ok: false, timedOut: false, steps: [{ name: 'sandbox', ok: false, error: 'started without its security sandbox' }] }
    expect(smokeProblem(refused, 1, { expectSandboxRefusal: true })).toBeNull()
    expect(smokeProblem(passed, 0, { expectSandboxRefusal: true })).toMatch(/without its sandbox and did not say so/)
  })
})
